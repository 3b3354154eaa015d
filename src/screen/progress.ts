// A progress bar on a terminal's stderr only: quiet when piped and in CI, where it would be noise.

export interface ProgressSink {
  err(text: string): void;
  stderrIsTTY: boolean;
  now(): number;
}

export class Progress {
  private last = 0;
  private readonly started: number;
  readonly enabled: boolean;
  constructor(
    private readonly sink: ProgressSink,
    private readonly label: string,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.enabled = sink.stderrIsTTY && !env.CI;
    this.started = sink.now();
  }

  /** `done`/`total` in any unit (bytes read); `patients` screened so far. */
  update(done: number, total: number, patients: number, force = false): void {
    if (!this.enabled) return;
    const now = this.sink.now();
    if (!force && now - this.last < 200) return;
    this.last = now;
    this.sink.err(`\r${renderBar(this.label, done, total, patients, (now - this.started) / 1000)}\x1b[K`);
  }

  finish(): void {
    if (this.enabled) this.sink.err('\n');
  }
}

export function renderBar(label: string, done: number, total: number, patients: number, seconds: number): string {
  const frac = total > 0 ? Math.min(1, done / total) : 0;
  const width = 24;
  const filled = Math.round(frac * width);
  const rate = seconds > 0 ? patients / seconds : 0;
  const eta = frac > 0 && frac < 1 ? (seconds * (1 - frac)) / frac : 0;
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% ${patients} patients ${rate.toFixed(0)}/s ETA ${clock(eta)}`;
}

function clock(s: number): string {
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  return `${h > 0 ? `${h}:` : ''}${String(m).padStart(h > 0 ? 2 : 1, '0')}:${String(sec).padStart(2, '0')}`;
}

import type { Day } from '../history/dates.js';
import type { CliIo } from './io.js';

/**
 * A command's terminal for tests: what it writes to standard output and error is kept, today is
 * fixed, and neither stream is a terminal unless asked (progress bars draw only on one).
 */
export function captureIo(today: Day, options: { stderrIsTTY?: boolean } = {}): { cli: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const cli: CliIo = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    today: () => today,
    stdoutIsTTY: false,
    stderrIsTTY: options.stderrIsTTY ?? false,
  };
  return { cli, out: () => out, err: () => err };
}

import { statSync } from 'node:fs';
import { bulkBytes, partitionBulk, removePlan, screenPartition } from './bulk.js';
import { readLines } from './lines.js';
import { Pool } from './pool.js';
import { Progress, type ProgressSink } from './progress.js';
import { screenLine, type ScreenResult, type ScreenSettings } from './record.js';
import { CANDIDATE_CSV_HEADER, CSV_HEADER, formatCandidate, formatRow, type RowFormat } from './rows.js';
import { Summary } from './summary.js';

// Screening a cohort (adapter): reads NDJSON histories, NDJSON Bundles or a Bulk export folder,
// screens every record (in worker threads with workers > 0), writes one row per patient in input
// order (partition order for a Bulk export) and returns the summary. Memory is bounded by the batch
// size and the number of batches in flight, never by the cohort.

export { isTrialCandidate, candidateRow, TRIAL_ACCEPTED_AGAINST, TRIAL_DEFINING } from './candidates.js';
export { screenLine, screenJson, screenHistory, type ScreenRow, type ScreenResult, type ScreenSettings } from './record.js';
export { Summary, type SummaryJson } from './summary.js';
export { formatRow, csvField, CSV_HEADER } from './rows.js';
export { renderBar } from './progress.js';
export { Pool } from './pool.js';

export interface ScreenOptions extends ScreenSettings {
  input: string;
  format: RowFormat;
  workers: number;
  /** Writes output text; may return a promise to apply backpressure. */
  write: (text: string) => void | Promise<void>;
  sink: ProgressSink;
  /**
   * Worker threads already started (and warmed) with the same settings, used instead of starting
   * `workers` new ones for NDJSON input, and left open. Each thread compiles and optimises the code on its own, which
   * costs seconds of CPU; a long-lived caller (the server, a benchmark) pays that once.
   */
  pool?: Pool;
}

const BATCH_LINES = 256;
const BATCH_BYTES = 1 << 20;

export async function screen(o: ScreenOptions): Promise<Summary> {
  const summary = new Summary();
  let candidateNo = 0;
  await o.write(o.candidates ? CANDIDATE_CSV_HEADER_FOR(o.format) : o.format === 'csv' ? CSV_HEADER : '');
  const emit = async (results: ScreenResult[]) => {
    let out = '';
    for (const r of results) {
      summary.add(r.row);
      if (o.candidates) {
        if (r.candidate) {
          summary.candidates++;
          out += formatCandidate({ ...r.candidate, candidate: ++candidateNo }, o.format);
        }
      } else out += formatRow(r.row, o.format);
    }
    if (out) await o.write(out);
  };
  const isDir = statSync(o.input).isDirectory();
  const settings: ScreenSettings = { drug: o.drug, asOf: o.asOf, label: o.label, candidates: o.candidates };
  const progress = new Progress(o.sink, isDir ? 'screening bulk export' : 'screening');
  const total = isDir ? bulkBytes(o.input) : statSync(o.input).size;
  let done = 0;

  if (isDir) {
    const joinBar = new Progress(o.sink, 'joining by patient');
    const plan = await partitionBulk(o.input, (n) => joinBar.update((done += n), total, 0));
    joinBar.finish();
    try {
      let batch: ScreenResult[] = [];
      for await (const line of readLines(plan.rejectedPath)) {
        batch.push(JSON.parse(line) as ScreenResult);
        if (batch.length >= BATCH_LINES) {
          await emit(batch);
          batch = [];
        }
      }
      await emit(batch);
      // The export's shared resources are given to the threads at start: a pool of the caller's cannot have them.
      const own = o.workers > 0;
      const pool = own ? new Pool(o.workers, { settings, shared: plan.shared }) : undefined;
      try {
        await ordered(plan.partitions.length, pool?.size ?? 0, async (seq) => {
          const results = pool ? await pool.run({ kind: 'partition', seq, path: plan.partitions[seq]! }) : screenPartition(plan.partitions[seq]!, plan.shared, settings);
          return results;
        }, async (results, seq) => {
          await emit(results);
          progress.update(seq + 1, plan.partitions.length, summary.patients);
        });
      } finally {
        if (own) await pool?.close();
      }
    } finally {
      removePlan(plan);
    }
    progress.finish();
    return summary;
  }

  const own = o.workers > 0 && !o.pool;
  const pool = o.pool ?? (own ? new Pool(o.workers, { settings, shared: {} }) : undefined);
  const inFlightPerWorker = 2;
  try {
    const batches = batchLines(o.input, (n) => (done += n));
    let seq = 0;
    const inFlight = new Map<number, Promise<ScreenResult[]>>();
    let nextOut = 0;
    const maxInFlight = Math.max(1, (pool?.size ?? 0) * inFlightPerWorker);
    const drain = async (all: boolean) => {
      while (inFlight.has(nextOut) && (all || inFlight.size >= maxInFlight)) {
        const results = await inFlight.get(nextOut)!;
        inFlight.delete(nextOut++);
        await emit(results);
        progress.update(done, total, summary.patients);
      }
    };
    for await (const b of batches) {
      const s = seq++;
      if (pool) inFlight.set(s, pool.run({ kind: 'lines', seq: s, lines: b.lines, firstLine: b.firstLine, file: o.input }));
      else inFlight.set(s, Promise.resolve(b.lines.map((line, i) => screenLine(line, settings, `${o.input}:${b.firstLine + i}`))));
      await drain(false);
    }
    await drain(true);
  } finally {
    if (own) await pool?.close();
  }
  progress.update(total, total, summary.patients, true);
  progress.finish();
  return summary;
}

function CANDIDATE_CSV_HEADER_FOR(format: RowFormat): string {
  return format === 'csv' ? CANDIDATE_CSV_HEADER : '';
}

async function* batchLines(path: string, onBytes: (n: number) => void): AsyncGenerator<{ lines: string[]; firstLine: number }> {
  let lines: string[] = [];
  let bytes = 0;
  let lineNo = 0;
  let first = 1;
  for await (const line of readLines(path, onBytes)) {
    lineNo++;
    if (line.trim() === '') {
      // A blank line ends the batch so that line numbers in the output stay exact.
      if (lines.length > 0) yield { lines, firstLine: first };
      lines = [];
      bytes = 0;
      continue;
    }
    if (lines.length === 0) first = lineNo;
    lines.push(line);
    bytes += line.length;
    if (lines.length >= BATCH_LINES || bytes >= BATCH_BYTES) {
      yield { lines, firstLine: first };
      lines = [];
      bytes = 0;
    }
  }
  if (lines.length > 0) yield { lines, firstLine: first };
}

/** Runs `count` tasks with up to max(1, 2 x workers) in flight, handing results over in order. */
async function ordered<T>(count: number, workers: number, task: (seq: number) => Promise<T>, take: (r: T, seq: number) => Promise<void>): Promise<void> {
  const window = Math.max(1, workers * 2);
  const running = new Map<number, Promise<T>>();
  let next = 0;
  for (let out = 0; out < count; out++) {
    while (next < count && next < out + window) {
      running.set(next, task(next));
      next++;
    }
    const r = await running.get(out)!;
    running.delete(out);
    await take(r, out);
  }
}

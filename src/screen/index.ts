import { statSync } from 'node:fs';
import { bulkBytes, partitionBulk, removePlan } from './bulk.js';
import { lineRanges } from './line-ranges.js';
import { ChunkBuilder, type ChunkResult } from './chunk.js';
import { readLines } from './lines.js';
import { Pool } from './pool.js';
import { Progress, type ProgressSink } from './progress.js';
import type { ScreenResult, ScreenSettings } from './record.js';
import { ALL_DRUGS_CSV_HEADER, CANDIDATE_CSV_HEADER, CSV_HEADER, formatCandidate, type RowFormat } from './rows.js';
import { Summary } from './summary.js';
import { runTask, type WorkerTask } from './task.js';

// Screening a cohort (adapter): reads NDJSON histories, NDJSON Bundles or a Bulk export folder,
// screens every record (in worker threads with workers > 0), writes one row per patient in input
// order (partition order for a Bulk export) and returns the summary. Memory is bounded by the chunk
// size and the number of chunks in flight, never by the cohort. The reading thread only reads bytes
// and writes what the threads formatted: with N workers, N cores screen.

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

/** Bytes per chunk of NDJSON handed to a thread: a few hundred patients. */
const CHUNK_BYTES = 1 << 20;
const IN_FLIGHT_PER_WORKER = 2;

export async function screen(o: ScreenOptions): Promise<Summary> {
  const summary = new Summary();
  let candidateNo = 0;
  const allDrugs = o.drug === 'all';
  await o.write(o.candidates ? CANDIDATE_CSV_HEADER_FOR(o.format) : o.format === 'csv' ? (allDrugs ? ALL_DRUGS_CSV_HEADER : CSV_HEADER) : '');
  const emit = async (chunk: ChunkResult) => {
    summary.merge(chunk.counts);
    let out = chunk.text;
    for (const c of chunk.candidates) out += formatCandidate({ ...c, candidate: ++candidateNo }, o.format);
    if (out) await o.write(out);
  };
  const isDir = statSync(o.input).isDirectory();
  const settings: ScreenSettings = { drug: o.drug, asOf: o.asOf, label: o.label, candidates: o.candidates, strict: o.strict === true };
  const progress = new Progress(o.sink, isDir ? 'screening bulk export' : 'screening');
  const total = isDir ? bulkBytes(o.input) : statSync(o.input).size;
  let done = 0;

  if (isDir) {
    const joinBar = new Progress(o.sink, 'joining by patient');
    const plan = await partitionBulk(o.input, (n) => joinBar.update((done += n), total, 0));
    joinBar.finish();
    try {
      let rejectedRows = new ChunkBuilder(o.format, o.candidates, allDrugs);
      let n = 0;
      for await (const line of readLines(plan.rejectedPath)) {
        rejectedRows.add(JSON.parse(line) as ScreenResult);
        if (++n % 256 === 0) {
          await emit(rejectedRows.finish());
          rejectedRows = new ChunkBuilder(o.format, o.candidates, allDrugs);
        }
      }
      await emit(rejectedRows.finish());
      // The export's shared resources are given to the threads at start: a pool of the caller's cannot have them.
      const own = o.workers > 0;
      const pool = own ? new Pool(o.workers, { settings, shared: plan.shared }) : undefined;
      try {
        await ordered(
          plan.partitions.length,
          pool?.size ?? 0,
          async (seq) => {
            const task: WorkerTask = { kind: 'partition', seq, path: plan.partitions[seq]!, format: o.format };
            return pool ? pool.run(task) : runTask(task, settings, plan.shared);
          },
          async (result, seq) => {
            await emit(result);
            progress.update(seq + 1, plan.partitions.length, summary.patients);
          },
        );
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
  try {
    const inFlight = new Map<number, Promise<ChunkResult>>();
    const maxInFlight = Math.max(1, (pool?.size ?? 0) * IN_FLIGHT_PER_WORKER);
    let seq = 0;
    let nextOut = 0;
    const drain = async (all: boolean) => {
      while (inFlight.has(nextOut) && (all || inFlight.size >= maxInFlight)) {
        const result = await inFlight.get(nextOut)!;
        inFlight.delete(nextOut++);
        await emit(result);
        progress.update(done, total, summary.patients);
      }
    };
    for await (const r of lineRanges(o.input, CHUNK_BYTES, (n) => (done += n))) {
      // The thread that screens the lines reads them itself.
      const task: WorkerTask = { kind: 'lines', seq: seq++, file: o.input, start: r.start, length: r.length, firstLine: r.firstLine, format: o.format };
      inFlight.set(task.seq, pool ? pool.run(task) : Promise.resolve(runTask(task, settings, {})));
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

import { Worker } from 'node:worker_threads';
import type { ChunkResult } from './chunk.js';
import type { WorkerReply, WorkerTask } from './task.js';

// N worker threads, each given one task at a time; results come back in submission order so the
// output is the same whatever the number of workers.

const YOUNG_GENERATION_MB = 192;

type Pending = { resolve: (r: ChunkResult) => void; reject: (e: Error) => void };

export class Pool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { task: WorkerTask; transfer: ArrayBuffer[] }[] = [];
  private readonly pending = new Map<number, Pending>();

  readonly size: number;

  constructor(n: number, workerData: unknown) {
    this.size = n;
    // Under tsx the sources are .ts; compiled, they are .js beside this file.
    const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    const url = new URL(`./worker${ext}`, import.meta.url);
    // Screening allocates many short-lived objects (parsing, validation); with a worker's default
    // young generation it spent most of its time in scavenges and ran at 40% of the main thread's
    // speed (measured with bench/screen.ts). 48 MB brought it level; 192 MB is 6% faster again (fewer
    // scavenges of a chunk still being screened) for at most 128 MB more resident per thread.
    for (let i = 0; i < n; i++) {
      // Running from sources (tests, tsx): the worker registers tsx before loading the TypeScript.
      const w = ext === '.ts'
        ? new Worker(`import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`, { eval: true, workerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } })
        : new Worker(url, { workerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      w.on('message', (m: WorkerReply) => {
        this.pending.get(m.seq)?.resolve(m.result);
        this.pending.delete(m.seq);
        this.next(w);
      });
      w.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  /** `transfer`: buffers of the task moved to the thread, not copied (they are unusable here after). */
  run(task: WorkerTask, transfer: ArrayBuffer[] = []): Promise<ChunkResult> {
    return new Promise((resolve, reject) => {
      this.pending.set(task.seq, { resolve, reject });
      const w = this.idle.pop();
      if (w) w.postMessage(task, transfer);
      else this.queue.push({ task, transfer });
    });
  }

  private next(w: Worker): void {
    const t = this.queue.shift();
    if (t) w.postMessage(t.task, t.transfer);
    else this.idle.push(w);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

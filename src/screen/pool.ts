import { Worker } from 'node:worker_threads';
import type { ChunkResult } from './chunk.js';
import type { WorkerReply, WorkerTask } from './task.js';

// N worker threads. A task goes at once to the thread with the fewest tasks outstanding, where it
// waits in the thread's own queue: a thread that finishes a task starts the next without waiting for
// the calling thread to hear of it (that round trip left one worker idle 10% of the time). Callers
// bound the tasks in flight; results are matched to tasks by sequence number, so the output is the
// same whatever the number of workers.

const YOUNG_GENERATION_MB = 192;

type Pending = { resolve: (r: ChunkResult) => void; reject: (e: Error) => void };

export class Pool {
  private readonly workers: Worker[] = [];
  private readonly outstanding: number[] = [];
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
      const w =
        ext === '.ts'
          ? new Worker(`import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`, {
              eval: true,
              workerData,
              resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
            })
          : new Worker(url, { workerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      w.on('message', (m: WorkerReply) => {
        this.outstanding[i]!--;
        this.pending.get(m.seq)?.resolve(m.result);
        this.pending.delete(m.seq);
      });
      w.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(w);
      this.outstanding.push(0);
    }
  }

  run(task: WorkerTask): Promise<ChunkResult> {
    return new Promise((resolve, reject) => {
      this.pending.set(task.seq, { resolve, reject });
      let least = 0;
      for (let i = 1; i < this.workers.length; i++) if (this.outstanding[i]! < this.outstanding[least]!) least = i;
      this.outstanding[least]!++;
      this.workers[least]!.postMessage(task);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

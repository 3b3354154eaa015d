import { parentPort, workerData } from 'node:worker_threads';
import type { ScreenSettings } from './record.js';
import { runTask, type WorkerReply, type WorkerTask } from './task.js';

// A screening worker: ranges of NDJSON lines (which it reads itself) or bulk partitions in,
// formatted rows and counts out.
// It holds nothing between tasks but the settings and the shared resources of a bulk export.

const { settings, shared } = workerData as { settings: ScreenSettings; shared: Record<string, string> };

parentPort!.on('message', (task: WorkerTask) => {
  const reply: WorkerReply = { seq: task.seq, result: runTask(task, settings, shared) };
  parentPort!.postMessage(reply);
});

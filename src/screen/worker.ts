import { parentPort, workerData } from 'node:worker_threads';
import { screenPartition } from './bulk.js';
import { screenLine, type ScreenSettings } from './record.js';

// A screening worker: batches of NDJSON lines or bulk partitions in, results out. It holds nothing
// between tasks but the settings and the shared resources of a bulk export.

export type WorkerTask =
  | { kind: 'lines'; seq: number; lines: string[]; firstLine: number; file: string }
  | { kind: 'partition'; seq: number; path: string };

const { settings, shared } = workerData as { settings: ScreenSettings; shared: Record<string, string> };

parentPort!.on('message', (task: WorkerTask) => {
  if (task.kind === 'lines') {
    const results = task.lines.map((line, i) => screenLine(line, settings, `${task.file}:${task.firstLine + i}`));
    parentPort!.postMessage({ seq: task.seq, results });
  } else {
    parentPort!.postMessage({ seq: task.seq, results: screenPartition(task.path, shared, settings) });
  }
});

import { screenPartition } from './bulk.js';
import { ChunkBuilder, screenChunk, type ChunkResult } from './chunk.js';
import { readRange } from './line-ranges.js';
import type { ScreenSettings } from './record.js';
import type { RowFormat } from './rows.js';

// The unit of screening work, the same in a worker thread and in the calling thread.

export type WorkerTask =
  | { kind: 'lines'; seq: number; file: string; start: number; length: number; firstLine: number; format: RowFormat }
  | { kind: 'partition'; seq: number; path: string; format: RowFormat };

export interface WorkerReply {
  seq: number;
  result: ChunkResult;
}

export function runTask(task: WorkerTask, s: ScreenSettings, shared: Record<string, string>): ChunkResult {
  if (task.kind === 'lines') return screenChunk(readRange(task.file, task), task.firstLine, task.file, s, task.format);
  const out = new ChunkBuilder(task.format, s.candidates, s.drug === 'all');
  for (const r of screenPartition(task.path, shared, s)) out.add(r);
  return out.finish();
}

import { screenPartition } from './bulk.js';
import { ChunkBuilder, screenChunk, type ChunkResult } from './chunk.js';
import type { ScreenSettings } from './record.js';
import type { RowFormat } from './rows.js';

// The unit of screening work, the same in a worker thread and in the calling thread.

export type WorkerTask =
  | { kind: 'chunk'; seq: number; bytes: Uint8Array; firstLine: number; file: string; format: RowFormat }
  | { kind: 'partition'; seq: number; path: string; format: RowFormat };

export interface WorkerReply {
  seq: number;
  result: ChunkResult;
}

export function runTask(task: WorkerTask, s: ScreenSettings, shared: Record<string, string>): ChunkResult {
  if (task.kind === 'chunk') return screenChunk(task.bytes, task.firstLine, task.file, s, task.format);
  const out = new ChunkBuilder(task.format, s.candidates);
  for (const r of screenPartition(task.path, shared, s)) out.add(r);
  return out.finish();
}

import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

// A file as ranges of whole lines, found by the reading thread and read again by the thread that
// screens them. Each thread reads into one buffer of its own, reused from range to range: handing
// each chunk's bytes to a worker instead (a new buffer per megabyte, transferred) made the worker's
// garbage collector run often enough to cost 5% of its time.

export interface LineRange {
  /** Byte offset of the first line. */
  start: number;
  /** Bytes: whole lines, the last one ending with a line feed unless it ends the file. */
  length: number;
  /** The file line number of the first line (from 1). */
  firstLine: number;
}

const LF = 10;

export async function* lineRanges(path: string, chunkBytes: number, onBytes?: (n: number) => void): AsyncGenerator<LineRange> {
  const fh = await open(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(chunkBytes);
    let start = 0;
    let line = 1;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, start);
      if (bytesRead === 0) return;
      const lastLf = buf.lastIndexOf(LF, bytesRead - 1);
      if (lastLf === -1 && bytesRead === buf.length) {
        // A line longer than the buffer: read it again with room for it.
        buf = Buffer.allocUnsafe(buf.length * 2);
        continue;
      }
      // The last range of a file without a final line feed ends at the end of the file.
      const length = lastLf === -1 || bytesRead < buf.length ? bytesRead : lastLf + 1;
      const range = { start, length, firstLine: line };
      line += countLf(buf, length);
      onBytes?.(length);
      start += length;
      yield range;
    }
  } finally {
    await fh.close();
  }
}

function countLf(buf: Buffer, end: number): number {
  let n = 0;
  let i = -1;
  while ((i = buf.indexOf(LF, i + 1)) !== -1 && i < end) n++;
  return n;
}

/** A thread's own read buffer: grown when a range needs more, never shrunk. */
let readBuffer = Buffer.allocUnsafe(0);

/** The bytes of a range, read into this thread's buffer (valid until the next call). */
export function readRange(path: string, r: Pick<LineRange, 'start' | 'length'>): Buffer {
  if (readBuffer.length < r.length) readBuffer = Buffer.allocUnsafe(Math.max(r.length, 1 << 20));
  const fd = openSync(path, 'r');
  try {
    let done = 0;
    while (done < r.length) {
      const n = readSync(fd, readBuffer, done, r.length - done, r.start + done);
      if (n === 0) throw new Error(`${path} is shorter than when it was read: it changed during the run`);
      done += n;
    }
  } finally {
    closeSync(fd);
  }
  return readBuffer.subarray(0, r.length);
}

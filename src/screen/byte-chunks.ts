import { open } from 'node:fs/promises';

// A file in chunks of whole lines, as bytes: the reading thread never decodes or splits a line, and
// each chunk has an ArrayBuffer of its own that can be transferred to a worker thread without a copy.

export interface ByteChunk {
  bytes: Uint8Array;
  /** The file line number of the chunk's first line (from 1). */
  firstLine: number;
}

const LF = 10;

export async function* byteChunks(path: string, chunkBytes: number, onBytes?: (n: number) => void): AsyncGenerator<ByteChunk> {
  const fh = await open(path, 'r');
  try {
    let carry: Uint8Array = new Uint8Array(0);
    let line = 1;
    for (;;) {
      // Not from Buffer's shared pool: the chunk must own its memory to be transferred.
      const buf = Buffer.allocUnsafeSlow(carry.length + chunkBytes);
      buf.set(carry, 0);
      const { bytesRead } = await fh.read(buf, carry.length, chunkBytes, null);
      onBytes?.(bytesRead);
      const end = carry.length + bytesRead;
      if (bytesRead === 0) {
        if (end > 0) yield { bytes: buf.subarray(0, end), firstLine: line };
        return;
      }
      const lastLf = buf.lastIndexOf(LF, end - 1);
      if (lastLf === -1) {
        // A line longer than a chunk: keep reading until it ends.
        carry = buf.subarray(0, end);
        continue;
      }
      carry = Uint8Array.prototype.slice.call(buf, lastLf + 1, end);
      const bytes = buf.subarray(0, lastLf + 1);
      const chunk = { bytes, firstLine: line };
      line += countLf(buf, lastLf + 1);
      yield chunk;
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

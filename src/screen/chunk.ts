import { isAscii } from 'node:buffer';
import type { CandidateRow } from './candidates.js';
import { screenLine, type ScreenResult, type ScreenSettings } from './record.js';
import { formatRow, type RowFormat } from './rows.js';
import { Summary, type SummaryCounts } from './summary.js';

// A chunk of a cohort screened to what the output needs: its rows already formatted, its counts for
// the summary and its trial candidates. A worker thread hands back this, not one object per patient,
// so that the thread that writes the output does next to nothing per patient and N workers can use N
// cores.

export interface ChunkResult {
  /** The formatted rows, in input order (empty with --candidates: candidates are numbered in output order). */
  text: string;
  counts: SummaryCounts;
  candidates: CandidateRow[];
}

export class ChunkBuilder {
  // Rows kept apart and joined once: appending made a tree of thousands of string pieces that had to
  // be walked and copied when the text was handed back to the reading thread.
  private readonly rows: string[] = [];
  private readonly summary = new Summary();
  private readonly candidates: CandidateRow[] = [];

  constructor(
    private readonly format: RowFormat,
    private readonly candidateMode: boolean,
    private readonly allDrugs = false,
  ) {}

  add(r: ScreenResult): void {
    this.summary.add(r.row);
    if (!this.candidateMode) this.rows.push(formatRow(r.row, this.format, this.allDrugs));
    else if (r.candidate) {
      this.summary.candidates++;
      this.candidates.push(r.candidate);
    }
  }

  finish(): ChunkResult {
    return { text: this.rows.join(''), counts: this.summary.counts(), candidates: this.candidates };
  }
}

const CR = 13;

/**
 * Screens the NDJSON lines of `bytes` (whole lines of UTF-8; a chunk always ends after a line feed,
 * so it never splits a character). `firstLine` is the file line number of its first line: rejected
 * records name their line.
 */
export function screenChunk(bytes: Uint8Array, firstLine: number, file: string, settings: ScreenSettings, format: RowFormat): ChunkResult {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // ASCII (nearly every export) is its own Latin-1: copied as it is, without UTF-8 decoding.
  const text = buf.toString(isAscii(buf) ? 'latin1' : 'utf8');
  const out = new ChunkBuilder(format, settings.candidates, settings.drug === 'all');
  let lineNo = firstLine;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    const next = end === -1 ? text.length : end + 1;
    if (end === -1) end = text.length;
    if (end > start && text.charCodeAt(end - 1) === CR) end--;
    if (!isBlank(text, start, end)) {
      const r = screenLine(text.slice(start, end), settings, '');
      // The source is only ever shown for a rejected record: formatted for those alone.
      if (r.row.verdict === 'rejected') r.row.source = `${file}:${lineNo}`;
      out.add(r);
    }
    lineNo++;
    start = next;
  }
  return out.finish();
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 11 && c !== 12 && c !== 0xfeff) return false;
  }
  return true;
}

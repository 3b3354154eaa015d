import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDay } from '../history/dates.js';
import { synthHistory } from '../synth/index.js';
import { lineRanges, readRange } from './line-ranges.js';
import { screenChunk } from './chunk.js';
import { screenLine, type ScreenSettings } from './record.js';
import { csvField, formatRow } from './rows.js';
import { Summary } from './summary.js';

const asOf = parseDay('2026-11-01')!;
const settings: ScreenSettings = { drug: 'alemtuzumab', asOf, label: 'eu', candidates: false };
const dir = mkdtempSync(join(tmpdir(), 'fulcrum-chunk-test-'));

// Lines with multi-byte characters, carriage returns and blank lines: whatever the chunk size, the
// ranges cover the file in order, each ends after a line feed (but a last line without one), each
// names the file line it starts on, and a thread reads back exactly those bytes.
const line = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('', '\r', 'é€😀', '{"a":1}\r')).map((s) => s.replace(/\n/g, ''));

describe('a file in ranges of whole lines', () => {
  it('covers the file exactly, splits only after line feeds and numbers lines from 1', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), fc.boolean(), fc.integer({ min: 1, max: 40 }), async (lines, finalLf, size) => {
        const text = lines.join('\n') + (finalLf && lines.length > 0 ? '\n' : '');
        const path = join(dir, `f${n++}.ndjson`);
        writeFileSync(path, text);
        const parts: Buffer[] = [];
        let expectedLine = 1;
        let expectedStart = 0;
        for await (const r of lineRanges(path, size)) {
          expect(r.start).toBe(expectedStart);
          expect(r.firstLine).toBe(expectedLine);
          expect(r.length).toBeGreaterThan(0);
          const b = Buffer.from(readRange(path, r));
          parts.push(b);
          expectedLine += b.toString('utf8').split('\n').length - 1;
          expectedStart += r.length;
        }
        expect(Buffer.concat(parts).equals(Buffer.from(text))).toBe(true);
        // Every range but the last ends with a line feed; no range splits a character.
        parts.slice(0, -1).forEach((p) => expect(p[p.length - 1]).toBe(10));
        for (const p of parts) expect(Buffer.from(p.toString('utf8')).equals(p)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('one chunk screened', () => {
  const cohort = Array.from({ length: 8 }, (_, i) => synthHistory(11, i, asOf));

  it('gives the rows of screening each line, formatted, and the counts of those rows', () => {
    const lines = cohort.map((h) => JSON.stringify(h));
    lines.splice(3, 0, '{"formatVersion":2}', '', '   ', 'not json');
    const r = screenChunk(Buffer.from(lines.join('\r\n') + '\r\n'), 100, 'cohort.ndjson', settings, 'csv');
    const expected = new Summary();
    let text = '';
    lines.forEach((l, i) => {
      if (l.trim() === '') return;
      const one = screenLine(l, settings, `cohort.ndjson:${100 + i}`);
      expected.add(one.row);
      text += formatRow(one.row, 'csv');
    });
    expect(r.text).toBe(text);
    expect(r.text).toMatch(/cohort\.ndjson:103\n/);
    expect(r.text).toMatch(/cohort\.ndjson:106\n/);
    expect(r.counts).toStrictEqual(expected.counts());
  });

  it('reads UTF-8: a chunk with characters beyond ASCII gives the rows of its lines', () => {
    // Ids are ASCII (src/history/ids.ts); a condition's note may hold any text.
    const h = { ...cohort[0]!, conditions: [{ code: 'stroke', status: 'resolved', note: 'Zoë-😀-€' }] };
    const lines = [JSON.stringify(h), JSON.stringify(cohort[1])];
    const r = screenChunk(Buffer.from(lines.join('\n')), 1, 'f', settings, 'csv');
    expect(r.text).toBe(lines.map((l) => formatRow(screenLine(l, settings, '').row, 'csv')).join(''));
    expect(r.text.startsWith(`${h.id},`)).toBe(true);
  });

  it('counts merged chunk by chunk equal the counts of the whole', () => {
    const lines = cohort.map((h) => JSON.stringify(h));
    const whole = screenChunk(Buffer.from(lines.join('\n')), 1, 'f', settings, 'ndjson');
    const merged = new Summary();
    for (let i = 0; i < lines.length; i += 3) merged.merge(screenChunk(Buffer.from(lines.slice(i, i + 3).join('\n')), i + 1, 'f', settings, 'ndjson').counts);
    expect(merged.toJson()).toStrictEqual(Object.assign(new Summary(), whole.counts).toJson());
  });
});

describe('CSV fields', () => {
  // The regular expressions the fast scan stands in for.
  const reference = (value: string) => {
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  it('the fast scan quotes and guards exactly as the regular expressions do', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '1', ',', '"', '\n', '\r', '\t', '=', '+', '-', '@', ';', ' ', '.') }), (s) => {
        expect(csvField(s)).toBe(reference(s));
      }),
      { numRuns: 2000 },
    );
  });
});

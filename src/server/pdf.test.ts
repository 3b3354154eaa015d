import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { textToPdf, wrap } from './pdf.js';

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

describe('plain-text PDF for patient letters', () => {
  it('points every cross-reference entry at its object, so readers can open the file', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (text) => {
        const pdf = latin1(textToPdf(text, 'Letter'));
        const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)![1]);
        expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
        const entries = [...pdf.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
        entries.forEach((off, i) => expect(pdf.slice(off).startsWith(`${i + 1} 0 obj`)).toBe(true));
      }),
      { numRuns: 50 },
    );
  });

  it('escapes parentheses and backslashes and keeps long letters on several pages', () => {
    const pdf = latin1(textToPdf('a (b) c\\d\n'.repeat(200), 'x'));
    expect(pdf).toContain('(a \\(b\\) c\\\\d) Tj');
    expect(Number(/\/Count (\d+)/.exec(pdf)![1])).toBeGreaterThan(1);
  });

  it('wraps lines at the width without losing a word', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,12}$/), { maxLength: 80 }), (words) => {
        const lines = wrap(words.join(' '), 30);
        for (const l of lines) expect(l.length).toBeLessThanOrEqual(30);
        expect(lines.join(' ').split(/\s+/).filter(Boolean)).toEqual(words);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDay } from '../history/dates.js';
import { assess } from './index.js';
import { dateWithAge, readable, resultAge } from './readable.js';
import { AS_OF, AS_OF_TEXT, baseHistory } from './fixtures.js';

describe('numbers as a clinician reads them', () => {
  it('LVEF 32.948956387364106 reads 33; neutrophils 1.234 reads 1.2; 0.456 reads 0.46', () => {
    expect(readable(32.948956387364106)).toBe('33');
    expect(readable(1.234)).toBe('1.2');
    expect(readable(0.456)).toBe('0.46');
    expect(readable(150)).toBe('150');
  });

  it('a value below a threshold never reads as the threshold (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 500, noNaN: true }), fc.integer({ min: 1, max: 400 }), (v, t) => {
        fc.pre(v < t);
        expect(Number(readable(v, t))).not.toBe(t);
      }),
    );
  });

  it('a result is as old as the assessment date says', () => {
    const asOf = parseDay('2025-06-01')!;
    expect(resultAge('2025-05-20', asOf)).toBe('12 days');
    expect(resultAge('2025-01-01', asOf)).toBe('5 months');
    expect(resultAge('2019-03-01', asOf)).toBe('6 years');
    expect(dateWithAge('2025-05-20', asOf, 3, 'lvef')).toBe('2025-05-20');
    expect(dateWithAge('2019-03-01', asOf, 3, 'lvef')).toMatch(
      /2019-03-01 \(6 years before 2025-06-01, older than the 3 months the lvef check allows: record a new one\)/,
    );
  });

  it("a real LVEF of 32.948956387364106 % from six years ago is printed as 33% with its age in mitoxantrone's reason", () => {
    const h = baseHistory();
    const history = { ...h, labs: [...(h.labs ?? []), { date: '2020-03-01', test: 'lvef' as const, value: 32.948956387364106, unit: '%' }] };
    const a = assess(history, { drug: 'mitoxantrone', asOf: AS_OF });
    const reason = a.reasons.find((r) => r.code === 'mitoxantrone.lvef')!;
    expect(reason.message).toMatch(new RegExp(`^LVEF 33% on 2020-03-01 \\(6 years before ${AS_OF_TEXT}, .*record a new one\\): below 50%`));
    expect(reason.message).not.toMatch(/32\.9/);
  });
});

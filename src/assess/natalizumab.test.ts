import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, formatDay } from '../history/dates.js';
import type { History, Lab } from '../history/schema.js';
import { assess, decideCodes, KNOWLEDGE } from './index.js';
import { AS_OF, AS_OF_TEXT, baseHistory, d } from './fixtures.js';
import { estimateRisk, higherRiskGroup, monthsBetween } from './risk-estimate.js';

// Natalizumab: the PML risk read from the table in knowledge/risks/natalizumab.json at and around its
// band boundaries (index 1.5; 24, 48 and 72 months), unknown inputs at their worst case, what would
// change it read again from the table, and the rules of the label and of AFFIRM.

const SPEC = KNOWLEDGE.risks.natalizumab.estimates[0]!;
const jcv = (value: 'positive' | 'negative', date = '2026-09-01'): Lab => ({ date, test: 'jcv-antibody', value });
const index = (value: number, date = '2026-09-01'): Lab => ({ date, test: 'jcv-index', value, unit: 'index' });

/** A patient on natalizumab since `start` (after interferon), with the given anti-JCV results. */
function onNatalizumab(start: string, labs: Lab[], extra: Partial<History> = {}): History {
  return baseHistory({
    therapies: [
      { drug: 'interferon-beta', start: '2020-08-01', end: '2022-01-01', stopReason: 'inefficacy' },
      { drug: 'natalizumab', start },
    ],
    labs,
    ...extra,
  });
}
const months = (n: number) => formatDay(addMonths(AS_OF, -n));
const risk = (h: History) => estimateRisk(SPEC, h, AS_OF);

describe('the PML risk table (Plavina 2014, as encoded)', () => {
  it('the example of the issue: anti-JCV positive, index above 1.5, after two years: 8.8 per 1,000 with its table', () => {
    const r = risk(onNatalizumab(months(29), [jcv('positive'), index(2.4)]));
    expect(r.perThousand.now).toBe(8.8);
    expect(r.band.now).toEqual({ stratum: 'index-above-1.5', epoch: '25-48' });
    expect(r.table.id).toBe('plavina-2014.pml-by-jcv-index');
    expect(r.sources).toContain('plavina-2014');
    expect(r.higherRisk).toBe('yes');
    expect(r.worstCase).toBe(false);
    expect(r.missing).toEqual([]);
  });

  it('index 1.5 is the low band, 1.51 the high one', () => {
    expect(risk(onNatalizumab(months(30), [jcv('positive'), index(1.5)])).perThousand.now).toBe(1.1);
    expect(risk(onNatalizumab(months(30), [jcv('positive'), index(1.51)])).perThousand.now).toBe(8.8);
  });

  it('exactly 24 months is the first epoch; a day more is the second (likewise 48 and 72)', () => {
    for (const [m, inside, after] of [
      [24, 1.2, 8.8],
      [48, 8.8, 10.1],
    ] as const) {
      const start = addMonths(AS_OF, -m);
      expect(risk(onNatalizumab(formatDay(start), [jcv('positive'), index(2)])).perThousand.now, `${m} months`).toBe(inside);
      expect(risk(onNatalizumab(formatDay(start - 1), [jcv('positive'), index(2)])).perThousand.now, `${m} months and a day`).toBe(after);
    }
    const at72 = risk(onNatalizumab(months(72), [jcv('positive'), index(2)]));
    expect(at72.perThousand.now).toBe(10.1);
    // A year on from 60 months is the table's last month; from 72 it is past the table.
    expect(risk(onNatalizumab(months(60), [jcv('positive'), index(2)])).detail).not.toMatch(/ends at 72 months/);
    expect(at72.detail).toMatch(/ends at 72 months/);
    // Beyond the table: its last figure, and it says so.
    const beyond = risk(onNatalizumab(months(80), [jcv('positive'), index(2)]));
    expect(beyond.perThousand.now).toBe(10.1);
    expect(beyond.detail).toMatch(/ends at 72 months/);
  });

  it('in 12 months: the epoch reached a year on, treatment continuing', () => {
    const r = risk(onNatalizumab(months(18), [jcv('positive'), index(2)]));
    expect(r.perThousand).toEqual({ now: 1.2, in12Months: 8.8 });
    expect(r.band.in12Months.epoch).toBe('25-48');
    expect(r.inputs.monthsIn12Months).toBe(30);
    // Not yet on it: the first epoch now and in a year.
    expect(risk(baseHistory({ labs: [jcv('positive'), index(2)] })).perThousand).toEqual({ now: 1.2, in12Months: 1.2 });
  });

  it('prior immunosuppressants (from the table data, not code) take the prior-immunosuppressant row', () => {
    const h = onNatalizumab(months(30), [jcv('positive'), index(0.5)]);
    h.therapies!.push({ drug: 'mitoxantrone', start: '2018-01-01', end: '2019-01-01' });
    const r = risk(h);
    expect(r.band.now.stratum).toBe('prior-immunosuppressant');
    expect(r.perThousand.now).toBe(12);
    expect(SPEC.priorImmunosuppressants.drugs).toContain('mitoxantrone');
  });

  it('anti-JCV negative: about 0.1 per 1,000 whatever the duration; a negative older than 6 months counts as unknown', () => {
    expect(risk(onNatalizumab(months(60), [jcv('negative')])).perThousand).toEqual({ now: 0.1, in12Months: 0.1 });
    const stale = risk(onNatalizumab(months(30), [jcv('negative', months(7))]));
    expect(stale.inputs.antibody).toBe('unknown');
    expect(stale.worstCase).toBe(true);
    expect(stale.missing.map((m) => m.field)).toContain('labs.jcv-antibody');
  });

  it('unknown inputs give the worst case the record allows, and say what to record', () => {
    const noResult = risk(onNatalizumab(months(30), []));
    expect(noResult.perThousand.now).toBe(8.8);
    expect(noResult.worstCase).toBe(true);
    expect(noResult.missing.map((m) => m.field)).toEqual(['labs.jcv-antibody', 'labs.jcv-index']);
    // No therapy record: prior immunosuppressants and the months are unknown too: the table's highest cell.
    const nothing = risk(baseHistory({ therapies: undefined, labs: [] }));
    expect(nothing.perThousand).toEqual({ now: 13, in12Months: 13 });
    expect(nothing.higherRisk).toBe('unknown');
    expect(nothing.missing.map((m) => m.field)).toContain('therapies');
  });

  it('what would change it is the table read again with the changed input', () => {
    const r = risk(onNatalizumab(months(29), [jcv('positive'), index(2.4)]));
    const by = Object.fromEntries(r.whatWouldChange.map((w) => [w.id, w]));
    expect(by['negative-retest']).toMatchObject({ perThousand: { now: 0.1, in12Months: 0.1 }, changes: true });
    expect(by['index-retest-1.5']).toMatchObject({ perThousand: { now: 1.1, in12Months: 1.1 }, changes: true });
    // The table has no dosing-interval stratum: the figure stays, and the note says why.
    expect(by['extended-interval-dosing']).toMatchObject({ perThousand: r.perThousand, changes: false });
    expect(by['extended-interval-dosing']!.note).toMatch(/no dosing-interval stratum/);
  });

  it('property: an unknown input never lowers the figure below the known one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 90 }),
        fc.double({ min: 0.1, max: 4, noNaN: true }),
        fc.boolean(),
        fc.constantFrom('antibody', 'index', 'therapies'),
        (m, ix, priorIs, dropped) => {
          const h = onNatalizumab(months(m), [jcv('positive'), index(Math.round(ix * 100) / 100)]);
          if (priorIs) h.therapies!.push({ drug: 'azathioprine', start: '2015-01-01', end: '2016-01-01' });
          const known = risk(h);
          const less: History =
            dropped === 'therapies'
              ? { ...h, therapies: undefined }
              : { ...h, labs: h.labs!.filter((l) => l.test !== (dropped === 'antibody' ? 'jcv-antibody' : 'jcv-index')) };
          const r = risk(less);
          expect(r.perThousand.now).toBeGreaterThanOrEqual(known.perThousand.now);
          expect(r.perThousand.in12Months).toBeGreaterThanOrEqual(known.perThousand.in12Months);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: the higher-risk group and what is missing, without the figures, are those of the full estimate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 90 }),
        fc.option(fc.constantFrom('positive' as const, 'negative' as const), { nil: undefined }),
        fc.option(fc.double({ min: 0.1, max: 4, noNaN: true }), { nil: undefined }),
        fc.constantFrom(1, 5, 9),
        fc.boolean(),
        fc.boolean(),
        (m, antibody, ix, resultAge, priorIs, noTherapies) => {
          const labs: Lab[] = [];
          if (antibody) labs.push(jcv(antibody, months(resultAge)));
          if (ix !== undefined) labs.push(index(Math.round(ix * 100) / 100, months(resultAge)));
          const h = onNatalizumab(months(m), labs);
          if (priorIs) h.therapies!.push({ drug: 'azathioprine', start: '2015-01-01', end: '2016-01-01' });
          const record = noTherapies ? { ...h, therapies: undefined } : h;
          const full = risk(record);
          expect(higherRiskGroup(SPEC, record, AS_OF)).toStrictEqual({ higherRisk: full.higherRisk, missing: full.missing });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('months on the drug join overlapping therapies and count calendar months', () => {
    expect(monthsBetween(d('2024-01-31'), d('2024-02-29'))).toBe(1);
    expect(monthsBetween(d('2024-01-01'), d('2026-01-01'))).toBe(24);
    const h = onNatalizumab('2024-11-01', [jcv('negative')]);
    h.therapies = [
      { drug: 'natalizumab', start: '2022-11-01', end: '2023-11-01' },
      { drug: 'natalizumab', start: '2023-05-01', end: '2024-05-01' },
      { drug: 'natalizumab', start: '2025-11-01' },
    ];
    expect(risk(h).inputs.monthsOnDrug).toBe(30);
  });

  it('a natalizumab therapy stopped on a day not recorded leaves the months on the drug unknown: counted at their worst, with a missing entry naming it', () => {
    const h = onNatalizumab('2024-11-01', [jcv('negative')]);
    const known = risk({ ...h, therapies: [{ drug: 'natalizumab', start: '2025-10-01', end: '2025-11-01' }] });
    const h2: History = { ...h, therapies: [{ drug: 'natalizumab', start: '2025-10-01', endUnknown: true }] };
    const r = risk(h2);
    expect(r.inputs.monthsOnDrug).toBeUndefined();
    expect(r.perThousand.now).toBeGreaterThanOrEqual(known.perThousand.now);
    expect(r.missing).toContainEqual(expect.objectContaining({ field: 'therapies[0].end', why: expect.stringContaining('natalizumab from 2025-10-01') }));
  });
});

describe('natalizumab rules', () => {
  const verdict = (h: History, label: 'eu' | 'us' = 'eu') => assess(h, { drug: 'natalizumab', asOf: AS_OF, label });
  const codes = (h: History, label: 'eu' | 'us' = 'eu') => verdict(h, label).reasons.map((r) => `${r.code}:${r.effect}`);

  it('the bundled example: a caution stating the PML risk as a number with its table, and the risks entry', () => {
    const h = JSON.parse(readFileSync(new URL('../../examples/jcv-positive-natalizumab.json', import.meta.url), 'utf8')) as History;
    const a = verdict(h);
    expect(a.verdict).toBe('offer-with-caution');
    expect(a.tipping.map((t) => t.code)).toEqual(['natalizumab.pml-risk']);
    expect(a.reasons[0]!.message).toMatch(/8\.8 per 1,000 .*Plavina 2014/);
    expect(a.risks?.[0]).toMatchObject({ id: 'natalizumab.pml', perThousand: { now: 8.8 }, higherRisk: 'yes' });
  });

  it('active RRMS despite interferon (stopped), anti-JCV negative: an offer (EU), inside AFFIRM', () => {
    const a = verdict(
      baseHistory({ labs: [jcv('negative')], therapies: [{ drug: 'interferon-beta', start: '2020-08-01', end: '2026-10-15', stopReason: 'inefficacy' }] }),
    );
    expect(a.verdict).toBe('offer');
    expect(a.evidenceBase.map((e) => `${e.study}:${e.fit}`)).toEqual(['AFFIRM:inside']);
    expect(a.risks?.[0]?.perThousand.now).toBe(0.1);
  });

  it('PML now or in the past is a contraindication under both labels', () => {
    const h = baseHistory({ conditions: [{ code: 'pml', status: 'resolved' }] });
    expect(verdict(h).verdict).toBe('contraindicated');
    expect(verdict(h, 'us').verdict).toBe('contraindicated');
  });

  it('immunocompromise and current immunosuppressants: EU contraindications, against under the US label', () => {
    const h = baseHistory({ conditions: [{ code: 'immunodeficiency', status: 'active' }] });
    expect(verdict(h).verdict).toBe('contraindicated');
    expect(verdict(h, 'us').verdict).toBe('advise-against');
    const onAza = baseHistory({ therapies: [{ drug: 'azathioprine', start: '2025-01-01' }] });
    expect(codes(onAza)).toContain('natalizumab.contraindication.current-immunosuppressant:contraindication');
    // Ended the day before the assessment: no longer current (a PML risk factor instead).
    const stopped = baseHistory({ therapies: [{ drug: 'azathioprine', start: '2025-01-01', end: '2026-10-31' }] });
    expect(codes(stopped)).not.toContain('natalizumab.contraindication.current-immunosuppressant:contraindication');
    expect(codes(stopped)).toContain('natalizumab.prior-immunosuppressant:caution');
    const endsToday = baseHistory({ therapies: [{ drug: 'azathioprine', start: '2025-01-01', end: AS_OF_TEXT }] });
    expect(codes(endsToday)).toContain('natalizumab.contraindication.current-immunosuppressant:contraindication');
  });

  it('another DMT still taken: a caution (monotherapy); not natalizumab itself', () => {
    expect(codes(baseHistory())).toContain('natalizumab.combination-with-dmt:caution');
    expect(codes(onNatalizumab(months(3), [jcv('negative')]))).not.toContain('natalizumab.combination-with-dmt:caution');
  });

  it('EU label: SPMS is outside the indication; US label: active SPMS is a relapsing form, inactive SPMS is not', () => {
    const spms = baseHistory({ course: { phenotype: 'SPMS' } });
    expect(codes(spms)).toContain('natalizumab.outside-license:against');
    expect(codes(spms, 'us')).not.toContain('natalizumab.outside-us-indication:against');
    expect(codes(spms, 'us')).toContain('natalizumab.progressive-course:caution');
    const quiet = baseHistory({
      course: { phenotype: 'SPMS' },
      relapses: [],
      mri: [{ date: '2026-05-01', region: 'brain', gadoliniumEnhancingLesions: 0, newOrEnlargingT2Lesions: 0 }],
    });
    expect(codes(quiet, 'us')).toContain('natalizumab.outside-us-indication:against');
    expect(codes(baseHistory({ course: { phenotype: 'PPMS' } }), 'us')).toContain('natalizumab.outside-us-indication:against');
    // CIS: outside the EU indication, inside the US one.
    const cis = baseHistory({ course: { phenotype: 'CIS' } });
    expect(codes(cis)).toContain('natalizumab.outside-license:against');
    expect(codes(cis, 'us')).not.toContain('natalizumab.outside-us-indication:against');
  });

  it('quiet disease on natalizumab is the drug working: neither inactive-disease nor the indication is judged then', () => {
    const quiet = { relapses: [], mri: [{ date: '2026-05-01', region: 'brain' as const, gadoliniumEnhancingLesions: 0, newOrEnlargingT2Lesions: 0 }] };
    const off = codes(baseHistory({ ...quiet, labs: [jcv('negative')] }));
    expect(off).toContain('natalizumab.inactive-disease:against');
    const on = codes(onNatalizumab(months(12), [jcv('negative')], quiet));
    expect(on).not.toContain('natalizumab.inactive-disease:against');
    expect(on).not.toContain('natalizumab.outside-license:against');
  });

  it('AFFIRM limits: EDSS 5.0 inside, 5.5 beyond; age 50 inside, 51 beyond', () => {
    expect(codes(baseHistory({ edss: [{ date: '2026-06-01', score: 5.0 }] }))).not.toContain('natalizumab.disability-beyond-evidence:caution');
    expect(codes(baseHistory({ edss: [{ date: '2026-06-01', score: 5.5 }] }))).toContain('natalizumab.disability-beyond-evidence:caution');
    expect(codes(baseHistory({ birthDate: '1976-11-01' }))).not.toContain('natalizumab.age-beyond-evidence:caution');
    expect(codes(baseHistory({ birthDate: '1975-11-01' }))).toContain('natalizumab.age-beyond-evidence:caution');
  });

  it('the higher-risk rule is unknown (an uncertain caution with what to record) when the record cannot tell', () => {
    const a = verdict(onNatalizumab(months(30), []));
    expect(a.reasons.find((r) => r.code === 'natalizumab.pml-risk')?.message).toMatch(/^Uncertain/);
    expect(a.missing.filter((m) => m.field.startsWith('labs.jcv')).map((m) => m.effect)).toEqual(['caution', 'caution']);
  });

  it('screening decides the same codes as assess for natalizumab', () => {
    for (const h of [baseHistory(), onNatalizumab(months(30), []), onNatalizumab(months(29), [jcv('positive'), index(2.4)])]) {
      const a = verdict(h);
      const c = decideCodes(h, { drug: 'natalizumab', asOf: AS_OF });
      expect(c.verdict).toBe(a.verdict);
      expect(c.reasons.map((r) => r.code)).toEqual(a.reasons.map((r) => r.code));
    }
  });
});

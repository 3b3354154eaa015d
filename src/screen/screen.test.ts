import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERDICT_RANK, type Assessment, type ScaleVerdict } from '../assess/index.js';
import { ASSESSABLE_DRUGS } from '../drugs/index.js';
import { historyToBundle } from '../fhir/index.js';
import { parseDay } from '../history/dates.js';
import { synthHistory } from '../synth/index.js';
import fc from 'fast-check';
import { assess } from '../assess/index.js';
import {
  candidateRow,
  csvField,
  isTrialCandidate,
  Pool,
  renderBar,
  screen,
  screenHistory,
  screenJson,
  screenLine,
  Summary,
  type ScreenSettings,
} from './index.js';
import { readLines } from './lines.js';
import { Progress } from './progress.js';

const asOf = parseDay('2026-11-01')!;
const settings: ScreenSettings = { drug: 'alemtuzumab', asOf, label: 'eu', candidates: false };
const dir = mkdtempSync(join(tmpdir(), 'fulcrum-screen-test-'));
const quiet = { err: () => {}, stderrIsTTY: false, now: () => 0 };

async function run(input: string, extra: Partial<Parameters<typeof screen>[0]> = {}): Promise<{ text: string; summary: Summary }> {
  const out: string[] = [];
  const summary = await screen({ ...settings, input, format: 'csv', workers: 0, write: (t) => void out.push(t), sink: quiet, ...extra });
  return { text: out.join(''), summary };
}

function writeLines(name: string, lines: string[]): string {
  const p = join(dir, name);
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
}

const cohort = Array.from({ length: 40 }, (_, i) => synthHistory(5, i, asOf));

describe('one record', () => {
  it('a line that is not JSON is a rejected row with its error, never an exception', () => {
    const r = screenLine('{"formatVersion":1,', settings, 'f:3');
    expect(r.row).toMatchObject({ verdict: 'rejected', source: 'f:3', error: expect.stringMatching(/not valid JSON/) });
  });

  it('an invalid history is rejected with its paths', () => {
    const r = screenJson({ formatVersion: 1, id: 'x', edss: [{ date: '2020-01-01', score: 0.5 }] }, settings, 'f:1');
    expect(r.row.verdict).toBe('rejected');
    expect(r.row.error).toMatch(/\$\.edss\[0\]\.score/);
  });

  it('a FHIR Bundle and the history it came from get the same row', () => {
    for (const h of cohort.slice(0, 10)) {
      expect(screenJson(JSON.parse(JSON.stringify(historyToBundle(h))), settings, 'x').row).toEqual(screenJson(h, settings, 'x').row);
    }
  });
});

describe('a cohort file', () => {
  it('writes one row per record, and a bad record in the middle does not stop the run', async () => {
    const lines = cohort.slice(0, 10).map((h) => JSON.stringify(h));
    lines.splice(4, 0, 'not json');
    const { text, summary } = await run(writeLines('mixed.ndjson', lines));
    const rows = text.trim().split('\n');
    expect(rows[0]).toBe('id,verdict,reasons,tipping,missing,error,source');
    expect(rows).toHaveLength(12);
    expect(rows[5]).toMatch(/^,rejected,.*mixed\.ndjson:5$/);
    expect(summary.rejectedCount).toBe(1);
    expect(summary.patients).toBe(11);
  });

  it('2 worker threads give exactly the rows of the in-process run, in input order', async () => {
    const p = writeLines(
      'cohort.ndjson',
      cohort.map((h) => JSON.stringify(h)),
    );
    const a = await run(p);
    const b = await run(p, { workers: 2 });
    expect(b.text).toBe(a.text);
  }, 60_000);

  it("a caller's pool of started threads is used for several runs and left open", async () => {
    const p = writeLines(
      'pooled.ndjson',
      cohort.slice(0, 12).map((h) => JSON.stringify(h)),
    );
    const pool = new Pool(1, { settings, shared: {} });
    try {
      const a = await run(p, { workers: 1, pool });
      const b = await run(p, { workers: 1, pool });
      expect(a.text).toBe((await run(p)).text);
      expect(b.text).toBe(a.text);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('NDJSON rows carry id, verdict, reason codes, tipping and missing', async () => {
    const { text } = await run(writeLines('one.ndjson', [JSON.stringify(cohort[0])]), { format: 'ndjson' });
    expect(Object.keys(JSON.parse(text.trim()))).toEqual(['id', 'verdict', 'reasons', 'tipping', 'missing']);
  });
});

describe('a FHIR Bulk Data export folder', () => {
  function bulk(name: string, histories: typeof cohort, extra: string[] = []): string {
    const d = join(dir, name);
    const files = new Map<string, string[]>();
    for (const h of histories) {
      for (const e of historyToBundle(h).entry!) {
        const r = e.resource!;
        if (r.resourceType !== 'Patient') r.id = `${h.id}-${r.id}`;
        const sup = (r as { supportingInformation?: { reference: string }[] }).supportingInformation;
        if (sup) for (const s of sup) s.reference = s.reference.replace(/\/(.*)$/, `/${h.id}-$1`);
        files.set(r.resourceType, [...(files.get(r.resourceType) ?? []), JSON.stringify(r)]);
      }
    }
    files.set('Encounter', extra);
    mkdirSync(d, { recursive: true });
    for (const [type, lines] of files) writeFileSync(join(d, `${type}.ndjson`), lines.join('\n') + '\n');
    return d;
  }

  it('is joined by patient: the same rows as the histories, whatever the order of the files', async () => {
    const d = bulk('bulk1', cohort.slice(0, 20));
    const fromBulk = (await run(d)).text.trim().split('\n').slice(1).sort();
    const fromHistories = (
      await run(
        writeLines(
          'c20.ndjson',
          cohort.slice(0, 20).map((h) => JSON.stringify(h)),
        ),
      )
    ).text
      .trim()
      .split('\n')
      .slice(1)
      .sort();
    expect(fromBulk).toEqual(fromHistories);
  });

  it('a resource that names no patient is a rejected record; the rest are screened', async () => {
    const d = bulk('bulk2', cohort.slice(0, 3), [JSON.stringify({ resourceType: 'Encounter', id: 'e1', status: 'finished' })]);
    const { summary, text } = await run(d, { workers: 1 });
    expect(summary.rejectedCount).toBe(1);
    expect(summary.patients).toBe(4);
    expect(text).toMatch(/no reference to a Patient/);
  }, 60_000);
});

describe('trial candidates (--candidates)', () => {
  const a = (verdict: Assessment['verdict'], reasons: [string, string][], tipping: [string, string][] = []): Assessment =>
    ({
      verdict,
      reasons: reasons.map(([code, effect]) => ({ code, effect, message: '', sources: [] })),
      tipping: tipping.map(([code, effect]) => ({ code, effect, message: '' })),
      checks: [],
    }) as unknown as Assessment;

  it('advised against only for the progressive course is a candidate', () => {
    expect(
      isTrialCandidate(
        a('advise-against', [
          ['alemtuzumab.progressive-course', 'against'],
          ['alemtuzumab.outside-license', 'against'],
          ['alemtuzumab.duration-beyond-evidence', 'caution'],
        ]),
      ),
    ).toBe(true);
    expect(isTrialCandidate(a('advise-against', [['alemtuzumab.advanced-disease', 'against']]))).toBe(true);
  });

  it('any contraindication, even one that could not be judged, excludes the patient', () => {
    expect(
      isTrialCandidate(
        a('contraindicated', [
          ['alemtuzumab.progressive-course', 'against'],
          ['alemtuzumab.contraindication.hiv', 'contraindication'],
        ]),
      ),
    ).toBe(false);
    expect(isTrialCandidate(a('advise-against', [['alemtuzumab.progressive-course', 'against']], [['alemtuzumab.contraindication.hiv', 'unknown']]))).toBe(
      false,
    );
  });

  it('another reason against (inactive disease, pregnancy) excludes the patient; outside the license alone is not enough', () => {
    expect(
      isTrialCandidate(
        a('advise-against', [
          ['alemtuzumab.progressive-course', 'against'],
          ['alemtuzumab.inactive-disease', 'against'],
        ]),
      ),
    ).toBe(false);
    expect(
      isTrialCandidate(
        a('advise-against', [
          ['alemtuzumab.progressive-course', 'against'],
          ['alemtuzumab.pregnancy', 'against'],
        ]),
      ),
    ).toBe(false);
    expect(isTrialCandidate(a('advise-against', [['alemtuzumab.outside-license', 'against']]))).toBe(false);
    expect(isTrialCandidate(a('offer', [['alemtuzumab.active-disease', 'for']]))).toBe(false);
  });

  it('the export is de-identified: numbered, no ids, no dates, ages and durations in 5-year bands', async () => {
    const big = Array.from({ length: 300 }, (_, i) => JSON.stringify(synthHistory(11, i, asOf)));
    const { text, summary } = await run(writeLines('cand.ndjson', big), { candidates: true });
    const rows = text.trim().split('\n');
    expect(rows[0]).toBe('candidate,ageBand,sex,phenotype,diseaseYears,edss,reasons');
    expect(summary.candidates).toBeGreaterThan(0);
    expect(rows).toHaveLength(summary.candidates + 1);
    expect(text).not.toMatch(/synth-|\d{4}-\d{2}/);
    expect(rows[1]).toMatch(/^1,\d+-\d+,/);
  });
});

describe('reading lines', () => {
  it('streams lines with CRLF or LF endings, multi-byte characters across chunks, and a last line without newline', async () => {
    const p = join(dir, 'lines.txt');
    const long = 'é'.repeat(700_000);
    writeFileSync(p, `a\r\nb\n${long}\nlast`);
    const lines: string[] = [];
    for await (const l of readLines(p)) lines.push(l);
    expect(lines).toEqual(['a', 'b', long, 'last']);
  });
});

describe('output and progress', () => {
  it('CSV fields are quoted as needed and never start a spreadsheet formula', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "x"')).toBe('"say ""x"""');
    expect(csvField('=HYPERLINK(1)')).toBe("'=HYPERLINK(1)");
  });

  it('the summary counts verdicts and reasons, and groups errors by kind without the values', () => {
    const s = new Summary();
    s.add({ id: 'a', verdict: 'offer', reasons: ['x', 'x'], tipping: [], missing: ['mri'] });
    s.add({
      id: 'b',
      verdict: 'rejected',
      reasons: [],
      tipping: [],
      missing: [],
      error: '$.edss[3].date: EDSS date 2030-01-01 is after the assessment date 2026-11-01',
    });
    s.add({
      id: 'c',
      verdict: 'rejected',
      reasons: [],
      tipping: [],
      missing: [],
      error: '$.edss[0].date: EDSS date 2031-02-02 is after the assessment date 2026-11-01',
    });
    const j = s.toJson();
    expect(j.byVerdict).toEqual({ rejected: 2, offer: 1 });
    expect(j.topReasons).toEqual([{ code: 'x', patients: 1 }]);
    expect(j.rejected.byError).toEqual([{ error: '$.edss[n].date: EDSS date DATE is after the assessment date DATE', count: 2 }]);
  });

  it('the progress bar shows rate and ETA', () => {
    expect(renderBar('screening', 50, 100, 1000, 10)).toBe('screening [############............]  50% 1000 patients 100/s ETA 0:10');
  });

  it('the progress bar is shown on a terminal only, and never in CI', () => {
    const tty = { err: () => {}, stderrIsTTY: true, now: () => 0 };
    expect(new Progress(tty, 'x', {}).enabled).toBe(true);
    expect(new Progress(tty, 'x', { CI: 'true' }).enabled).toBe(false);
    expect(new Progress({ ...tty, stderrIsTTY: false }, 'x', {}).enabled).toBe(false);
  });
});

describe('rows from the codes alone', () => {
  it('a row and a candidate row are exactly what the full assessment gives, though no text is built', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.constantFrom('alemtuzumab' as const, 'mitoxantrone' as const),
        fc.constantFrom('eu' as const, 'us' as const),
        (seed, index, drug, label) => {
          const h = synthHistory(seed, index, asOf);
          const s: ScreenSettings = { drug, asOf, label, candidates: true };
          const a = assess(h, { drug, asOf, label });
          const r = screenHistory(h, s);
          expect(r.row).toStrictEqual({
            id: h.id,
            verdict: a.verdict,
            reasons: a.reasons.map((x) => x.code),
            tipping: a.tipping.map((x) => x.code),
            missing: a.missing.map((x) => x.field),
          });
          const c = candidateRow(h, a, asOf);
          if (c) expect(r.candidate).toStrictEqual(c);
          else expect(r.candidate).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('--drug all', () => {
  const all: ScreenSettings = { ...settings, drug: 'all' };

  it('each verdict column is the single-drug screen of that drug, and the row verdict the most permissive (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.constantFrom('eu' as const, 'us' as const), (i, label) => {
        const h = synthHistory(9, i, asOf);
        const row = screenHistory(h, { ...all, label }).row;
        const singles = ASSESSABLE_DRUGS.map((drug) => screenHistory(h, { ...settings, drug, label }).row);
        expect(row.verdicts).toEqual(singles.map((s) => s.verdict));
        const scale = singles.filter((s) => s.verdict !== 'not-applicable');
        const best =
          scale.length === 0
            ? 'not-applicable'
            : scale.reduce((b, s) => (VERDICT_RANK[s.verdict as ScaleVerdict] < VERDICT_RANK[b as ScaleVerdict] ? s.verdict : b), scale[0]!.verdict);
        expect(row.verdict).toBe(best);
        expect(row.reasons).toEqual(scale.flatMap((s) => s.reasons));
        expect(row.tipping).toEqual(scale.flatMap((s) => s.tipping));
      }),
      { numRuns: 60 },
    );
  });

  it('writes one verdict column per drug, empty for a rejected record, and counts each drug in the summary', async () => {
    const input = writeLines('all.ndjson', [...cohort.slice(0, 6).map((h) => JSON.stringify(h)), '{"formatVersion":1,']);
    const { text, summary } = await run(input, { drug: 'all' });
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe(`id,verdict,${ASSESSABLE_DRUGS.join(',')},reasons,tipping,missing,error,source`);
    const bad = lines.at(-1)!.split(',');
    expect(bad[1]).toBe('rejected');
    for (let k = 0; k < ASSESSABLE_DRUGS.length; k++) expect(bad[2 + k]).toBe('');
    const j = summary.toJson();
    for (const d of ASSESSABLE_DRUGS) expect(Object.values(j.byDrug![d]!).reduce((a, b) => a + b, 0)).toBe(6);
    const nd = await run(input, { drug: 'all', format: 'ndjson' });
    const first = JSON.parse(nd.text.split('\n')[0]!) as { verdicts: Record<string, string> };
    expect(Object.keys(first.verdicts)).toEqual([...ASSESSABLE_DRUGS]);
  });

  it('gives the same rows in worker threads as in this thread', async () => {
    const input = writeLines(
      'all-workers.ndjson',
      cohort.map((h) => JSON.stringify(h)),
    );
    const one = await run(input, { drug: 'all' });
    const two = await run(input, { drug: 'all', workers: 2 });
    expect(two.text).toBe(one.text);
  });
});

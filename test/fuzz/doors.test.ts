import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyToBundle } from '../../src/fhir/index.js';
import { parseDay } from '../../src/history/dates.js';
import { parseResultsCsv } from '../../src/monitor/results-input.js';
import { validateResults } from '../../src/monitor/results-validate.js';
import { screenLine } from '../../src/screen/index.js';
import { startTestServer, type TestServer } from '../server/harness.js';
import { history } from '../server/fixtures.js';
import { EHR_ISSUER, EHR_PUBLIC_JWKS, prefetchFor, signEhrJwt } from '../server/cds-helpers.js';

// Every door of the service fed mutated and random input (fast-check). Invariants: never a 500 nor
// an uncaught exception; every refusal names a field or position; nothing of a refused request is
// stored. A fixed seed per run keeps failures reproducible; the number of inputs per door is small
// enough for npm test (a few seconds a door) and printed at the end.

const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const corpus = JSON.parse(readFileSync(join(import.meta.dirname, 'corpus.json'), 'utf8')) as {
  bodies: { door: string; body: string; was: string }[];
  paths: { path: string; was: string }[];
};
const counts: Record<string, number> = {};
const tally = (door: string) => (counts[door] = (counts[door] ?? 0) + 1);

/** Strings an attacker would try: controls, NUL, lone surrogates, bidi overrides, long runs. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', '\ud800', '\udc00x', '\u202e', '../../etc/passwd', '%00', "'; DROP TABLE patients; --", '𝔘', ''),
  fc.string({ maxLength: 3 }).map((s) => s.repeat(3000)),
);
const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), nasty);

/** A copy of `doc` with one value replaced, one key removed or one key added, somewhere inside. */
function mutate(doc: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, p: (string | number)[]) => {
    paths.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
  };
  walk(doc, []);
  return fc.tuple(fc.constantFrom(...paths), fc.constantFrom('set', 'delete', 'add'), value, nasty).map(([path, op, v, key]) => {
    const copy = structuredClone(doc) as Record<string | number, unknown>;
    if (path.length === 0) return op === 'set' ? v : copy;
    let parent: Record<string | number, unknown> = copy;
    for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (op === 'set') parent[last] = v;
    else if (op === 'delete') delete parent[last];
    else if (parent[last] && typeof parent[last] === 'object' && !Array.isArray(parent[last])) (parent[last] as Record<string, unknown>)[key] = v;
    else parent[last] = v;
    return copy;
  });
}

/** JSON text for a value, keeping lone surrogates as escapes (JSON.stringify already does). */
const text = (v: unknown) => JSON.stringify(v) ?? 'null';

describe('fuzzing every door', { timeout: 120_000 }, () => {
  let s: TestServer;
  let assessmentId: string;
  let alertPatient: string;
  const stored = async () => {
    const tables = ['patients', 'history_versions', 'assessments', 'decisions', 'api_tokens', 'monitoring_results', 'alert_acknowledgements', 'cds_feedback'];
    const out: number[] = [];
    for (const t of tables) {
      const r = await s.ctx.db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${t}`).catch(() => ({ rows: [{ n: -1 }] }));
      out.push(Number(r.rows[0]!.n));
    }
    return out.join(',');
  };

  beforeAll(async () => {
    s = await startTestServer({ dataDir: 'memory://' }, { cdsIssuers: [{ iss: EHR_ISSUER, jwks: EHR_PUBLIC_JWKS }] });
    await s.call('clinician', '/api/patients', { method: 'POST', json: history('fuzz-base') });
    assessmentId = (await (await s.call('clinician', '/api/patients/fuzz-base/assessments', { method: 'POST', json: { drug: 'alemtuzumab' } })).json()).id;
    alertPatient = 'fuzz-base';
  });
  afterAll(async () => {
    await s?.close();
    console.info(
      `fuzz (seed ${SEED}): inputs per door: ${Object.entries(counts)
        .map(([d, n]) => `${d} ${n}`)
        .join('; ')}`,
    );
  });

  /** Sends one input; checks the invariants; returns the status. */
  async function probe(door: string, role: 'clinician' | 'nurse' | 'admin', method: string, path: string, body?: string, expectStored = true): Promise<number> {
    tally(door);
    const before = expectStored ? await stored() : '';
    const r = await s.call(role, path, { method, ...(body !== undefined ? { body, headers: { 'content-type': 'application/json' } } : {}) });
    expect(r.status, `${door}: ${method} ${path.slice(0, 200)} ${String(body).slice(0, 300)}`).toBeLessThan(500);
    // 431 (the URL outgrew Node's header limit) is answered by the HTTP layer, without a body.
    if (r.status >= 400 && r.status !== 431) {
      const j = await r.json();
      expect(j.resourceType).toBe('OperationOutcome');
      if (r.status === 400) for (const i of j.issue) expect(i.expression?.length, `${door}: ${i.diagnostics}`).toBeGreaterThan(0);
      if (expectStored) expect(await stored(), `${door}: a refused request stored something`).toBe(before);
    } else await r.arrayBuffer().catch(() => undefined);
    return r.status;
  }

  it('replays the corpus of inputs that once broke something', async () => {
    for (const c of corpus.bodies) {
      const path = c.door.split(' ')[1]!.replace(':aid', assessmentId);
      const status = await probe('corpus', c.door.includes('tokens') ? 'admin' : 'clinician', 'POST', path, c.body);
      expect(status, c.was).toBe(400);
    }
    for (const c of corpus.paths) expect(await probe('corpus', 'admin', 'GET', c.path), c.was).toBe(400);
  });

  it('history JSON: mutated histories are stored whole or refused with a path', async () => {
    await fc.assert(
      fc.asyncProperty(mutate(history('fuzz-h')), async (doc) => void (await probe('history JSON', 'clinician', 'POST', '/api/patients', text(doc)))),
      { seed: SEED, numRuns: RUNS },
    );
    // What was accepted must be readable back.
    const list = await (await s.call('clinician', '/api/patients?limit=500')).json();
    for (const p of list.items) expect((await s.call('clinician', `/api/patients/${encodeURIComponent(p.id)}`)).status).toBe(200);
  });

  it('FHIR Bundles: mutated Bundles are mapped or refused with a FHIRPath', async () => {
    const bundle = JSON.parse(JSON.stringify(historyToBundle(history('fuzz-fhir'))));
    await fc.assert(
      fc.asyncProperty(mutate(bundle), async (doc) => void (await probe('FHIR Bundle', 'clinician', 'POST', '/api/patients', text(doc)))),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('every API body: assessments, decisions, tokens, results, acknowledgements take any JSON without a 500', async () => {
    const doors: [string, 'clinician' | 'nurse' | 'admin', string, unknown][] = [
      ['assessment request', 'clinician', '/api/patients/fuzz-base/assessments', { drug: 'alemtuzumab', asOf: '2025-01-01', label: 'eu' }],
      ['decision', 'clinician', `/api/assessments/${assessmentId}/decision`, { decision: 'override', reason: 'r', patientPreference: 'p' }],
      ['token issue', 'admin', '/api/tokens', { role: 'nurse', name: 'n' }],
      [
        'monitoring results',
        'nurse',
        `/api/patients/${alertPatient}/results`,
        { results: [{ date: '2025-05-01', test: 'platelets', value: 200, unit: '10^9/L' }] },
      ],
      ['acknowledgement', 'nurse', `/api/alerts/${alertPatient}%2Fitp.platelets-low%2F2025-05-01/acknowledge`, { note: 'seen' }],
    ];
    for (const [door, role, path, valid] of doors) {
      await fc.assert(
        fc.asyncProperty(fc.oneof(mutate(valid), value), async (doc) => void (await probe(door, role, 'POST', path, text(doc)))),
        { seed: SEED, numRuns: Math.ceil(RUNS / 2) },
      );
    }
    // Raw text that is not JSON, or not UTF-8.
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        tally('raw bytes');
        const r = await s.call('clinician', '/api/patients', { method: 'POST', body: Buffer.from(bytes), headers: { 'content-type': 'application/json' } });
        expect(r.status).toBeLessThan(500);
        await r.arrayBuffer();
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('path parameters: any text in any route parameter is a 4xx, never a 500', async () => {
    const app = (await import('../../src/server/app.js')).createApp;
    const routes = (await app(s.ctx)).routes.filter((r) => r.path.includes(':') && r.method !== 'ALL');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), nasty, fc.constantFrom('raw', 'encoded'), async (route, param, how) => {
        // Every byte percent-encoded; a lone surrogate goes as the bytes of its (invalid) UTF-8 form.
        const bytes = [...param.slice(0, 3000)]
          .map((ch) => (/^[\ud800-\udfff]$/.test(ch) ? '%ED%A0%80' : [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')))
          .join('');
        const seg = how === 'encoded' ? bytes : param.slice(0, 3000).replace(/[/?#%\\]/g, '_');
        const path = route.path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, seg || 'x');
        let ok = true;
        try {
          new URL(s.url + path);
        } catch {
          ok = false;
        }
        if (!ok) return;
        await probe('path parameters', 'admin', route.method, path, route.method === 'GET' ? undefined : '{}', false);
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  it('CDS Hooks requests: mutated hook calls with a valid JWT answer cards or a 4xx', async () => {
    const h = history('fuzz-cds');
    const valid = {
      hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
      hook: 'patient-view',
      context: { userId: 'Practitioner/1', patientId: h.id },
      prefetch: prefetchFor(h),
    };
    const now = Math.floor(Date.parse('2025-06-01T09:00:00Z') / 1000);
    await fc.assert(
      fc.asyncProperty(mutate(valid), async (doc) => {
        tally('CDS Hooks');
        const jwt = await signEhrJwt({ aud: `${s.url}/cds-services/fulcrum-patient-view`, nowSeconds: now });
        const r = await fetch(`${s.url}/cds-services/fulcrum-patient-view`, {
          method: 'POST',
          headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
          body: text(doc),
        });
        expect(r.status, text(doc).slice(0, 300)).toBeLessThan(500);
        if (r.status === 400) for (const i of (await r.json()).issue) expect(i.expression?.length).toBeGreaterThan(0);
        else await r.arrayBuffer();
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('Bulk NDJSON lines and monitoring result CSV: screened or rejected with a position, never a throw', () => {
    const asOf = parseDay('2025-06-01')!;
    const line = JSON.stringify(history('fuzz-ndjson'));
    fc.assert(
      fc.property(
        fc.oneof(
          mutate(history('fuzz-ndjson')).map(text),
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.nat(line.length).map((n) => line.slice(0, n)),
        ),
        (l) => {
          tally('Bulk NDJSON line');
          const r = screenLine(l, { drug: 'alemtuzumab', asOf, label: 'eu', candidates: false }, 'cohort.ndjson:7');
          if (r.row.verdict === 'rejected') {
            expect(r.row.source).toBe('cohort.ndjson:7');
            expect(r.row.error).toMatch(/\S/);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS * 4 },
    );
    const csv = 'date,test,value,unit\n2025-05-01,platelets,200,10^9/L\n2025-05-01,alt,30,U/L\n';
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.tuple(fc.nat(csv.length), nasty).map(([i, x]) => csv.slice(0, i) + x + csv.slice(i)),
        ),
        (t) => {
          tally('monitoring CSV');
          const raw = parseResultsCsv(t, 'results.csv');
          for (const i of raw.issues) expect(i.path).toMatch(/^results\.csv/);
          if (raw.issues.length === 0) {
            const v = validateResults(raw.results, { asOf });
            if (!v.ok) for (const i of v.issues) expect(i.path).toMatch(/\S/);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS * 4 },
    );
  });
});

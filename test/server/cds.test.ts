import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess } from '../../src/assess/index.js';
import { betterFitting, compareTherapies } from '../../src/assess/compare.js';
import { bundleToHistory } from '../../src/fhir/index.js';
import { parseDay } from '../../src/history/dates.js';
import type { History } from '../../src/history/schema.js';
import { indicatorOf } from '../../src/server/cds/cards.js';
import { gatherRecord } from '../../src/server/cds/prefetch.js';
import { databases, reportSkippedPostgres, startTestServer, type TestServer } from './harness.js';
import { history } from './fixtures.js';
import type { AssessDrug } from '../../src/drugs/index.js';
import { ALEMTUZUMAB_CODING, EHR_ISSUER, EHR_PUBLIC_JWKS, IBUPROFEN_CODING, MITOXANTRONE_ATC, draftOrders, prefetchFor, signEhrJwt } from './cds-helpers.js';

const NOW_S = Date.parse('2025-06-01T09:00:00Z') / 1000;
const TODAY = parseDay('2025-06-01')!;

/** What the engine says for the record the EHR sends: the card must carry exactly this verdict. */
async function expectedVerdict(h: History, drug: AssessDrug) {
  const bundle = await gatherRecord({ patientId: h.id }, prefetchFor(h), {});
  const mapped = bundleToHistory(bundle);
  if (!mapped.ok) throw new Error('fixture does not map');
  return assess(mapped.history, { drug, asOf: TODAY, label: 'eu' }).verdict;
}

reportSkippedPostgres('CDS Hooks 2.0');

describe.each(databases())('CDS Hooks 2.0 on $name', ({ options }) => {
  let s: TestServer;
  let fhir: Server;
  let fhirUrl: string;
  const fhirRecords = new Map<string, Record<string, unknown>>();
  const fhirRequests: string[] = [];

  beforeAll(async () => {
    s = await startTestServer(options(), { cdsIssuers: [{ iss: EHR_ISSUER, jwks: EHR_PUBLIC_JWKS }] });
    // A FHIR server standing in for the EHR's: answers our prefetch templates for known patients,
    // only with the access token the hook call gave, and pages observations two at a time.
    fhir = createServer((req, res) => {
      fhirRequests.push(req.url ?? '');
      if (req.headers.authorization !== 'Bearer some-opaque-fhir-access-token') {
        res.writeHead(401).end();
        return;
      }
      const url = new URL(req.url ?? '/', 'http://x');
      const path = url.pathname.replace(/^\/fhir\//, '');
      const patientId = path.startsWith('Patient/') ? path.slice('Patient/'.length) : (url.searchParams.get('patient') ?? '');
      const pf = fhirRecords.get(patientId);
      if (!pf) {
        res.writeHead(404).end();
        return;
      }
      const type = path.split('/')[0]!;
      const keyOf: Record<string, string> = {
        Patient: 'patient',
        Condition: 'conditions',
        Observation: 'observations',
        MedicationRequest: 'medicationRequests',
        MedicationStatement: 'medicationStatements',
        MedicationAdministration: 'medicationAdministrations',
        Procedure: 'procedures',
        DeviceUseStatement: 'devices',
        List: 'lists',
      };
      let body = pf[keyOf[type]!] as { entry?: unknown[] };
      if (type === 'Observation') {
        const page = Number(url.searchParams.get('page') ?? 0);
        const all = body.entry ?? [];
        const next = (page + 1) * 2 < all.length ? [{ relation: 'next', url: `${fhirUrl}/Observation?patient=${patientId}&page=${page + 1}` }] : [];
        body = { resourceType: 'Bundle', type: 'searchset', link: next, entry: all.slice(page * 2, page * 2 + 2) } as never;
      }
      res.writeHead(200, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((r) => fhir.listen(0, '127.0.0.1', r));
    fhirUrl = `http://127.0.0.1:${(fhir.address() as AddressInfo).port}/fhir`;
  });
  afterAll(async () => {
    await s?.close();
    await new Promise((r) => fhir?.close(r));
  });

  const hook = async (serviceId: string, body: unknown, token?: string | null) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const jwt = token === undefined ? await signEhrJwt({ aud: `${s.url}/cds-services/${serviceId}`, nowSeconds: NOW_S }) : token;
    if (jwt) headers.authorization = `Bearer ${jwt}`;
    return fetch(`${s.url}/cds-services/${serviceId}`, { method: 'POST', headers, body: JSON.stringify(body) });
  };
  /** `prefetch: null` sends none at all. */
  const orderSelect = (h: History, orders: ReturnType<typeof draftOrders>, selections: string[], prefetch: unknown = prefetchFor(h)) => ({
    hookInstance: randomUUID(),
    hook: 'order-select',
    context: { userId: 'Practitioner/example', patientId: h.id, selections, draftOrders: orders },
    ...(prefetch === null ? {} : { prefetch }),
  });

  it('answers discovery without a token, with the three services and their prefetch templates', async () => {
    const r = await fetch(`${s.url}/cds-services`);
    expect(r.status).toBe(200);
    const d = await r.json();
    expect(d.services.map((x: { hook: string }) => x.hook)).toEqual(['order-select', 'order-sign', 'patient-view']);
    for (const svc of d.services) {
      expect(svc.description).toBeTruthy();
      expect(svc.prefetch.patient).toBe('Patient/{{context.patientId}}');
    }
  });

  it('refuses calls without a JWT, with an expired one, from an unknown issuer, signed with a shared secret, or unsigned', async () => {
    const body = orderSelect(history('cds-auth'), draftOrders('cds-auth', { id: 'o1', coding: ALEMTUZUMAB_CODING }), ['MedicationRequest/o1']);
    expect((await hook('fulcrum-order-select', body, null)).status).toBe(401);
    const expired = await signEhrJwt({ aud: `${s.url}/cds-services/fulcrum-order-select`, nowSeconds: NOW_S - 3600 });
    expect((await hook('fulcrum-order-select', body, expired)).status).toBe(401);
    const hmac = await signEhrJwt({
      aud: `${s.url}/cds-services/fulcrum-order-select`,
      nowSeconds: NOW_S,
      key: { kty: 'oct', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA', kid: 'ehr-test-key' },
      alg: 'HS256',
    });
    const hr = await hook('fulcrum-order-select', body, hmac);
    expect(hr.status).toBe(401);
    expect((await hr.json()).issue[0].diagnostics).toMatch(/asymmetric/);
    const stranger = await signEhrJwt({ aud: `${s.url}/cds-services/fulcrum-order-select`, nowSeconds: NOW_S, iss: 'https://other-ehr.example.com/' });
    const r = await hook('fulcrum-order-select', body, stranger);
    expect(r.status).toBe(401);
    expect((await r.json()).issue[0].diagnostics).toMatch(/not configured/);
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ iss: EHR_ISSUER, aud: `${s.url}/cds-services/fulcrum-order-select`, iat: NOW_S, exp: NOW_S + 300, jti: 'x' }),
    ).toString('base64url');
    expect((await hook('fulcrum-order-select', body, `${header}.${payload}.`)).status).toBe(401);
  });

  it('refuses a JWT for another endpoint (aud), and the same JWT twice (jti replay)', async () => {
    const body = orderSelect(history('cds-aud'), draftOrders('cds-aud', { id: 'o1', coding: IBUPROFEN_CODING }), ['MedicationRequest/o1']);
    const other = await signEhrJwt({ aud: `${s.url}/cds-services/fulcrum-patient-view`, nowSeconds: NOW_S });
    expect((await hook('fulcrum-order-select', body, other)).status).toBe(401);
    const once = await signEhrJwt({ aud: `${s.url}/cds-services/fulcrum-order-select`, nowSeconds: NOW_S });
    expect((await hook('fulcrum-order-select', body, once)).status).toBe(200);
    expect((await hook('fulcrum-order-select', body, once)).status).toBe(401);
  });

  it('accepts a JWT living 15 minutes and refuses one living a second longer; tolerates 60 s of clock skew at expiry, not 61', async () => {
    const body = () => orderSelect(history('cds-skew'), draftOrders('cds-skew', { id: 'o1', coding: IBUPROFEN_CODING }), ['MedicationRequest/o1']);
    const aud = `${s.url}/cds-services/fulcrum-order-select`;
    const status = async (o: { nowSeconds: number; lifetime: number }) => (await hook('fulcrum-order-select', body(), await signEhrJwt({ aud, ...o }))).status;
    expect(await status({ nowSeconds: NOW_S, lifetime: 900 })).toBe(200);
    expect(await status({ nowSeconds: NOW_S, lifetime: 901 })).toBe(401);
    expect(await status({ nowSeconds: NOW_S - 359, lifetime: 300 })).toBe(200);
    expect(await status({ nowSeconds: NOW_S - 361, lifetime: 300 })).toBe(401);
    // Issued "in the future" to outlive the lifetime bound: refused beyond the same 60 s of skew.
    expect(await status({ nowSeconds: NOW_S + 59, lifetime: 300 })).toBe(200);
    expect(await status({ nowSeconds: NOW_S + 86_400, lifetime: 300 })).toBe(401);
  });

  it('says nothing (no cards, no record read) when the selected order is neither alemtuzumab nor mitoxantrone', async () => {
    const h = history('cds-none');
    const r = await hook(
      'fulcrum-order-select',
      orderSelect(h, draftOrders(h.id, { id: 'o1', coding: IBUPROFEN_CODING }, { id: 'o2', coding: ALEMTUZUMAB_CODING }), ['MedicationRequest/o1'], null),
    );
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ cards: [] });
  });

  it('gives a critical card with a suggestion to remove the order when alemtuzumab is contraindicated (history of stroke, EU label)', async () => {
    const h = history('cds-stroke', { conditions: [{ code: 'stroke', status: 'resolved', onset: '2019-02' }] });
    const r = await hook('fulcrum-order-select', orderSelect(h, draftOrders(h.id, { id: 'alem-1', coding: ALEMTUZUMAB_CODING }), ['MedicationRequest/alem-1']));
    expect(r.status).toBe(200);
    const { cards } = await r.json();
    expect(cards).toHaveLength(1);
    const card = cards[0];
    expect(card.indicator).toBe('critical');
    expect(card.summary.length).toBeLessThan(140);
    expect(card.summary).toMatch(/^Alemtuzumab contraindicated/);
    expect(card.detail).toMatch(/stroke/i);
    expect(card.detail).toMatch(/sources: .*eu-smpc-lemtrada/);
    expect(card.source.label).toBeTruthy();
    expect(card.selectionBehavior).toBe('at-most-one');
    expect(card.suggestions[0].actions[0]).toMatchObject({ type: 'delete', resourceId: 'MedicationRequest/alem-1' });
    expect(card.overrideReasons.every((c: { display?: string }) => c.display)).toBe(true);
    expect(card.links[0].url).toMatch(/\/app\/#\/patients\/cds-stroke\/assessment\?assessment=/);
    expect(card.links[0].type).toBe('absolute');
  });

  it('names the better-fitting alternatives on a card against the order, as the comparison orders them, with a link to it', async () => {
    const h = history('cds-stroke-alt', { conditions: [{ code: 'stroke', status: 'resolved', onset: '2019-02' }] });
    const c = compareTherapies(h, { asOf: TODAY, label: 'eu' });
    const expected = betterFitting(c, 'alemtuzumab');
    expect(expected.length).toBeGreaterThan(0);
    const r = await hook('fulcrum-order-select', orderSelect(h, draftOrders(h.id, { id: 'alem-2', coding: ALEMTUZUMAB_CODING }), ['MedicationRequest/alem-2']));
    const card = (await r.json()).cards[0];
    const section = card.detail.split('**Better-fitting alternatives for this patient**')[1] as string;
    const named = [...section.matchAll(/^- (\w+):/gm)].map((m) => m[1]!.toLowerCase());
    expect(named).toEqual(expected);
    expect(card.links.at(-1).url).toMatch(/\/app\/#\/patients\/cds-stroke-alt\/compare$/);
  });

  it('maps every verdict to the indicator the issue asks for, for each drug, ordered by RxNorm or ATC code', async () => {
    for (const [id, overrides] of [
      ['cds-v1', {}],
      ['cds-v2', { edss: undefined }],
      ['cds-v3', { course: { phenotype: 'SPMS', since: '2023-01' } }],
    ] as const) {
      const h = history(id, overrides as Partial<History>);
      for (const [drug, coding] of [
        ['alemtuzumab', ALEMTUZUMAB_CODING],
        ['mitoxantrone', MITOXANTRONE_ATC],
      ] as const) {
        const r = await hook(
          'fulcrum-order-sign',
          {
            hookInstance: randomUUID(),
            hook: 'order-sign',
            context: { userId: 'Practitioner/example', patientId: h.id, draftOrders: draftOrders(h.id, { id: `${drug}-1`, coding }) },
            prefetch: prefetchFor(h),
          },
          await signEhrJwt({ aud: `${s.url}/cds-services/fulcrum-order-sign`, nowSeconds: NOW_S }),
        );
        const { cards } = await r.json();
        const verdict = await expectedVerdict(h, drug);
        expect(cards, `${id} ${drug}`).toHaveLength(1);
        expect(cards[0].indicator, `${id} ${drug} ${verdict}`).toBe(indicatorOf(verdict));
        expect(cards[0].detail).toContain(`**${drug.charAt(0).toUpperCase() + drug.slice(1)}: ${verdict}**`);
      }
    }
  });

  it('stores the EHR record as a patient version and the assessment behind the card, once for identical calls', async () => {
    const h = history('cds-store');
    const body = () => orderSelect(h, draftOrders(h.id, { id: 'o1', coding: ALEMTUZUMAB_CODING }), ['MedicationRequest/o1']);
    const a = (await (await hook('fulcrum-order-select', body())).json()).cards[0];
    const b = (await (await hook('fulcrum-order-select', body())).json()).cards[0];
    expect(a.uuid).not.toBe(b.uuid);
    expect(a.links[0].url).toBe(b.links[0].url);
    const versions = await (await s.call('nurse', '/api/patients/cds-store/versions')).json();
    expect(versions.items).toHaveLength(1);
    expect(versions.items[0].createdBy).toBe(`ehr:${EHR_ISSUER}#client_id`);
    const aid = new URL(a.links[0].url.replace('#', '')).searchParams.get('assessment');
    const rec = await (await s.call('nurse', `/api/assessments/${aid}`)).json();
    expect(rec.result.verdict).toBe(await expectedVerdict(h, 'alemtuzumab'));
    const audit = await (await s.call('auditor', '/api/audit?patientId=cds-store')).json();
    expect(audit.items.filter((i: { action: string }) => i.action === 'cds.order-select')).toHaveLength(2);
  });

  it("handles an order-select shaped like the spec's R4 example: a diet order and a medication selected together", async () => {
    const h = history('1288992');
    const diet = {
      resourceType: 'NutritionOrder',
      id: 'diet-1',
      status: 'draft',
      intent: 'order',
      patient: { reference: 'Patient/1288992' },
      dateTime: '2025-06-01',
      oralDiet: { type: [{ text: 'Pureed diet' }] },
    };
    const med = (coding: Record<string, string>) => ({
      resourceType: 'MedicationRequest',
      id: 'med-103',
      status: 'draft',
      intent: 'order',
      subject: { reference: 'Patient/1288992' },
      medicationCodeableConcept: { coding: [coding] },
      dosageInstruction: [{ text: 'as directed' }],
    });
    const call = (coding: Record<string, string>) => ({
      hookInstance: randomUUID(),
      hook: 'order-select',
      context: {
        userId: 'PractitionerRole/123',
        patientId: '1288992',
        encounterId: '89284',
        selections: ['NutritionOrder/diet-1', 'MedicationRequest/med-103'],
        draftOrders: { resourceType: 'Bundle', entry: [{ resource: diet }, { resource: med(coding) }] },
      },
      prefetch: prefetchFor(h),
    });
    const antibiotic = await hook(
      'fulcrum-order-select',
      call({ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '617993', display: 'amoxicillin / clavulanate oral suspension' }),
    );
    expect(await antibiotic.json()).toEqual({ cards: [] });
    const alem = await (await hook('fulcrum-order-select', call(ALEMTUZUMAB_CODING))).json();
    expect(alem.cards).toHaveLength(1);
    expect(alem.cards[0].indicator).toBe(indicatorOf(await expectedVerdict(h, 'alemtuzumab')));
  });

  it('names a urinary catheter in the mitoxantrone card when it is what tips the verdict (why.md, point 1)', async () => {
    const h = history('cds-catheter', { conditions: [{ code: 'urinary-catheter', status: 'active', onset: '2025-01' }] });
    const r = await hook(
      'fulcrum-order-sign',
      {
        hookInstance: randomUUID(),
        hook: 'order-sign',
        context: { userId: 'Practitioner/example', patientId: h.id, draftOrders: draftOrders(h.id, { id: 'mito-1', coding: MITOXANTRONE_ATC }) },
        prefetch: prefetchFor(h),
      },
      await signEhrJwt({ aud: `${s.url}/cds-services/fulcrum-order-sign`, nowSeconds: NOW_S }),
    );
    const card = (await r.json()).cards[0];
    const verdict = await expectedVerdict(h, 'mitoxantrone');
    expect(['contraindicated', 'advise-against']).toContain(verdict);
    expect(card.indicator).toBe(indicatorOf(verdict));
    expect(card.summary).toMatch(/catheter/i);
    expect(card.suggestions[0].actions[0].resourceId).toBe('MedicationRequest/mito-1');
  });

  it('accepts a CDS call larger than the API body limit: a prefetched record can be big', async () => {
    const h = history('cds-big');
    const body = {
      ...orderSelect(h, draftOrders(h.id, { id: 'o1', coding: ALEMTUZUMAB_CODING }), ['MedicationRequest/o1']),
      extension: { 'org.example.padding': 'x'.repeat(3_000_000) },
    };
    const r = await hook('fulcrum-order-select', body);
    expect(r.status).toBe(200);
    expect((await r.json()).cards).toHaveLength(1);
  });

  it('answers 412 when prefetch is missing and there is no fhirServer to fetch from', async () => {
    const h = history('cds-412');
    const r = await hook('fulcrum-order-select', orderSelect(h, draftOrders(h.id, { id: 'o1', coding: ALEMTUZUMAB_CODING }), ['MedicationRequest/o1'], null));
    expect(r.status).toBe(412);
    expect((await r.json()).resourceType).toBe('OperationOutcome');
  });

  it("fetches what was not prefetched from fhirServer with the call's fhirAuthorization, following next pages", async () => {
    const h = history('cds-fetch', {
      labs: [
        { date: '2025-01-10', test: 'platelets', value: 250, unit: '10^9/L' },
        { date: '2025-02-10', test: 'platelets', value: 240, unit: '10^9/L' },
        { date: '2025-03-10', test: 'platelets', value: 230, unit: '10^9/L' },
      ],
    });
    fhirRecords.set(h.id, prefetchFor(h));
    // A patient-view request shaped like the spec's example: fhirServer plus fhirAuthorization, no prefetch.
    const r = await hook(
      'fulcrum-patient-view',
      {
        hookInstance: randomUUID(),
        fhirServer: fhirUrl,
        hook: 'patient-view',
        fhirAuthorization: {
          access_token: 'some-opaque-fhir-access-token',
          token_type: 'Bearer',
          expires_in: 300,
          scope: 'patient/Patient.read patient/Observation.read',
          subject: 'cds-service4',
        },
        context: { userId: 'Practitioner/example', patientId: h.id, encounterId: '89284' },
      },
      await signEhrJwt({ aud: `${s.url}/cds-services/fulcrum-patient-view`, nowSeconds: NOW_S }),
    );
    expect(r.status).toBe(200);
    const { cards } = await r.json();
    expect(cards[0].summary).toMatch(/alemtuzumab .*; mitoxantrone /);
    expect(fhirRequests.some((u) => u.includes('page=1'))).toBe(true);
    const stored = await (await s.call('nurse', `/api/patients/${h.id}`)).json();
    expect(stored.history.labs).toHaveLength(3);
  });

  it('summarises standing in patient-view and adds a monitoring card when alemtuzumab monitoring is overdue', async () => {
    const h = history('cds-monitor', {
      therapies: [
        {
          drug: 'alemtuzumab',
          start: '2024-01-08',
          end: '2024-01-12',
          doses: ['2024-01-08', '2024-01-09', '2024-01-10', '2024-01-11', '2024-01-12'].map((date) => ({ date, amount: 12, unit: 'mg' as const })),
        },
      ],
    });
    const r = await hook(
      'fulcrum-patient-view',
      { hookInstance: randomUUID(), hook: 'patient-view', context: { userId: 'Practitioner/example', patientId: h.id }, prefetch: prefetchFor(h) },
      await signEhrJwt({ aud: `${s.url}/cds-services/fulcrum-patient-view`, nowSeconds: NOW_S }),
    );
    const { cards } = await r.json();
    expect(cards[0].indicator).toBe('info');
    const monitoring = cards.find((c: { summary: string }) => c.summary.startsWith('Safety monitoring'));
    expect(monitoring).toBeDefined();
    expect(['warning', 'critical']).toContain(monitoring.indicator);
    expect(monitoring.detail).toMatch(/Overdue/);
    expect(monitoring.links[0].url).toMatch(/\/app\/#\/patients\/cds-monitor\/monitoring$/);
  });

  it('refuses feedback for a card it never returned, naming the item, and stores none of the request (probe defect 9)', async () => {
    const h = history('cds-fb-unknown');
    const card = (
      await (await hook('fulcrum-order-select', orderSelect(h, draftOrders(h.id, { id: 'o1', coding: ALEMTUZUMAB_CODING }), ['MedicationRequest/o1']))).json()
    ).cards[0];
    const never = randomUUID();
    const send = async (serviceId: string, feedback: unknown) =>
      fetch(`${s.url}/cds-services/${serviceId}/feedback`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await signEhrJwt({ aud: `${s.url}/cds-services/${serviceId}/feedback`, nowSeconds: NOW_S })}`,
        },
        body: JSON.stringify({ feedback }),
      });
    const item = (uuid: string) => ({ card: uuid, outcome: 'accepted', outcomeTimestamp: '2025-06-01T09:30:00Z' });
    const r = await send('fulcrum-order-select', [item(card.uuid), item(never)]);
    expect(r.status).toBe(404);
    expect((await r.json()).issue.map((i: { expression: string[] }) => i.expression[0])).toEqual(['$.feedback[1].card']);
    // A real card sent to another service is not that service's card either.
    expect((await send('fulcrum-order-sign', [item(card.uuid)])).status).toBe(404);
    const { rows } = await s.ctx.db.query<{ n: string | number }>('SELECT count(*) AS n FROM cds_feedback WHERE card_uuid = ANY($1)', [[card.uuid, never]]);
    expect(Number(rows[0]!.n)).toBe(0);
    const decisions = await s.ctx.db.query<{ n: string | number }>(
      'SELECT count(*) AS n FROM decisions d JOIN assessments a ON a.id = d.assessment_id WHERE a.patient_id = $1',
      [h.id],
    );
    expect(Number(decisions.rows[0]!.n)).toBe(0);
  });

  it('records feedback (accepted suggestion, override without and with a reason, as the spec shows them) and turns answers into decisions', async () => {
    const h = history('cds-fb', { conditions: [{ code: 'stroke', status: 'resolved', onset: '2019-02' }] });
    const card = (
      await (await hook('fulcrum-order-select', orderSelect(h, draftOrders(h.id, { id: 'o1', coding: ALEMTUZUMAB_CODING }), ['MedicationRequest/o1']))).json()
    ).cards[0];
    const send = async (feedback: unknown) =>
      fetch(`${s.url}/cds-services/fulcrum-order-select/feedback`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await signEhrJwt({ aud: `${s.url}/cds-services/fulcrum-order-select/feedback`, nowSeconds: NOW_S })}`,
        },
        body: JSON.stringify(feedback),
      });
    const accepted = await send({
      feedback: [{ card: card.uuid, outcome: 'accepted', acceptedSuggestions: [{ id: card.suggestions[0].uuid }], outcomeTimestamp: '2025-06-01T09:30:00Z' }],
    });
    expect(accepted.status).toBe(200);
    expect((await send({ feedback: [{ card: card.uuid, outcome: 'overridden', outcomeTimestamp: '2025-06-01T09:30:00Z' }] })).status).toBe(200);
    const withReason = await send({
      feedback: [
        {
          card: card.uuid,
          outcome: 'overridden',
          overrideReason: {
            reason: {
              code: 'benefit-outweighs-risk',
              system: 'https://fulcrum.example/fhir/CodeSystem/cds-override-reason',
              display: 'Benefit outweighs the risk for this patient',
            },
            userComment: 'discussed with the patient',
          },
          outcomeTimestamp: '2025-06-01T09:30:00Z',
        },
      ],
    });
    expect(await withReason.json()).toEqual({ recorded: 1 });
    // The same answer sent again is recorded as feedback but is not a second decision.
    await send({
      feedback: [{ card: card.uuid, outcome: 'accepted', acceptedSuggestions: [{ id: card.suggestions[0].uuid }], outcomeTimestamp: '2025-06-01T09:30:00Z' }],
    });
    const aid = new URL(card.links[0].url.replace('#', '')).searchParams.get('assessment');
    const decisions = await (await s.call('nurse', `/api/assessments/${aid}/decisions`)).json();
    expect(decisions.items.map((d: { decision: string; reason?: string }) => [d.decision, d.reason])).toEqual([
      ['accept', undefined],
      ['override', 'EHR override: Benefit outweighs the risk for this patient: discussed with the patient'],
    ]);
    const { rows } = await s.ctx.db.query<{ n: string | number }>('SELECT count(*) AS n FROM cds_feedback WHERE card_uuid = $1', [card.uuid]);
    expect(Number(rows[0]!.n)).toBe(4);
    const review = await (await s.call('auditor', '/api/cds-feedback?serviceId=fulcrum-order-select')).json();
    const mine = review.items.filter((f: { card: string }) => f.card === card.uuid);
    expect(mine.map((f: { outcome: string; userComment?: string; assessmentId?: string }) => [f.outcome, f.userComment, f.assessmentId])).toEqual([
      ['accepted', undefined, aid],
      ['overridden', undefined, aid],
      ['overridden', 'discussed with the patient', aid],
      ['accepted', undefined, aid],
    ]);
    expect((await s.call('nurse', '/api/cds-feedback')).status).toBe(403);
    const bad = await send({ feedback: [{ card: card.uuid, outcome: 'ignored', outcomeTimestamp: 'x' }] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).issue[0].expression).toEqual(['$.feedback[0].outcome']);
  });

  it("refuses (412) data whose Patient is not the patient in context: one patient's record never lands in another's chart", async () => {
    const h = history('cds-mine');
    const other = prefetchFor(history('cds-other'));
    const r = await hook('fulcrum-order-select', orderSelect(h, draftOrders(h.id, { id: 'o1', coding: ALEMTUZUMAB_CODING }), ['MedicationRequest/o1'], other));
    expect(r.status).toBe(412);
    expect((await r.json()).issue[0].diagnostics).toMatch(/not the patient in context/);
  });

  it('warns instead of assessing when the EHR record cannot be read, naming the problem', async () => {
    const h = history('cds-bad');
    const pf = prefetchFor(h) as { patient: Record<string, unknown> };
    pf.patient = { ...pf.patient, birthDate: 'last spring' };
    const r = await hook('fulcrum-order-select', orderSelect(h, draftOrders(h.id, { id: 'o1', coding: ALEMTUZUMAB_CODING }), ['MedicationRequest/o1'], pf));
    const { cards } = await r.json();
    expect(cards[0].indicator).toBe('warning');
    expect(cards[0].detail).toMatch(/birthDate/);
  });

  it("names an event dated after today at its place in the EHR's resources, not in the history", async () => {
    // The server's today is 2025-06-01; an EDSS recorded for 2025-09-01 cannot be assessed.
    const h = history('cds-future', {
      edss: [
        { date: '2025-03-20', score: 3.5 },
        { date: '2025-09-01', score: 4.0 },
      ],
    });
    const r = await hook('fulcrum-order-select', orderSelect(h, draftOrders(h.id, { id: 'o1', coding: ALEMTUZUMAB_CODING }), ['MedicationRequest/o1']));
    const { cards } = await r.json();
    // One bad entry, one unknown: that visit is left out, named where it is, and the rest assessed.
    expect(cards[0].summary).toMatch(/alemtuzumab/i);
    expect(cards[0].detail).toMatch(/Left out: 1 entry of the record could not be read/);
    expect(cards[0].detail).toMatch(/`Bundle\.entry\[\d+\]\.resource\.effective`: .*after the assessment date/);
    expect(cards[0].detail).not.toMatch(/edss\[/);
  });
});

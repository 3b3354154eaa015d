import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases, startTestServer, type TestServer } from './harness.js';
import { history } from './fixtures.js';
import { ALEMTUZUMAB_CODING, EHR_ISSUER, EHR_PUBLIC_JWKS, MITOXANTRONE_ATC, draftOrders, prefetchFor, signEhrJwt } from './cds-helpers.js';
import { haveSynthea, readSynthea, SYNTHEA_SKIP, syntheaFiles, withMs, type SyntheaRecord } from '../oracles/synthea-data.js';
import drugCodes from '../../knowledge/codes/drugs.json' with { type: 'json' };
import { ASSESSABLE_DRUGS } from '../../src/drugs/index.js';

// Issue 20: CDS Hooks for patients and orders outside MS. No card, nothing stored about the patient,
// one audit entry saying the call was out of scope (without patient data).

const NOW_S = Date.parse('2025-06-01T09:00:00Z') / 1000;
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const SCT = 'http://snomed.info/sct';
const RXNORM_CODES = ASSESSABLE_DRUGS.flatMap((drug) => drugCodes.drugs.find((d) => d.drug === drug)!.rxnorm.map((code) => ({ drug, code })));

const KEY_OF_TYPE: Record<string, string> = {
  Condition: 'conditions',
  Observation: 'observations',
  MedicationRequest: 'medicationRequests',
  MedicationStatement: 'medicationStatements',
  MedicationAdministration: 'medicationAdministrations',
  Medication: 'medicationRequests',
  Procedure: 'procedures',
  DeviceUseStatement: 'devices',
  List: 'lists',
};

/** What an EHR's FHIR server returns for our prefetch templates, from a whole Synthea record. */
function prefetchOf(r: SyntheaRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(Object.values(KEY_OF_TYPE))) out[key] = { resourceType: 'Bundle', type: 'searchset', entry: [] };
  for (const { resource } of r.bundle.entry) {
    if (resource.resourceType === 'Patient') out.patient = resource;
    const key = KEY_OF_TYPE[String(resource.resourceType)];
    if (key) (out[key] as { entry: unknown[] }).entry.push({ resource });
  }
  return out;
}

const withReason = (orders: ReturnType<typeof draftOrders>, reason: Record<string, unknown>) => {
  for (const e of orders.entry) Object.assign(e.resource, reason);
  return orders;
};

describe.each(databases())('CDS Hooks outside MS on $name', ({ options }) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(options(), { cdsIssuers: [{ iss: EHR_ISSUER, jwks: EHR_PUBLIC_JWKS }] });
  });
  afterAll(async () => {
    await s?.close();
  });

  const call = async (serviceId: string, hook: string, patientId: string, prefetch: unknown, orders?: unknown) => {
    const jwt = await signEhrJwt({ aud: `${s.url}/cds-services/${serviceId}`, nowSeconds: NOW_S });
    const context =
      hook === 'patient-view'
        ? { userId: 'Practitioner/example', patientId }
        : { userId: 'Practitioner/example', patientId, draftOrders: orders, ...(hook === 'order-select' ? { selections: ['MedicationRequest/o1'] } : {}) };
    const r = await fetch(`${s.url}/cds-services/${serviceId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
      body: JSON.stringify({ hookInstance: randomUUID(), hook, context, prefetch }),
    });
    expect(r.status).toBe(200);
    return (await r.json()) as { cards: { indicator: string; summary: string }[] };
  };
  const auditItems = async () =>
    (await (await s.call('auditor', '/api/audit?limit=10000')).json()).items as { action: string; resource: string; patientId?: string | null }[];

  it.skipIf(!haveSynthea)(
    `no card from any service for the Synthea records, for orders of each drug's RxNorm codes; nothing stored; out-of-scope audit entries without patient data${haveSynthea ? '' : ` (${SYNTHEA_SKIP})`}`,
    async () => {
      const before = (await auditItems()).filter((a) => a.resource.includes('out of scope')).length;
      let calls = 0;
      for (const f of syntheaFiles()) {
        const r = readSynthea(f);
        const prefetch = prefetchOf(r);
        expect(await call('fulcrum-patient-view', 'patient-view', r.patientId, prefetch), f).toEqual({ cards: [] });
        calls++;
        for (const { code } of RXNORM_CODES) {
          const orders = draftOrders(r.patientId, { id: 'o1', coding: { system: RXNORM, code } });
          expect(await call('fulcrum-order-select', 'order-select', r.patientId, prefetch, orders), `${f} ${code}`).toEqual({ cards: [] });
          expect(await call('fulcrum-order-sign', 'order-sign', r.patientId, prefetch, orders), `${f} ${code}`).toEqual({ cards: [] });
          calls += 2;
        }
        expect((await s.call('nurse', `/api/patients/${encodeURIComponent(r.patientId)}`)).status, f).toBe(404);
      }
      const audit = await auditItems();
      const ids = new Set(syntheaFiles().map((f) => readSynthea(f).patientId));
      expect(audit.filter((a) => a.patientId && ids.has(a.patientId))).toEqual([]);
      const outOfScope = audit.filter((a) => a.resource.includes('out of scope'));
      expect(outOfScope.length - before).toBe(calls);
      for (const a of outOfScope) {
        expect(a.patientId ?? undefined).toBeUndefined();
        for (const id of ids) expect(a.resource).not.toContain(id);
      }
    },
    600_000,
  );

  it.skipIf(!haveSynthea)(
    'the same Synthea record with an MS diagnosis added gets its cards and is stored',
    async () => {
      const r = withMs(readSynthea(syntheaFiles()[0]!));
      const pv = await call('fulcrum-patient-view', 'patient-view', r.patientId, prefetchOf(r));
      expect(pv.cards.length).toBeGreaterThan(0);
      const orders = draftOrders(r.patientId, { id: 'o1', coding: ALEMTUZUMAB_CODING });
      const os = await call('fulcrum-order-sign', 'order-sign', r.patientId, prefetchOf(r), orders);
      expect(os.cards).toHaveLength(1);
      expect(os.cards[0]!.summary).toMatch(/^Alemtuzumab/);
      expect((await s.call('nurse', `/api/patients/${encodeURIComponent(r.patientId)}`)).status).toBe(200);
    },
    120_000,
  );

  it('an MS patient: Campath (alemtuzumab for CLL) gets no card, Lemtrada does', async () => {
    const h = history('cds-campath');
    const campath = draftOrders(h.id, { id: 'o1', coding: { ...ALEMTUZUMAB_CODING, display: 'alemtuzumab 30 MG/ML Injectable Solution [Campath]' } });
    expect(await call('fulcrum-order-sign', 'order-sign', h.id, prefetchFor(h), campath)).toEqual({ cards: [] });
    expect((await s.call('nurse', `/api/patients/${h.id}`)).status).toBe(404);
    const lemtrada = draftOrders(h.id, { id: 'o1', coding: { ...ALEMTUZUMAB_CODING, display: 'alemtuzumab 10 MG/ML [Lemtrada]' } });
    expect((await call('fulcrum-order-sign', 'order-sign', h.id, prefetchFor(h), lemtrada)).cards).toHaveLength(1);
  });

  it('an MS patient: an order whose stated reason is another disease gets no card (reasonCode, or reasonReference to a Condition of the record); an MS reason does', async () => {
    const h = history('cds-reason');
    const prostate = { coding: [{ system: SCT, code: '126906006', display: 'Neoplasm of prostate' }] };
    const byCode = withReason(draftOrders(h.id, { id: 'o1', coding: MITOXANTRONE_ATC }), { reasonCode: [prostate] });
    expect(await call('fulcrum-order-select', 'order-select', h.id, prefetchFor(h), byCode)).toEqual({ cards: [] });

    const prefetch = prefetchFor(h) as { conditions: { entry: unknown[] } };
    prefetch.conditions.entry.push({ resource: { resourceType: 'Condition', id: 'pca', code: prostate, subject: { reference: `Patient/${h.id}` } } });
    const byRef = withReason(draftOrders(h.id, { id: 'o1', coding: MITOXANTRONE_ATC }), { reasonReference: [{ reference: 'Condition/pca' }] });
    expect(await call('fulcrum-order-select', 'order-select', h.id, prefetch, byRef)).toEqual({ cards: [] });
    expect((await s.call('nurse', `/api/patients/${h.id}`)).status).toBe(404);

    const ms = withReason(draftOrders(h.id, { id: 'o1', coding: MITOXANTRONE_ATC }), {
      reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'G35' }] }],
    });
    expect((await call('fulcrum-order-select', 'order-select', h.id, prefetchFor(h), ms)).cards).toHaveLength(1);
  });

  it('a history with only a CIS (no label of these drugs includes it) gets no card and is not stored', async () => {
    const h = history('cds-cis', { msOnset: undefined, msDiagnosis: undefined, course: { phenotype: 'CIS' } });
    expect(await call('fulcrum-patient-view', 'patient-view', h.id, prefetchFor(h))).toEqual({ cards: [] });
    expect((await s.call('nurse', `/api/patients/${h.id}`)).status).toBe(404);
  });

  it('NMOSD instead of MS: natalizumab, fingolimod, interferon beta and alemtuzumab orders get a warning card citing the reports; mitoxantrone none; nothing stored', async () => {
    const h = history('cds-nmosd', {
      msOnset: undefined,
      msDiagnosis: undefined,
      course: undefined,
      conditions: [{ code: 'nmosd', status: 'active', onset: '2021' }],
    });
    const ordered = [
      ['natalizumab', { system: RXNORM, code: '354770', display: 'natalizumab 300 MG' }, /kleiter/i],
      ['fingolimod', { system: RXNORM, code: '1012892' }, /Min JH/],
      ['interferon beta', { system: RXNORM, code: '75917' }, /Palace J/],
      ['alemtuzumab', ALEMTUZUMAB_CODING, /Azzopardi L/],
    ] as const;
    for (const [name, coding, cited] of ordered) {
      const { cards } = await call('fulcrum-order-sign', 'order-sign', h.id, prefetchFor(h), draftOrders(h.id, { id: 'o1', coding }));
      expect(cards, name).toHaveLength(1);
      const card = cards[0] as { indicator: string; summary: string; detail: string };
      expect(card.indicator).toBe('warning');
      expect(card.summary.toLowerCase()).toContain(`${name} may worsen neuromyelitis optica`);
      expect(card.detail).toMatch(cited);
    }
    expect(await call('fulcrum-order-sign', 'order-sign', h.id, prefetchFor(h), draftOrders(h.id, { id: 'o1', coding: MITOXANTRONE_ATC }))).toEqual({
      cards: [],
    });
    expect((await s.call('nurse', `/api/patients/${h.id}`)).status).toBe(404);
    const audit = await auditItems();
    expect(audit.filter((a) => a.patientId === h.id)).toEqual([]);
    expect(audit.some((a) => /MS mimic warning \(natalizumab in nmosd\)/.test(a.resource))).toBe(true);
  });

  it('an MS patient ordered fingolimod (not assessed by Fulcrum) gets no card and is not stored', async () => {
    const h = history('cds-ms-fingolimod', { conditions: [{ code: 'nmosd', status: 'resolved', onset: '2015' }] });
    expect(
      await call('fulcrum-order-sign', 'order-sign', h.id, prefetchFor(h), draftOrders(h.id, { id: 'o1', coding: { system: RXNORM, code: '1012892' } })),
    ).toEqual({ cards: [] });
    expect((await s.call('nurse', `/api/patients/${h.id}`)).status).toBe(404);
  });

  it('the API assesses a patient without MS as not-applicable, with the one reason and nothing weighed; there is no letter (409)', async () => {
    const h = history('api-no-ms', {
      msOnset: undefined,
      msDiagnosis: undefined,
      course: undefined,
      conditions: [{ code: 'malignancy', status: 'active', onset: '2023' }],
    });
    expect((await s.call('clinician', '/api/patients', { method: 'POST', json: h })).status).toBe(201);
    for (const drug of ASSESSABLE_DRUGS) {
      const r = await s.call('clinician', `/api/patients/${h.id}/assessments`, { method: 'POST', json: { drug } });
      expect(r.status).toBe(201);
      const a = (await r.json()) as { id: string; result: { verdict: string; reasons: { code: string }[]; checks: unknown[]; missing: unknown[] } };
      expect(a.result.verdict).toBe('not-applicable');
      expect(a.result.reasons.map((x) => x.code)).toEqual(['scope.no-ms-diagnosis']);
      expect([a.result.checks, a.result.missing]).toEqual([[], []]);
      const letter = await s.call('clinician', `/api/assessments/${a.id}/letter`);
      expect(letter.status).toBe(409);
      expect((await letter.json()).issue[0].diagnostics).toMatch(/no patient letter/);
    }
  });
});

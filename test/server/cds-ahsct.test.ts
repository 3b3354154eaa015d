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
import { ALEMTUZUMAB_CODING, EHR_ISSUER, EHR_PUBLIC_JWKS, prefetchFor, signEhrJwt } from './cds-helpers.js';

// Issue 13: aHSCT has no RxNorm or ATC code; an EHR orders it as a ServiceRequest coded with a procedure
// code (knowledge/codes/value-sets/procedures.json). The card is the one a drug order gets.

const NOW_S = Date.parse('2025-06-01T09:00:00Z') / 1000;
const TODAY = parseDay('2025-06-01')!;
const SCT = 'http://snomed.info/sct';
const CPT = 'http://www.ama-assn.org/go/cpt';
const PCS = 'http://www.cms.gov/Medicare/Coding/ICD10';
const AUTOLOGOUS = { system: SCT, code: '709115004', display: 'Transplantation of autologous hematopoietic stem cell (procedure)' };

/** Draft orders as an EHR sends them: ServiceRequests for procedures, MedicationRequests for drugs. */
function orders(patientId: string, ...items: { id: string; coding: Record<string, string>; type?: 'ServiceRequest' | 'MedicationRequest' }[]) {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: items.map(({ id, coding, type = 'ServiceRequest' }) => ({
      resource: {
        resourceType: type,
        id,
        status: 'draft',
        intent: 'proposal',
        subject: { reference: `Patient/${patientId}` },
        ...(type === 'ServiceRequest' ? { code: { coding: [coding] } } : { medicationCodeableConcept: { coding: [coding] } }),
      },
    })),
  };
}

/** The assessment the engine makes of the record the EHR sends: the card must carry its verdict. */
async function expected(h: History) {
  const mapped = bundleToHistory(await gatherRecord({ patientId: h.id }, prefetchFor(h), {}));
  if (!mapped.ok) throw new Error('fixture does not map');
  return { verdict: assess(mapped.history, { drug: 'ahsct', asOf: TODAY, label: 'eu' }).verdict, history: mapped.history };
}

/** Twenty years of MS, progressive for twelve, EDSS 6.5, no relapse or MRI activity for years (the issue's example). */
const advanced = (id: string) =>
  history(id, {
    birthDate: '1975-02',
    msOnset: '2005-03',
    msDiagnosis: '2006-01-10',
    course: { phenotype: 'SPMS', since: '2013-01' },
    edss: [
      { date: '2023-05-10', score: 6.0 },
      { date: '2024-05-02', score: 6.5 },
      { date: '2025-03-20', score: 6.5 },
    ],
    relapses: [{ onset: '2011-09-01', disabling: true, recovery: 'partial' }],
    mri: [{ date: '2025-03-01', region: 'brain', gadoliniumEnhancingLesions: 0, newOrEnlargingT2Lesions: 0 }],
  });

reportSkippedPostgres('CDS Hooks aHSCT orders');

describe.each(databases())('CDS Hooks: aHSCT ordered as a procedure, on $name', ({ options }) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(options(), { cdsIssuers: [{ iss: EHR_ISSUER, jwks: EHR_PUBLIC_JWKS }] });
  });
  afterAll(async () => {
    await s?.close();
  });

  const call = async (hook: 'order-select' | 'order-sign', h: History, draft: ReturnType<typeof orders>, selections?: string[]) => {
    const serviceId = `fulcrum-${hook}`;
    const jwt = await signEhrJwt({ aud: `${s.url}/cds-services/${serviceId}`, nowSeconds: NOW_S });
    const r = await fetch(`${s.url}/cds-services/${serviceId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
      body: JSON.stringify({
        hookInstance: randomUUID(),
        hook,
        context: { userId: 'Practitioner/example', patientId: h.id, draftOrders: draft, ...(hook === 'order-select' ? { selections: selections ?? [] } : {}) },
        prefetch: prefetchFor(h),
      }),
    });
    expect(r.status).toBe(200);
    return (await r.json()).cards as {
      summary: string;
      detail: string;
      indicator: string;
      links: { url: string }[];
      suggestions?: { actions: { type: string; resourceId: string }[] }[];
    }[];
  };

  it('answers a ServiceRequest for aHSCT (SNOMED CT, CPT, ICD-10-PCS) with the aHSCT card, on order-select and order-sign', async () => {
    const h = history('cds-ahsct-active');
    const { verdict } = await expected(h);
    for (const [i, coding] of [AUTOLOGOUS, { system: CPT, code: '38241' }, { system: PCS, code: '30243Y0' }].entries()) {
      const id = `sr-${i}`;
      for (const hook of ['order-select', 'order-sign'] as const) {
        const cards = await call(hook, h, orders(h.id, { id, coding }), [`ServiceRequest/${id}`]);
        expect(cards, `${hook} ${coding.code}`).toHaveLength(1);
        expect(cards[0]!.indicator).toBe(indicatorOf(verdict));
        expect(cards[0]!.summary).toMatch(/^aHSCT /);
        expect(cards[0]!.detail).toContain(`**aHSCT: ${verdict}**`);
        expect(cards[0]!.links[0]!.url).toMatch(/\/app\/#\/patients\/cds-ahsct-active\/assessment\?assessment=/);
      }
    }
    const aid = new URL((await call('order-sign', h, orders(h.id, { id: 'x', coding: AUTOLOGOUS })))[0]!.links[0]!.url.replace('#', '')).searchParams.get(
      'assessment',
    );
    const stored = await (await s.call('nurse', `/api/assessments/${aid}`)).json();
    expect(stored.result.drug).toBe('ahsct');
    expect(stored.result.verdict).toBe(verdict);
  });

  it('advises against aHSCT at EDSS 6.5 after 20 years of progressive disease and offers to remove the ServiceRequest', async () => {
    const h = advanced('cds-ahsct-advanced');
    const { verdict, history: mapped } = await expected(h);
    expect(verdict).toBe('advise-against');
    const cards = await call('order-select', h, orders(h.id, { id: 'hsct-1', coding: AUTOLOGOUS }), ['ServiceRequest/hsct-1']);
    expect(cards).toHaveLength(1);
    const card = cards[0]!;
    expect(card.indicator).toBe('warning');
    expect(card.summary).toMatch(/^aHSCT advised against: Advanced disease/);
    expect(card.detail).toMatch(/sources: .*ectrims-ebmt-2025/);
    expect(card.suggestions?.[0]?.actions[0]).toMatchObject({ type: 'delete', resourceId: 'ServiceRequest/hsct-1' });
    // No therapy fits this patient better: the card names none rather than a worse one.
    expect(betterFitting(compareTherapies(mapped, { asOf: TODAY, label: 'eu' }), 'ahsct')).toEqual([]);
    expect(card.detail).not.toContain('Better-fitting alternatives');
  });

  it('names the better-fitting therapies on a card against aHSCT, as the comparison orders them, with a link to it', async () => {
    // Active relapsing MS, but 17 years from onset and EDSS 6.5: outside the transplant guidelines' profile.
    const h = history('cds-ahsct-alt', {
      conditions: [],
      msOnset: '2008-03',
      msDiagnosis: '2009-01-15',
      edss: [
        { date: '2024-05-02', score: 6.0 },
        { date: '2025-03-20', score: 6.5 },
      ],
    });
    const { verdict, history: mapped } = await expected(h);
    expect(verdict).toBe('advise-against');
    const better = betterFitting(compareTherapies(mapped, { asOf: TODAY, label: 'eu' }), 'ahsct');
    expect(better.length).toBeGreaterThan(0);
    const card = (await call('order-sign', h, orders(h.id, { id: 'hsct-2', coding: { system: SCT, code: '425983008' } })))[0]!;
    const section = card.detail.split('**Better-fitting alternatives for this patient**')[1] as string;
    expect([...section.matchAll(/^- (\w+):/gm)].map((m) => m[1]!.toLowerCase())).toEqual(better);
    expect(card.links.at(-1)!.url).toMatch(/\/app\/#\/patients\/cds-ahsct-alt\/compare$/);
  });

  it('says nothing for an allogeneic transplant or one that does not say autologous, and stores nothing about the patient', async () => {
    const h = history('cds-allo');
    for (const coding of [
      { system: SCT, code: '174241000112100', display: 'Transplantation of allogeneic hematopoietic stem cell (procedure)' },
      { system: CPT, code: '38240' },
      { system: PCS, code: '30243Y1' },
      { system: SCT, code: '234336002', display: 'Hemopoietic stem cell transplant (procedure)' },
    ] as Record<string, string>[]) {
      expect(await call('order-sign', h, orders(h.id, { id: 'allo', coding })), coding.code).toEqual([]);
    }
    expect((await s.call('nurse', '/api/patients/cds-allo')).status).toBe(404);
  });

  it('says nothing for an autologous transplant ordered for another disease (its reasonCode), as for a drug ordered for one', async () => {
    const h = history('cds-ahsct-other-reason');
    const draft = orders(h.id, { id: 'sr', coding: AUTOLOGOUS });
    // Autologous transplantation is standard treatment of some cancers: the stated reason decides.
    Object.assign(draft.entry[0]!.resource, {
      reasonCode: [{ coding: [{ system: SCT, code: '363346000', display: 'Malignant neoplastic disease (disorder)' }] }],
    });
    expect(await call('order-sign', h, draft)).toEqual([]);
    expect((await s.call('nurse', '/api/patients/cds-ahsct-other-reason')).status).toBe(404);
  });

  it('on order-select, answers for the selected order only: the drug, or the transplant', async () => {
    const h = history('cds-ahsct-select');
    const draft = orders(h.id, { id: 'sr', coding: AUTOLOGOUS }, { id: 'mr', coding: ALEMTUZUMAB_CODING, type: 'MedicationRequest' });
    expect((await call('order-select', h, draft, ['MedicationRequest/mr'])).map((c) => c.summary.split(' ')[0])).toEqual(['Alemtuzumab']);
    expect((await call('order-select', h, draft, ['ServiceRequest/sr'])).map((c) => c.summary.split(' ')[0])).toEqual(['aHSCT']);
    expect((await call('order-sign', h, draft)).map((c) => c.summary.split(' ')[0])).toEqual(['aHSCT', 'Alemtuzumab']);
  });
});

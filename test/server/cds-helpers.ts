import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { historyToBundle } from '../../src/fhir/index.js';
import type { History } from '../../src/history/schema.js';

// An EHR signing key made for the test run (ES384 on P-384, the algorithm the CDS Hooks spec recommends).
const pair = await generateKeyPair('ES384', { extractable: true });
export const EHR_PRIVATE_JWK: JWK = { ...(await exportJWK(pair.privateKey)), kid: 'ehr-test-key', alg: 'ES384' };
export const EHR_PUBLIC_JWKS = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'ehr-test-key', alg: 'ES384', use: 'sig' }] as Record<string, unknown>[] };
export const EHR_ISSUER = 'https://ehr.test.example/';

export interface SignOptions {
  aud: string;
  nowSeconds: number;
  iss?: string;
  jti?: string;
  lifetime?: number;
  key?: JWK;
  alg?: string;
}

/** A JWT as the spec describes (header alg/kid/typ/jku; payload iss, aud, exp, iat, jti, tenant). */
export async function signEhrJwt(o: SignOptions): Promise<string> {
  const jwk = o.key ?? EHR_PRIVATE_JWK;
  const key = await importJWK(jwk, o.alg ?? 'ES384');
  return new SignJWT({ tenant: 'clinic-1' })
    .setProtectedHeader({ alg: o.alg ?? 'ES384', typ: 'JWT', kid: String(jwk.kid ?? 'k'), jku: 'https://ehr.test.example/jwks' })
    .setIssuer(o.iss ?? EHR_ISSUER)
    .setSubject('client_id')
    .setAudience(o.aud)
    .setIssuedAt(o.nowSeconds)
    .setExpirationTime(o.nowSeconds + (o.lifetime ?? 300))
    .setJti(o.jti ?? randomUUID())
    .sign(key);
}

const KEY_OF_TYPE: Record<string, string> = {
  Patient: 'patient',
  Condition: 'conditions',
  Observation: 'observations',
  MedicationRequest: 'medicationRequests',
  MedicationStatement: 'medicationStatements',
  MedicationAdministration: 'medicationAdministrations',
  Medication: 'medicationStatements',
  Procedure: 'procedures',
  DeviceUseStatement: 'devices',
  List: 'lists',
};

/** What an EHR would prefetch for our templates, from a history written out as FHIR. */
export function prefetchFor(h: History): Record<string, unknown> {
  const bundle = historyToBundle(h) as { entry?: { resource?: { resourceType: string } }[] };
  const out: Record<string, unknown> = {};
  for (const key of Object.values(KEY_OF_TYPE)) if (key !== 'patient') out[key] = { resourceType: 'Bundle', type: 'searchset', entry: [] };
  for (const e of bundle.entry ?? []) {
    const r = e.resource!;
    const key = KEY_OF_TYPE[r.resourceType];
    if (!key) throw new Error(`test helper: no prefetch key for ${r.resourceType}`);
    if (key === 'patient') out.patient = r;
    else (out[key] as { entry: unknown[] }).entry.push({ resource: r });
  }
  return out;
}

export const ALEMTUZUMAB_CODING = { system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '117055', display: 'alemtuzumab' };
export const MITOXANTRONE_ATC = { system: 'http://www.whocc.no/atc', code: 'L01DB07', display: 'mitoxantrone' };
export const IBUPROFEN_CODING = { system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '5640', display: 'ibuprofen' };

export function draftOrders(patientId: string, ...orders: { id: string; coding: Record<string, string> }[]) {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: orders.map((o) => ({
      resource: {
        resourceType: 'MedicationRequest',
        id: o.id,
        status: 'draft',
        intent: 'proposal',
        subject: { reference: `Patient/${patientId}` },
        medicationCodeableConcept: { coding: [o.coding] },
      },
    })),
  };
}

import { randomUUID } from 'node:crypto';
import { SignJWT, importJWK, type JWK } from 'jose';
import { historyToBundle } from '../../src/fhir/index.js';
import type { History } from '../../src/history/schema.js';

// The key pair of the CDS Hooks specification's own JWT example ("Trusting CDS Clients").
export const SPEC_PRIVATE_JWK: JWK = {
  kty: 'EC',
  d: 'SeFXUXda8UomZ8GFUl7HH_Oi15rIbfMcsWj9ecIsDR8kLbqsEz2CGNgwy_IcILxy',
  use: 'sig',
  crv: 'P-384',
  kid: 'example-kid',
  x: '46SDH7Znh821wblCBglA61sNE9ZrHYKKt3qRtRTmSXyOI_FIGBLWrWa0GPUkDCEk',
  y: 'XMcRuuoGW7CXjQdy-F5i3FeBE0x9hPLdeFdSoDd3ELmx404tLX0VRRcqzAsPhXcI',
  alg: 'ES384',
};
export const SPEC_PUBLIC_JWKS = { keys: [{ kty: 'EC', use: 'sig', crv: 'P-384', kid: 'example-kid', x: SPEC_PRIVATE_JWK.x!, y: SPEC_PRIVATE_JWK.y!, alg: 'ES384' }] };
export const SPEC_ISSUER = 'https://fhir-ehr.example.com/';
/** The spec's complete example JWT: signed by the example key, expired since 2015. */
export const SPEC_EXAMPLE_JWT =
  'eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCIsImtpZCI6ImV4YW1wbGUta2lkIiwiamt1IjoiaHR0cHM6Ly9maGlyLWVoci5leGFtcGxlLmNvbS9qd2tfdXJpIn0.eyJpc3MiOiJodHRwczovL2ZoaXItZWhyLmV4YW1wbGUuY29tLyIsInN1YiI6ImNsaWVudF9pZCIsImF1ZCI6Imh0dHBzOi8vY2RzLmV4YW1wbGUub3JnL2Nkcy1zZXJ2aWNlcy9zb21lLXNlcnZpY2UiLCJleHAiOjE0MjI1Njg4NjAsImlhdCI6MTMxMTI4MDk3MCwianRpIjoiZWUyMmIwMjEtZTFiNy00NjExLWJhNWItOGVlYzZhMzNhYzFlIiwidGVuYW50IjoiMmRkZDZjM2EtOGU5YS00NGM2LWEzMDUtNTIxMTFhZDMwMmEyIn0.CUFPkplnWd6YGIvzoHolWCQBDsCL8QtTWKGg_QFpS169WrqDGzktRi-_we6-6rVzbjerU27ZKww_SW0-b9RTz-dPJNcqsueMio8r6EqXUXhbLm_ch3XFSbDlGHDl_tqo';

export interface SignOptions {
  aud: string;
  nowSeconds: number;
  iss?: string;
  jti?: string;
  lifetime?: number;
  key?: JWK;
  alg?: string;
}

/** A JWT as the spec's example EHR would sign it (header alg/kid/typ/jku, payload iss/aud/exp/iat/jti/tenant). */
export async function signEhrJwt(o: SignOptions): Promise<string> {
  const jwk = o.key ?? SPEC_PRIVATE_JWK;
  const key = await importJWK(jwk, o.alg ?? 'ES384');
  return new SignJWT({ tenant: '2ddd6c3a-8e9a-44c6-a305-52111ad302a2' })
    .setProtectedHeader({ alg: o.alg ?? 'ES384', typ: 'JWT', kid: String(jwk.kid ?? 'k'), jku: 'https://fhir-ehr.example.com/jwk_uri' })
    .setIssuer(o.iss ?? SPEC_ISSUER)
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

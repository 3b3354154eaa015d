// The Synthea R4 records of ../shared/oracles/synthea-r4 (none has MS), read as an EHR's FHIR server
// would return them (Type/id references), and with an MS part added for the in-scope comparison.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ORACLES } from './oracle-data.js';

export const SYNTHEA = path.join(ORACLES, 'synthea-r4');
export const haveSynthea = existsSync(SYNTHEA);
export const SYNTHEA_SKIP = `Synthea R4 records not found at ${SYNTHEA}; scope tests on them skipped`;

type Json = Record<string, unknown>;
export interface SyntheaRecord {
  file: string;
  patientId: string;
  /** A collection Bundle with server-style references (Type/id). */
  bundle: { resourceType: 'Bundle'; type: 'collection'; entry: { resource: Json }[] };
}

export function syntheaFiles(): string[] {
  return haveSynthea
    ? readdirSync(SYNTHEA)
        .filter((f) => f.endsWith('.json.gz'))
        .sort()
    : [];
}

/** One record, its urn:uuid references rewritten as a FHIR server returns them. */
export function readSynthea(file: string): SyntheaRecord {
  let text = gunzipSync(readFileSync(path.join(SYNTHEA, file))).toString('utf8');
  const tx = JSON.parse(text) as { entry: { fullUrl?: string; resource: Json }[] };
  const refs = new Map<string, string>();
  for (const e of tx.entry) if (e.fullUrl?.startsWith('urn:uuid:')) refs.set(e.fullUrl, `${String(e.resource.resourceType)}/${String(e.resource.id)}`);
  text = text.replace(/urn:uuid:[0-9a-fA-F-]{36}/g, (u) => refs.get(u) ?? u);
  const bundle = JSON.parse(text) as { entry: { resource: Json }[] };
  const patient = bundle.entry.find((e) => e.resource.resourceType === 'Patient')!.resource;
  return {
    file,
    patientId: String(patient.id),
    bundle: { resourceType: 'Bundle', type: 'collection', entry: bundle.entry.map((e) => ({ resource: e.resource })) },
  };
}

const SCT = 'http://snomed.info/sct';

/** The record with an MS part: an RRMS diagnosis (SNOMED 426373005 with ICD-10-CM G35) since 2015. */
export function withMs(r: SyntheaRecord): SyntheaRecord {
  const ms: Json = {
    resourceType: 'Condition',
    id: `ms-${r.patientId}`,
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
    code: {
      coding: [
        { system: SCT, code: '426373005', display: 'Relapsing remitting multiple sclerosis (disorder)' },
        { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'G35' },
      ],
    },
    subject: { reference: `Patient/${r.patientId}` },
    onsetDateTime: '2015-03-01',
  };
  return { ...r, bundle: { ...r.bundle, entry: [...r.bundle.entry, { resource: ms }] } };
}

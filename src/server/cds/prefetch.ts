import { PREFETCH, fillTemplate } from './services.js';

// Gathers the patient's FHIR resources for a hook call: from `prefetch` where the EHR satisfied a
// template (a null value means "no data", which is an answer), else from `fhirServer` with the
// `fhirAuthorization` token. A template neither prefetched nor fetchable makes the call fail with 412,
// as the spec says: the service never assesses a record it knows to be incomplete.

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

export class PreconditionFailed extends Error {}

export interface FhirAccess {
  fhirServer?: string;
  accessToken?: string;
}

const MAX_PAGES = 20;
const FETCH_TIMEOUT_MS = 8_000;

async function fetchJson(url: string, token: string): Promise<unknown> {
  const r = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json, application/json' },
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (r.status === 404) return null;
  if (!r.ok) throw new PreconditionFailed(`the FHIR server answered ${r.status} for a prefetch query`);
  return r.json();
}

/** A read or a search, following `next` links so no page is left out. */
async function fetchTemplate(base: string, query: string, token: string): Promise<unknown> {
  const first = await fetchJson(`${base.replace(/\/$/, '')}/${query}`, token);
  if (!isObj(first) || first.resourceType !== 'Bundle') return first;
  const entries = Array.isArray(first.entry) ? [...(first.entry as unknown[])] : [];
  let page: Json = first;
  for (let i = 0; i < MAX_PAGES; i++) {
    const next = Array.isArray(page.link) ? (page.link as Json[]).find((l) => l.relation === 'next' && typeof l.url === 'string') : undefined;
    if (!next) break;
    const more = await fetchJson(next.url as string, token);
    if (!isObj(more)) break;
    if (Array.isArray(more.entry)) entries.push(...(more.entry as unknown[]));
    page = more;
  }
  return { ...first, entry: entries };
}

/**
 * Resources for every template, as one collection Bundle the FHIR mapping reads. Search results
 * that are OperationOutcomes (a searchset's warnings) are left out; duplicates are kept once.
 */
export async function gatherRecord(
  context: Json,
  prefetch: Json | undefined,
  access: FhirAccess,
  extra: readonly unknown[] = [],
): Promise<{ resourceType: 'Bundle'; type: 'collection'; entry: { resource: Json }[] }> {
  const results: unknown[] = [];
  const toFetch: [string, string][] = [];
  for (const [key, template] of Object.entries(PREFETCH)) {
    if (prefetch && key in prefetch) results.push(prefetch[key]);
    else {
      const q = fillTemplate(template, context);
      if (q === undefined) throw new PreconditionFailed(`the context lacks what prefetch "${key}" needs`);
      toFetch.push([key, q]);
    }
  }
  if (toFetch.length > 0) {
    if (!access.fhirServer || !access.accessToken) {
      throw new PreconditionFailed(`prefetch ${toFetch.map(([k]) => `"${k}"`).join(', ')} missing and no fhirServer with fhirAuthorization to fetch it`);
    }
    try {
      results.push(...(await Promise.all(toFetch.map(([, q]) => fetchTemplate(access.fhirServer!, q, access.accessToken!)))));
    } catch (e) {
      if (e instanceof PreconditionFailed) throw e;
      throw new PreconditionFailed(`the FHIR server could not be read: ${(e as Error).name}`);
    }
  }
  const seen = new Set<string>();
  const entry: { resource: Json }[] = [];
  const add = (r: unknown) => {
    if (!isObj(r) || typeof r.resourceType !== 'string' || r.resourceType === 'OperationOutcome') return;
    const key = typeof r.id === 'string' ? `${r.resourceType}/${r.id}` : undefined;
    if (key) {
      if (seen.has(key)) return;
      seen.add(key);
    }
    entry.push({ resource: r });
  };
  for (const r of [...results, ...extra]) {
    if (isObj(r) && r.resourceType === 'Bundle') for (const e of Array.isArray(r.entry) ? (r.entry as unknown[]) : []) add(isObj(e) ? e.resource : undefined);
    else add(r);
  }
  const patients = entry.filter((e) => e.resource.resourceType === 'Patient');
  if (patients.length === 0) throw new PreconditionFailed('no Patient resource: prefetch "patient" was null or absent');
  // Never assess one patient's record in another's chart.
  const contextId = typeof context.patientId === 'string' ? context.patientId : undefined;
  const stranger = patients.find((p) => contextId !== undefined && p.resource.id !== contextId);
  if (stranger) throw new PreconditionFailed(`the Patient in the data (${String(stranger.resource.id)}) is not the patient in context`);
  return { resourceType: 'Bundle', type: 'collection', entry };
}

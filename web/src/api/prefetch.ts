import { enc, getJson } from './client.js';
import type { CourseResult, PatientRecord } from './types.js';

// Opening a patient's timeline needs three things that do not depend on each other: the record, the
// course and the charting code. Starting all three at once, as early as the route is known (before
// the first render), instead of one after another is most of what keeps a long history on screen
// within a second.

const pending = new Map<string, Promise<unknown>>();

function prefetch<T>(key: string, load: () => Promise<T>): void {
  if (pending.has(key)) return;
  const p = load();
  p.catch(() => undefined); // the consumer reports the error
  pending.set(key, p);
}

/** A prefetched answer is used once, so a later visit (after a new version) fetches afresh. */
function take<T>(key: string, load: () => Promise<T>): Promise<T> {
  const p = pending.get(key) as Promise<T> | undefined;
  if (p) {
    pending.delete(key);
    return p;
  }
  return load();
}

const courseUrl = (id: string) => `/api/patients/${enc(id)}/course`;
const recordUrl = (id: string) => `/api/patients/${enc(id)}`;

export function prefetchCourse(id: string, asOf: string): void {
  prefetch(`course|${id}|${asOf}`, () => getJson<CourseResult>(courseUrl(id), { asOf }));
}
export function takeCourse(id: string, asOf: string): Promise<CourseResult> {
  return take(`course|${id}|${asOf}`, () => getJson<CourseResult>(courseUrl(id), { asOf }));
}

export function prefetchRecord(id: string): void {
  prefetch(`record|${id}`, () => getJson<PatientRecord>(recordUrl(id)));
}
export function takeRecord(id: string): Promise<PatientRecord> {
  return take(`record|${id}`, () => getJson<PatientRecord>(recordUrl(id)));
}

export function prefetchChart(): void {
  void import('../lib/echarts.js').catch(() => undefined);
}

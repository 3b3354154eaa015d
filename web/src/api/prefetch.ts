import { enc, getJson } from './client.js';
import type { CourseResult } from './types.js';

// Opening a patient's timeline needs three things that do not depend on each other: the record, the
// course and the charting code. Starting all three at once instead of one after another is most of
// what keeps a long history on screen within a second.

const courses = new Map<string, Promise<CourseResult>>();

export function prefetchCourse(id: string, asOf: string): void {
  const key = `${id}|${asOf}`;
  if (!courses.has(key)) {
    const p = getJson<CourseResult>(`/api/patients/${enc(id)}/course`, { asOf });
    p.catch(() => undefined); // the consumer reports the error
    courses.set(key, p);
  }
}

/** A prefetched course is used once, so a later visit (after a new version) fetches afresh. */
export function takeCourse(id: string, asOf: string): Promise<CourseResult> {
  const key = `${id}|${asOf}`;
  const p = courses.get(key);
  if (p) {
    courses.delete(key);
    return p;
  }
  return getJson<CourseResult>(`/api/patients/${enc(id)}/course`, { asOf });
}

export function prefetchChart(): void {
  void import('../lib/echarts.js').catch(() => undefined);
}

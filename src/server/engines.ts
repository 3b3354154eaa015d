// The clinical engines, loaded on first use so the server starts fast.
import type { CourseResult } from '../course/types.js';
import type { History } from '../history/schema.js';
import type { Day } from '../history/dates.js';

export async function loadCourse(): Promise<{ computeCourse(h: History, asOf: Day): CourseResult }> {
  const path = '../course/index.js';
  return (await import(path)) as { computeCourse(h: History, asOf: Day): CourseResult };
}

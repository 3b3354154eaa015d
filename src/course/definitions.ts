// The thresholds the course engine applies live in knowledge/definitions/course.json, each with its
// source id; they are checked here when the module loads so that a typo fails loudly. The check is
// written out rather than a zod schema: `fulcrum course` loads this module, and loading zod would
// cost more than the whole command otherwise takes (bench/cli-startup.ts).

import courseJson from '../../knowledge/definitions/course.json' with { type: 'json' };

const SOURCES = ['eu-smpc-lemtrada', 'lublin-2014', 'lorscheider-2016', 'kappos-2020', 'montobbio-2024', 'kurtzke-1983'] as const;
const KEYS = [
  'activityWindowMonths',
  'fullCourseMonths',
  'breakthroughAfterEndMonths',
  'resDisablingRelapses',
  'resRelapseWindowMonths',
  'resGadolinium',
  'resSignificantNewT2',
  'resMriLookbackMonths',
  'relapseExclusionDays',
  'recentEdssMonths',
  'spmsMinEdss',
  'spmsMinPyramidal',
  'spmsRelapseDays',
  'spmsConfirmationDays',
  'spmsRegressionDays',
  'spmsRebaselineDays',
] as const;
type Key = (typeof KEYS)[number];

export interface CourseDefinition {
  value: number;
  unit: string;
  sources: (typeof SOURCES)[number][];
  note: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** The definitions, or an error naming the first entry and field that is wrong. Exported for its test. */
export function checkDefinitions(json: unknown): Record<Key, CourseDefinition> {
  const fail = (where: string, what: string): never => {
    throw new Error(`knowledge/definitions/course.json: ${where} ${what}`);
  };
  if (!isObject(json)) return fail('the file', 'must be an object');
  for (const k of Object.keys(json)) if (k !== 'note' && k !== 'definitions') fail(k, 'is not a field of the file');
  if (typeof json.note !== 'string') fail('note', 'must be text');
  const defs = json.definitions;
  if (!isObject(defs)) return fail('definitions', 'must be an object');
  for (const k of Object.keys(defs)) if (!(KEYS as readonly string[]).includes(k)) fail(`definitions.${k}`, 'is not a definition the engine reads');
  const out = {} as Record<Key, CourseDefinition>;
  for (const key of KEYS) {
    const d = defs[key];
    const at = `definitions.${key}`;
    if (!isObject(d)) return fail(at, 'is missing');
    for (const f of Object.keys(d)) if (!['value', 'unit', 'sources', 'note'].includes(f)) fail(`${at}.${f}`, 'is not a field of a definition');
    if (typeof d.value !== 'number' || !Number.isFinite(d.value) || d.value < 0) fail(`${at}.value`, 'must be a number, 0 or more');
    if (!nonEmpty(d.unit)) fail(`${at}.unit`, 'must be non-empty text');
    if (!nonEmpty(d.note)) fail(`${at}.note`, 'must be non-empty text');
    if (!Array.isArray(d.sources) || d.sources.length === 0) return fail(`${at}.sources`, 'must list at least one source');
    for (const s of d.sources) if (!(SOURCES as readonly unknown[]).includes(s)) fail(`${at}.sources`, `names an unknown source ${JSON.stringify(s)}`);
    out[key] = { value: d.value as number, unit: d.unit as string, sources: d.sources as CourseDefinition['sources'], note: d.note as string };
  }
  return out;
}

export const DEFINITIONS: Readonly<Record<Key, CourseDefinition>> = checkDefinitions(courseJson);

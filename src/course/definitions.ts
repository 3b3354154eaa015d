// The thresholds the course engine applies live in knowledge/definitions/course.json, each with its
// source id; they are checked here when the module loads so that a typo fails loudly.

import { z } from 'zod';
import courseJson from '../../knowledge/definitions/course.json' with { type: 'json' };

const SOURCES = ['eu-smpc-lemtrada', 'lublin-2014', 'lorscheider-2016', 'kappos-2020', 'montobbio-2024', 'kurtzke-1983'] as const;
const Definition = z.strictObject({
  value: z.number().nonnegative(),
  unit: z.string().min(1),
  sources: z.array(z.enum(SOURCES)).min(1),
  note: z.string().min(1),
});
const KEYS = [
  'activityWindowMonths', 'fullCourseMonths', 'breakthroughAfterEndMonths', 'resDisablingRelapses', 'resRelapseWindowMonths',
  'resGadolinium', 'resSignificantNewT2', 'resMriLookbackMonths', 'relapseExclusionDays', 'recentEdssMonths', 'spmsMinEdss',
  'spmsMinPyramidal', 'spmsRelapseDays', 'spmsConfirmationDays', 'spmsRegressionDays', 'spmsRebaselineDays',
] as const;
const CourseDefinitions = z.strictObject({
  note: z.string(),
  definitions: z.strictObject(Object.fromEntries(KEYS.map((k) => [k, Definition])) as Record<(typeof KEYS)[number], typeof Definition>),
});

export type CourseDefinition = z.infer<typeof Definition>;
export const DEFINITIONS: Readonly<Record<(typeof KEYS)[number], CourseDefinition>> = CourseDefinitions.parse(courseJson).definitions;

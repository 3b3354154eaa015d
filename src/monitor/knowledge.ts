import { z } from 'zod';
import { LAB_IDS } from '../history/vocabularies.js';
import testsJson from '../../knowledge/monitoring/tests.json' with { type: 'json' };
import schedulesJson from '../../knowledge/monitoring/schedules.json' with { type: 'json' };
import settingsJson from '../../knowledge/monitoring/settings.json' with { type: 'json' };
import alertsJson from '../../knowledge/monitoring/alerts.json' with { type: 'json' };
import missedJson from '../../knowledge/monitoring/missed.json' with { type: 'json' };

// The monitoring rules are data (knowledge/monitoring/*.json); these schemas check that data when the
// module loads, so a typo in a rule file fails every test instead of silently skipping a blood count.

/** Examinations the label asks for that are not lab tests; recorded as monitoring results. */
export const EXAM_IDS = ['skin-examination', 'cervical-screening'] as const;
export const MONITORING_TEST_IDS = [...LAB_IDS, ...EXAM_IDS] as const;
export type MonitoringTestId = (typeof MONITORING_TEST_IDS)[number];

export const MONITORED_DRUGS = ['alemtuzumab', 'mitoxantrone'] as const;
export type MonitoredDrug = (typeof MONITORED_DRUGS)[number];

export const URGENCIES = ['emergency', 'urgent', 'soon'] as const;
export type Urgency = (typeof URGENCIES)[number];

const SourcesSchema = z.array(z.string().min(1));

const TestGroupSchema = z.strictObject({
  label: z.string(),
  tests: z.array(z.enum(MONITORING_TEST_IDS)).min(1),
  sources: SourcesSchema,
});

const TestsFileSchema = z.strictObject({ about: z.string(), groups: z.record(z.string(), TestGroupSchema) });

const NUMBER_SETTING_NAMES = [
  'baselineWindowDays', 'screeningWindowDays', 'preCourseWindowDays', 'preDoseLvefWindowDays',
  'preDoseBloodWindowDays', 'liverTestIntervalMonths', 'plateletsLowerLimit', 'plateletsCritical',
  'plateletsFallPercent', 'creatinineRisePercent', 'urineBloodGrade', 'urineProteinGrade', 'tshLow',
  'tshHigh', 'neutrophilsLow', 'neutrophilsSevere', 'mitoxantroneNeutrophilsMin', 'lvefMin',
  'lvefFallPoints', 'altHigh', 'missedLookbackMonths',
] as const;
export type NumberSettingName = (typeof NUMBER_SETTING_NAMES)[number];
const SettingNameSchema = z.enum(NUMBER_SETTING_NAMES);

const TimingSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('before-course'), courses: z.enum(['first', 'later']), windowSetting: SettingNameSchema }),
  z.strictObject({
    kind: z.literal('after-each-course'),
    everyMonths: z.number().int().positive(),
    everyMonthsSetting: SettingNameSchema.optional(),
  }),
  z.strictObject({ kind: z.literal('before-each-dose'), windowSetting: SettingNameSchema }),
  z.strictObject({ kind: z.literal('after-stop'), everyMonths: z.number().int().positive() }),
]);
export type Timing = z.infer<typeof TimingSchema>;

const ScheduleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/),
  drug: z.enum(MONITORED_DRUGS),
  group: z.string(),
  appliesToSex: z.array(z.enum(['female', 'male', 'other', 'unknown'])).optional(),
  timing: TimingSchema,
  why: z.string().optional(),
  sources: SourcesSchema.min(1),
});
export type Schedule = z.infer<typeof ScheduleSchema>;

const SchedulesFileSchema = z.strictObject({
  about: z.string(),
  version: z.string(),
  drugs: z.strictObject({
    alemtuzumab: z.strictObject({
      courseGapDays: z.number().int().min(1),
      followUpMonths: z.number().int().positive(),
      why: z.string(),
      sources: SourcesSchema,
    }),
    mitoxantrone: z.strictObject({
      burdenDoses: z.number().int().positive(),
      burdenYearsAfterStop: z.number().int().min(0),
      why: z.string(),
      sources: SourcesSchema,
    }),
  }),
  schedules: z.array(ScheduleSchema),
});

const SettingsFileSchema = z.strictObject({
  about: z.string(),
  timeZone: z.strictObject({ default: z.string(), why: z.string() }),
  numbers: z.record(
    SettingNameSchema,
    z.strictObject({ default: z.number().nonnegative(), unit: z.string(), why: z.string(), sources: SourcesSchema }),
  ),
});

const AlertRuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/),
  condition: z.string(),
  drugs: z.array(z.enum(MONITORED_DRUGS)).min(1),
  test: z.enum(LAB_IDS),
  kind: z.enum(['below', 'above', 'fall-from-previous', 'rise-from-baseline', 'fall-from-baseline-points', 'grade-at-least']),
  setting: SettingNameSchema,
  urgency: z.enum(URGENCIES),
  message: z.string(),
  action: z.string(),
  sources: SourcesSchema.min(1),
});
export type AlertRule = z.infer<typeof AlertRuleSchema>;

const AlertsFileSchema = z.strictObject({ about: z.string(), rules: z.array(AlertRuleSchema) });

const MissedRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    id: z.string().regex(/^missed\.[a-z0-9-]+$/), kind: z.literal('consecutive'), schedules: z.array(z.string()).min(1),
    atLeast: z.number().int().min(2), urgency: z.enum(URGENCIES), message: z.string(), action: z.string(), why: z.string(), sources: SourcesSchema.min(1),
  }),
  z.strictObject({
    id: z.string().regex(/^missed\.[a-z0-9-]+$/), kind: z.literal('nothing-since'), schedules: z.array(z.string()).min(1).optional(),
    urgency: z.enum(URGENCIES), message: z.string(), action: z.string(), why: z.string(), sources: SourcesSchema.min(1),
  }),
]);
export type MissedRule = z.infer<typeof MissedRuleSchema>;

const MissedFileSchema = z.strictObject({ about: z.string(), rules: z.array(MissedRuleSchema) });

function load<T>(schema: z.ZodType<T>, json: unknown, file: string): T {
  const r = schema.safeParse(json);
  if (!r.success) {
    throw new Error(`knowledge/monitoring/${file} is malformed: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return r.data;
}

export const TEST_GROUPS = load(TestsFileSchema, testsJson, 'tests.json').groups;
const schedulesFile = load(SchedulesFileSchema, schedulesJson, 'schedules.json');
export const SCHEDULES: readonly Schedule[] = schedulesFile.schedules;
export const DRUG_MONITORING = schedulesFile.drugs;
export const MONITORING_VERSION = schedulesFile.version;
const settingsFile = load(SettingsFileSchema, settingsJson, 'settings.json');
export const SETTING_DOCS = settingsFile.numbers;
export const DEFAULT_TIME_ZONE = settingsFile.timeZone.default;
export const ALERT_RULES: readonly AlertRule[] = load(AlertsFileSchema, alertsJson, 'alerts.json').rules;
export const MISSED_RULES: readonly MissedRule[] = load(MissedFileSchema, missedJson, 'missed.json').rules;

for (const s of SCHEDULES) {
  if (!TEST_GROUPS[s.group]) throw new Error(`knowledge/monitoring/schedules.json: ${s.id} names unknown group "${s.group}"`);
}
for (const r of MISSED_RULES) {
  for (const id of r.schedules ?? []) {
    if (!SCHEDULES.some((s) => s.id === id)) throw new Error(`knowledge/monitoring/missed.json: ${r.id} names unknown schedule "${id}"`);
  }
}
for (const name of NUMBER_SETTING_NAMES) {
  if (!SETTING_DOCS[name]) throw new Error(`knowledge/monitoring/settings.json: no default for "${name}"`);
}
export { NUMBER_SETTING_NAMES };

// The monitoring files checked (knowledge/monitoring/*.json, described in its README.md): these
// schemas and loadMonitoringKnowledge check that data, so a typo in a rule file fails every test (and
// the build) instead of silently skipping a blood count. knowledge.ts reads the result, from the
// build's record when the files are unchanged (src/knowledge/checked.ts).

import { z } from 'zod';
import { ASSESSABLE_DRUGS, type AssessDrug } from '../drugs/index.js';
import { DRUG_IDS, LAB_IDS } from '../history/vocabularies.js';
import testsJson from '../../knowledge/monitoring/tests.json' with { type: 'json' };
import schedulesJson from '../../knowledge/monitoring/schedules.json' with { type: 'json' };
import settingsJson from '../../knowledge/monitoring/settings.json' with { type: 'json' };
import alertsJson from '../../knowledge/monitoring/alerts.json' with { type: 'json' };
import missedJson from '../../knowledge/monitoring/missed.json' with { type: 'json' };
import { MONITORING_TEST_IDS, TIMINGS_OF, URGENCIES } from './vocabulary.js';

const SourcesSchema = z.array(z.string().min(1));

const TestGroupSchema = z.strictObject({
  label: z.string(),
  tests: z.array(z.enum(MONITORING_TEST_IDS)).min(1),
  sources: SourcesSchema,
});

/**
 * An examination that results of the patient history also record (a blood-pressure reading is a
 * blood-pressure check): positive when any of them reaches its bound, negative otherwise.
 */
const ExamFromLabsSchema = z.strictObject({
  labs: z.array(z.enum(LAB_IDS)).min(1),
  /** The one definition of a raised reading (knowledge/definitions/blood-pressure.json), as the rules read it. */
  raisedFrom: z.literal('blood-pressure-grades'),
  note: z.string(),
  sources: SourcesSchema,
});

const TestsFileSchema = z.strictObject({
  about: z.string(),
  examinations: z.record(z.string().regex(/^[a-z0-9-]+$/), z.string().min(1)),
  examsFromLabs: z.record(z.string(), ExamFromLabsSchema).optional(),
  groups: z.record(z.string(), TestGroupSchema),
});

/** The clinic settings are the keys of knowledge/monitoring/settings.json: a new one is a data change. */
export type NumberSettingName = keyof typeof settingsJson.numbers;
// Checked against the settings file once every file has loaded, so that every unknown name is listed.
const SettingNameSchema = z.custom<NumberSettingName>((v) => typeof v === 'string', { message: 'expected a setting name' });

/**
 * A drug of the registry (src/drugs). MONITORED_DRUGS lists those that knowledge/monitoring/schedules.json
 * gives a monitoring entry; the type is the registry's, since which drugs are monitored is data.
 */
export type MonitoredDrug = AssessDrug;
// Checked against the registry and the drugs table once every file has loaded.
const DrugNameSchema = z.custom<MonitoredDrug>((v) => typeof v === 'string', { message: 'expected a drug name' });

// Timing kinds by the treatment pattern they follow: courses (before-course, after-each-course,
// at-months), doses (before-each-dose, after-stop), continuous (before-start, after-start, at-months).
const TimingSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('before-course'), courses: z.enum(['first', 'later']), windowSetting: SettingNameSchema }),
  z.strictObject({
    kind: z.literal('after-each-course'),
    everyMonths: z.number().int().positive(),
    everyMonthsSetting: SettingNameSchema.optional(),
  }),
  z.strictObject({ kind: z.literal('before-each-dose'), windowSetting: SettingNameSchema }),
  z.strictObject({ kind: z.literal('after-stop'), everyMonths: z.number().int().positive() }),
  z.strictObject({ kind: z.literal('before-start'), windowSetting: SettingNameSchema }),
  z.strictObject({
    kind: z.literal('after-start'),
    everyMonths: z.number().int().positive(),
    everyMonthsSetting: SettingNameSchema.optional(),
    /** The series ends this many months after the start; without it, it runs while the drug is taken. */
    forMonths: z.number().int().positive().optional(),
  }),
  z.strictObject({
    kind: z.literal('at-months'),
    /** Single tests this many months after the start of each course, or of continuous treatment. */
    months: z
      .array(z.number().int().positive())
      .min(1)
      .refine((m) => m.every((x, i) => i === 0 || x > m[i - 1]!), 'months must increase'),
  }),
]);
export type Timing = z.infer<typeof TimingSchema>;
export type TimingKind = Timing['kind'];

/** What a schedule may ask of the patient's record: the latest result of a lab test, or a prior therapy. */
const PatientConditionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('lab'),
    test: z.enum(LAB_IDS),
    is: z.enum(['positive', 'negative']).optional(),
    atMost: z.number().optional(),
    above: z.number().optional(),
    /** The same bounds read from a clinic setting, so a cut-off used by schedules and alerts is defined once. */
    atMostSetting: SettingNameSchema.optional(),
    aboveSetting: SettingNameSchema.optional(),
  }),
  z.strictObject({ kind: z.literal('prior-drug'), drugs: z.array(z.enum(DRUG_IDS)).min(1) }),
]);
export type PatientCondition = z.infer<typeof PatientConditionSchema>;

const ScheduleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/),
  drug: DrugNameSchema,
  group: z.string(),
  appliesToSex: z.array(z.enum(['female', 'male', 'other', 'unknown'])).optional(),
  /**
   * Patient-dependent schedules: alternatives (any of), each a list of conditions (all of). A condition
   * the record cannot answer counts as met: an unknown never drops a test from the plan.
   */
  appliesWhen: z.array(z.array(PatientConditionSchema).min(1)).min(1).optional(),
  timing: TimingSchema,
  why: z.string().optional(),
  sources: SourcesSchema.min(1),
});
export type Schedule = z.infer<typeof ScheduleSchema>;

const Count = z.number().int().positive();
/** The words of a burden sentence filled from the computed plan; see knowledge/monitoring/README.md. */
const BURDEN_PLACEHOLDERS = {
  courses: ['n', 'unit', 'followUpMonths', 'monthsApart', 'tests', 'visits', 'months'],
  doses: ['n', 'unit', 'monthsApart', 'interval', 'openEndedRepeats', 'tests', 'visits', 'months'],
  continuous: ['treatedMonths', 'tests', 'visits', 'months'],
} as const;

/**
 * The treatment patterns a drug's monitoring follows (the `kind` of its entry in schedules.json), each
 * with its parameters and the standard treatment the burden shown before treatment is counted on.
 */
const DrugMonitoringSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    // Pulsed treatment: infusion days grouped into courses; monitoring after each course, for a fixed
    // time after the last one (a further course restarts it).
    kind: z.literal('courses'),
    /** What a therapy of this drug records as its doses, for the message when it records none. */
    recordedAs: z.string().min(1),
    /** Days no more than this far apart belong to one course. */
    courseGapDays: z.number().int().min(1),
    followUpMonths: Count,
    burden: z.strictObject({
      courses: Count,
      maxCourses: Count,
      maxCoursesWhy: z.string().min(1),
      /** Infusion days of the first course, then of each later one (the last number repeats). */
      courseDays: z.array(Count).min(1),
      monthsApart: Count,
      detail: z.string().min(1),
    }),
    why: z.string(),
    sources: SourcesSchema,
  }),
  z.strictObject({
    // Individual doses while treated, then open-ended follow-up after the therapy stops.
    kind: z.literal('doses'),
    recordedAs: z.string().min(1),
    burden: z.strictObject({
      doses: Count,
      monthsApart: Count,
      /** Repetitions of each open-ended series (after-stop) counted in the burden. */
      openEndedRepeats: z.number().int().min(0),
      detail: z.string().min(1),
    }),
    why: z.string(),
    sources: SourcesSchema,
  }),
  z.strictObject({
    // Taken without interruption from a start day (an infusion every 4 weeks, a daily tablet): monitoring
    // dated from the start of the current treatment period, while it lasts.
    kind: z.literal('continuous'),
    burden: z.strictObject({
      /** Months of treatment the burden counts. */
      treatedMonths: Count,
      detail: z.string().min(1),
    }),
    why: z.string(),
    sources: SourcesSchema,
  }),
]);
export type DrugMonitoring = z.infer<typeof DrugMonitoringSchema>;
export type TreatmentKind = DrugMonitoring['kind'];

const SchedulesFileSchema = z.strictObject({
  about: z.string(),
  version: z.string(),
  // Keys checked against the registry after parsing, with a message that says so.
  drugs: z.record(z.string(), DrugMonitoringSchema),
  schedules: z.array(ScheduleSchema),
});

const SettingsFileSchema = z.strictObject({
  about: z.string(),
  timeZone: z.strictObject({ default: z.string(), why: z.string() }),
  numbers: z.record(z.string(), z.strictObject({ default: z.number().nonnegative(), unit: z.string(), why: z.string(), sources: SourcesSchema })),
});

const AlertRuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/),
  condition: z.string(),
  drugs: z.array(DrugNameSchema).min(1),
  // A lab test or an examination (a macular oedema found on an eye examination is a 'positive').
  test: z.enum(MONITORING_TEST_IDS),
  kind: z.enum(['below', 'above', 'fall-from-previous', 'rise-from-baseline', 'fall-from-baseline-points', 'grade-at-least', 'turns-positive']),
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
    id: z.string().regex(/^missed\.[a-z0-9-]+$/),
    kind: z.literal('consecutive'),
    schedules: z.array(z.string()).min(1),
    atLeast: z.number().int().min(2),
    urgency: z.enum(URGENCIES),
    message: z.string(),
    action: z.string(),
    why: z.string(),
    sources: SourcesSchema.min(1),
  }),
  z.strictObject({
    id: z.string().regex(/^missed\.[a-z0-9-]+$/),
    kind: z.literal('nothing-since'),
    schedules: z.array(z.string()).min(1).optional(),
    urgency: z.enum(URGENCIES),
    message: z.string(),
    action: z.string(),
    why: z.string(),
    sources: SourcesSchema.min(1),
  }),
]);
export type MissedRule = z.infer<typeof MissedRuleSchema>;

const MissedFileSchema = z.strictObject({ about: z.string(), rules: z.array(MissedRuleSchema) });

/** The five monitoring files, as read from knowledge/monitoring (tests pass altered copies). */
export interface MonitoringFiles {
  tests: unknown;
  schedules: unknown;
  settings: unknown;
  alerts: unknown;
  missed: unknown;
}

export interface MonitoringKnowledge {
  testGroups: z.infer<typeof TestsFileSchema>['groups'];
  examsFromLabs: NonNullable<z.infer<typeof TestsFileSchema>['examsFromLabs']>;
  /** The registry's drugs (src/drugs) that have a monitoring entry, in the registry's order. */
  monitoredDrugs: readonly MonitoredDrug[];
  drugs: Partial<Record<MonitoredDrug, DrugMonitoring>>;
  schedules: readonly Schedule[];
  version: string;
  settingDocs: z.infer<typeof SettingsFileSchema>['numbers'];
  settingNames: readonly NumberSettingName[];
  defaultTimeZone: string;
  alertRules: readonly AlertRule[];
  missedRules: readonly MissedRule[];
}

/**
 * Parses and cross-checks the monitoring files: every reference (drug, group, setting, schedule,
 * burden placeholder) must resolve. Throws one error listing every problem, so a typo in a rule file
 * fails every test instead of silently skipping a blood count.
 */
export function loadMonitoringKnowledge(files: MonitoringFiles, registry: readonly string[] = ASSESSABLE_DRUGS): MonitoringKnowledge {
  const problems: string[] = [];
  const parse = <T>(schema: z.ZodType<T>, json: unknown, file: string): T | undefined => {
    const r = schema.safeParse(json);
    if (r.success) return r.data;
    for (const i of r.error.issues) problems.push(`${file}: ${i.path.join('.')}: ${i.message}`);
    return undefined;
  };
  const tests = parse(TestsFileSchema, files.tests, 'tests.json');
  const schedulesFile = parse(SchedulesFileSchema, files.schedules, 'schedules.json');
  const settings = parse(SettingsFileSchema, files.settings, 'settings.json');
  const alerts = parse(AlertsFileSchema, files.alerts, 'alerts.json');
  const missed = parse(MissedFileSchema, files.missed, 'missed.json');
  if (!tests || !schedulesFile || !settings || !alerts || !missed) throw malformed(problems);

  for (const e of Object.keys(tests.examinations)) {
    if ((LAB_IDS as readonly string[]).includes(e)) problems.push(`tests.json: examinations.${e}: already a lab test of the patient history`);
  }
  const drugs = schedulesFile.drugs as Partial<Record<MonitoredDrug, DrugMonitoring>>;
  const monitoredDrugs = (registry as readonly MonitoredDrug[]).filter((d) => drugs[d] !== undefined);
  for (const d of Object.keys(drugs)) {
    if (!registry.includes(d)) problems.push(`schedules.json: drugs.${d}: not a drug of the registry (src/drugs/index.ts ASSESSABLE_DRUGS)`);
  }
  const settingNames = Object.keys(settings.numbers) as NumberSettingName[];
  const setting = (name: string | undefined, where: string) => {
    if (name !== undefined && !Object.hasOwn(settings.numbers, name)) problems.push(`${where}: unknown setting "${name}" (knowledge/monitoring/settings.json)`);
  };
  const monitored = (d: string, where: string) => {
    if (!registry.includes(d)) problems.push(`${where}: "${d}" is not a drug of the registry (src/drugs/index.ts ASSESSABLE_DRUGS)`);
    else if (!drugs[d as MonitoredDrug]) problems.push(`${where}: "${d}" has no monitoring entry in schedules.json drugs`);
  };
  for (const [d, m] of Object.entries(drugs)) {
    const allowed: readonly string[] = BURDEN_PLACEHOLDERS[m!.kind];
    for (const [, word] of m!.burden.detail.matchAll(/\{(\w+)\}/g)) {
      if (!allowed.includes(word!))
        problems.push(
          `schedules.json: drugs.${d}.burden.detail: unknown placeholder {${word}}; a ${m!.kind} drug has ${allowed.map((w) => `{${w}}`).join(', ')}`,
        );
    }
  }
  const ids = new Set<string>();
  schedulesFile.schedules.forEach((s, i) => {
    const at = (field: string) => `schedules.json: schedules.${i}.${field} (${s.id})`;
    if (ids.has(s.id)) problems.push(`${at('id')}: duplicate id`);
    ids.add(s.id);
    monitored(s.drug, at('drug'));
    const m = drugs[s.drug];
    if (m && !TIMINGS_OF[m.kind].includes(s.timing.kind)) {
      problems.push(`${at('timing.kind')}: "${s.timing.kind}" does not fit ${s.drug}'s treatment pattern "${m.kind}" (${TIMINGS_OF[m.kind].join(', ')})`);
    }
    if (!tests.groups[s.group]) problems.push(`${at('group')}: unknown group "${s.group}"`);
    const t = s.timing;
    if ('windowSetting' in t) setting(t.windowSetting, at('timing.windowSetting'));
    if ('everyMonthsSetting' in t) setting(t.everyMonthsSetting, at('timing.everyMonthsSetting'));
    s.appliesWhen?.forEach((all, a) =>
      all.forEach((c, k) => {
        if (c.kind !== 'lab') return;
        if (c.atMostSetting !== undefined) setting(c.atMostSetting, at(`appliesWhen.${a}.${k}.atMostSetting`));
        if (c.aboveSetting !== undefined) setting(c.aboveSetting, at(`appliesWhen.${a}.${k}.aboveSetting`));
      }),
    );
  });
  alerts.rules.forEach((r, i) => {
    r.drugs.forEach((d, k) => monitored(d, `alerts.json: rules.${i}.drugs.${k} (${r.id})`));
    setting(r.setting, `alerts.json: rules.${i}.setting (${r.id})`);
  });
  for (const r of missed.rules) {
    for (const id of r.schedules ?? []) if (!ids.has(id)) problems.push(`missed.json: ${r.id} names unknown schedule "${id}"`);
  }
  for (const [exam, x] of Object.entries(tests.examsFromLabs ?? {})) {
    if (!(exam in tests.examinations)) problems.push(`tests.json: examsFromLabs.${exam}: not an examination`);
    if (x.raisedFrom === 'blood-pressure-grades' && [...x.labs].sort().join() !== 'diastolic-bp,systolic-bp')
      problems.push(`tests.json: examsFromLabs.${exam}.labs: blood-pressure grades read systolic-bp and diastolic-bp`);
  }
  if (problems.length > 0) throw malformed(problems);
  return {
    testGroups: tests.groups,
    examsFromLabs: tests.examsFromLabs ?? {},
    monitoredDrugs,
    drugs,
    schedules: schedulesFile.schedules,
    version: schedulesFile.version,
    settingDocs: settings.numbers,
    settingNames,
    defaultTimeZone: settings.timeZone.default,
    alertRules: alerts.rules,
    missedRules: missed.rules,
  };
}

function malformed(problems: readonly string[]): Error {
  return new Error(`knowledge/monitoring is malformed: ${problems.join('; ')}`);
}

export const MONITORING_KNOWLEDGE: MonitoringKnowledge = loadMonitoringKnowledge({
  tests: testsJson,
  schedules: schedulesJson,
  settings: settingsJson,
  alerts: alertsJson,
  missed: missedJson,
});

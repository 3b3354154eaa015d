import { z } from 'zod';
import { isFullDate, isPartialDate } from './dates.js';
import { PATIENT_ID_MAX_LENGTH, PATIENT_ID_PATTERN, PATIENT_ID_SYNTAX } from './ids.js';
import { isStorableText } from './text.js';
import { GENOTYPE_PATTERN } from './units.js';
import { CONDITION_IDS, DRUG_IDS, EDSS_SCORES, FUNCTIONAL_SYSTEM_MAX, LAB_IDS, PHENOTYPES } from './vocabularies.js';

// One definition gives the TypeScript types, the validator and the JSON Schema (`fulcrum schema`,
// OpenAPI). Cross-field rules (dates after asOf, end before start, units) live in validate.ts.

export const FORMAT_VERSION = 1;

/** The patient id (src/history/ids.ts holds the syntax, without the schema library). */
export const PatientIdSchema = z
  .string()
  .min(1)
  .max(PATIENT_ID_MAX_LENGTH)
  .regex(PATIENT_ID_PATTERN, { message: `must be ${PATIENT_ID_SYNTAX}` })
  .meta({ description: `The patient's id: ${PATIENT_ID_SYNTAX} (FHIR's id syntax).` });

const FULL_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const PARTIAL_DATE_PATTERN = '^\\d{4}(-\\d{2}(-\\d{2})?)?$';

export const DateSchema = z
  .string()
  .regex(new RegExp(FULL_DATE_PATTERN), { message: 'must be a full date, YYYY-MM-DD' })
  .refine(isFullDate, { message: 'is not a real calendar date' })
  .meta({ description: 'A full calendar date, YYYY-MM-DD.' });

export const PartialDateSchema = z
  .string()
  .regex(new RegExp(PARTIAL_DATE_PATTERN), { message: 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD' })
  .refine(isPartialDate, { message: 'is not a real calendar date' })
  .meta({ description: 'YYYY, YYYY-MM or YYYY-MM-DD (as in FHIR); a partial date is the interval it spans.' });

const fs = (max: number) => z.number().int().min(0).max(max);

export const FunctionalSystemsSchema = z.strictObject({
  visual: fs(FUNCTIONAL_SYSTEM_MAX.visual).optional(),
  brainstem: fs(FUNCTIONAL_SYSTEM_MAX.brainstem).optional(),
  pyramidal: fs(FUNCTIONAL_SYSTEM_MAX.pyramidal).optional(),
  cerebellar: fs(FUNCTIONAL_SYSTEM_MAX.cerebellar).optional(),
  sensory: fs(FUNCTIONAL_SYSTEM_MAX.sensory).optional(),
  bowelBladder: fs(FUNCTIONAL_SYSTEM_MAX.bowelBladder).optional(),
  cerebral: fs(FUNCTIONAL_SYSTEM_MAX.cerebral).optional(),
  ambulation: fs(FUNCTIONAL_SYSTEM_MAX.ambulation).optional().meta({ description: 'Neurostatus ambulation score 0-16 (0 unrestricted, 16 death due to MS).' }),
});

export const EdssScoreSchema = z
  .literal(EDSS_SCORES as [number, ...number[]], {
    message: 'must be an EDSS score: 0, or 1.0 to 10.0 in steps of 0.5 (there is no 0.5)',
  })
  .meta({ description: 'Kurtzke EDSS: 0, then 1.0 to 10.0 in steps of 0.5.' });

export const EdssSchema = z.strictObject({
  date: DateSchema,
  score: EdssScoreSchema,
  functionalSystems: FunctionalSystemsSchema.optional(),
});

export const RelapseSchema = z.strictObject({
  onset: DateSchema,
  disabling: z.boolean(),
  recovery: z.enum(['complete', 'partial', 'none']),
});

/**
 * A timed or scored test of function used as a course outcome beside the EDSS (msprog's outcomes):
 * timed 25-foot walk and nine-hole peg test in seconds, SDMT as correct answers in 90 seconds (0-110).
 */
export const PerformanceTestSchema = z
  .strictObject({
    date: DateSchema,
    test: z.enum(['t25fw', 'nhpt', 'sdmt']),
    value: z.number().min(0),
  })
  .superRefine((t, ctx) => {
    if (t.test === 'sdmt' && !(Number.isInteger(t.value) && t.value <= 110)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'an SDMT score is a whole number of correct answers, 0 to 110' });
    }
    if (t.test !== 'sdmt' && !(t.value > 0)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'a timed test takes more than 0 seconds' });
  })
  .meta({ description: 't25fw (seconds), nhpt (seconds) or sdmt (correct answers, 0-110).' });

export const MriSchema = z.strictObject({
  date: DateSchema,
  region: z.enum(['brain', 'spine']),
  gadoliniumEnhancingLesions: z.number().int().min(0),
  newOrEnlargingT2Lesions: z.number().int().min(0),
});

export const DoseSchema = z.strictObject({
  date: DateSchema,
  amount: z.number().positive(),
  unit: z.enum(['mg', 'mg/m2']),
});

export const TherapySchema = z.strictObject({
  drug: z.enum(DRUG_IDS),
  start: DateSchema,
  end: DateSchema.optional(),
  stopReason: z.enum(['inefficacy', 'adverse-event', 'patient-choice', 'pregnancy', 'other']).optional(),
  doses: z.array(DoseSchema).optional(),
  // Addition within version 1 (issue 19): stopped on a day the source does not give (a stopped order
  // without an end). Not ongoing, and not "ended on its start": time since stopping is unknown.
  endUnknown: z.literal(true).optional().meta({ description: 'The therapy has ended, on a day not recorded (on or after its start); excludes end.' }),
});

export const ConditionSchema = z.strictObject({
  code: z.enum(CONDITION_IDS),
  status: z.enum(['active', 'resolved']),
  onset: PartialDateSchema.optional(),
  note: z.string().refine(isStorableText, { message: 'must be well-formed Unicode without NUL characters' }).optional(),
});

export const LabSchema = z.strictObject({
  date: DateSchema,
  test: z.enum(LAB_IDS),
  value: z.union([
    z.number(),
    z.enum(['positive', 'negative']),
    z.string().regex(GENOTYPE_PATTERN).meta({ description: 'A genotype such as "*1/*3" (cyp2c9 only).' }),
  ]),
  unit: z.string().min(1).optional(),
});

export const BodySchema = z.strictObject({
  heightCm: z.number().min(30).max(260),
  weightKg: z.number().min(2).max(400),
});

export const PregnancySchema = z.strictObject({
  pregnant: z.boolean().optional(),
  breastfeeding: z.boolean().optional(),
  planningWithinMonths: z.number().int().min(0).optional(),
});

export const CourseSchema = z.strictObject({
  phenotype: z.enum(PHENOTYPES),
  since: PartialDateSchema.optional(),
});

export const HistorySchema = z
  .strictObject({
    formatVersion: z.literal(FORMAT_VERSION),
    id: PatientIdSchema,
    birthDate: PartialDateSchema.optional(),
    sex: z.enum(['female', 'male', 'other', 'unknown']).optional(),
    msOnset: PartialDateSchema.optional(),
    msDiagnosis: PartialDateSchema.optional(),
    course: CourseSchema.optional(),
    edss: z.array(EdssSchema).optional(),
    relapses: z.array(RelapseSchema).optional(),
    mri: z.array(MriSchema).optional(),
    therapies: z.array(TherapySchema).optional(),
    conditions: z.array(ConditionSchema).optional(),
    labs: z.array(LabSchema).optional(),
    body: BodySchema.optional(),
    pregnancy: PregnancySchema.optional(),
    performanceTests: z.array(PerformanceTestSchema).optional(),
  })
  .meta({
    title: 'Fulcrum patient history',
    description: 'A patient\'s MS history, format version 1. Absent lists mean "not recorded", never "none".',
  });

export type History = z.infer<typeof HistorySchema>;
export type EdssVisit = z.infer<typeof EdssSchema>;
export type FunctionalSystems = z.infer<typeof FunctionalSystemsSchema>;
export type Relapse = z.infer<typeof RelapseSchema>;
export type Mri = z.infer<typeof MriSchema>;
export type PerformanceTest = z.infer<typeof PerformanceTestSchema>;
export type Therapy = z.infer<typeof TherapySchema>;
export type Dose = z.infer<typeof DoseSchema>;
export type Condition = z.infer<typeof ConditionSchema>;
export type Lab = z.infer<typeof LabSchema>;
export type Body = z.infer<typeof BodySchema>;
export type Pregnancy = z.infer<typeof PregnancySchema>;
export type Course = z.infer<typeof CourseSchema>;

/** The JSON Schema (draft 2020-12) of the format, generated from the validator's own definition. */
export function historyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(HistorySchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return { $id: 'https://fulcrum.example/schema/patient-history/v1', ...schema };
}

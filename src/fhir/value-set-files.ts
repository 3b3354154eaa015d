import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';

// knowledge/codes/value-sets/*.json checked against their schema: value-sets.ts reads the result, from
// the build's record when the files are unchanged (src/knowledge/checked.ts).

const Member = z
  .object({
    system: z.string(),
    code: z.string().optional(),
    prefix: z.string().optional(),
    range: z.tuple([z.string(), z.string()]).optional(),
    display: z.string().optional(),
    unit: z.string().optional(),
    /** "history": a "History of X (situation)" code, a past X. */
    meaning: z.literal('history').optional(),
    source: z.string().min(1),
  })
  .refine((m) => [m.code, m.prefix, m.range].filter((x) => x !== undefined).length === 1, 'a member has exactly one of code, prefix, range');

const ValueSet = z.object({
  id: z.string(),
  concept: z.string(),
  title: z.string(),
  provenance: z.string().min(1),
  units: z.array(z.string()).optional(),
  members: z.array(Member).min(1),
  exclude: z.array(Member).optional(),
});

const NotRead = z.object({ system: z.string(), code: z.string(), display: z.string(), reason: z.string(), source: z.string().min(1) });

const Grade = z.object({
  test: z.string(),
  system: z.string(),
  code: z.string(),
  display: z.string(),
  grade: z.number().int().min(0),
  source: z.string().min(1),
});
const Qualitative = z.object({
  test: z.string(),
  system: z.string(),
  code: z.string(),
  display: z.string(),
  value: z.enum(['positive', 'negative']),
  source: z.string().min(1),
});

/** A dipstick read as a concentration: the grade of each nominal colour block, from its lower bound. */
const ConcentrationGrades = z.object({
  test: z.string(),
  unit: z.string(),
  note: z.string(),
  from: z
    .array(z.object({ min: z.number().positive(), grade: z.number().int().min(1) }))
    .min(1)
    .refine((xs) => xs.every((x, i) => i === 0 || (x.min > xs[i - 1]!.min && x.grade > xs[i - 1]!.grade)), 'bounds and grades must both rise'),
  source: z.string().min(1),
});

const ValueSetFile = z.object({
  description: z.string(),
  systems: z.record(z.string(), z.string()),
  valueSets: z.array(ValueSet).optional(),
  notRead: z.array(NotRead).optional(),
  grades: z.array(Grade).optional(),
  qualitative: z.array(Qualitative).optional(),
  concentrationGrades: z.array(ConcentrationGrades).optional(),
  gradeWords: z.object({ note: z.string(), words: z.record(z.string(), z.number().int().min(0)) }).optional(),
});

export type ValueSetDef = z.infer<typeof ValueSet>;
export type ValueSetMember = z.infer<typeof Member>;
export type ValueSetFileData = z.infer<typeof ValueSetFile>;

const root = new URL('../../knowledge/codes/value-sets/', import.meta.url);

/** Every value-set file, by name, checked. */
export function readValueSetFiles(): { file: string; data: ValueSetFileData }[] {
  return readdirSync(root)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = ValueSetFile.safeParse(JSON.parse(readFileSync(new URL(file, root), 'utf8')));
      if (!parsed.success) {
        const i = parsed.error.issues[0]!;
        throw new Error(`knowledge/codes/value-sets/${file}: ${i.path.join('.')}: ${i.message}`);
      }
      return { file, data: parsed.data };
    });
}

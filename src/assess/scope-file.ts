// knowledge/codes/ms-scope.json checked against its schema: scope.ts reads the result, from the build's
// record when the file is unchanged (src/knowledge/checked.ts).

import { z } from 'zod';
import scopeJson from '../../knowledge/codes/ms-scope.json' with { type: 'json' };
import { ASSESSABLE_DRUGS, LABELS, type AssessDrug, type LabelId } from '../drugs/index.js';

const Evidence = z.string().min(1);
const PerLabel = z.strictObject({ ...(Object.fromEntries(LABELS.map((l) => [l, z.boolean()])) as Record<LabelId, z.ZodBoolean>), evidence: Evidence });

const OtherProducts = z.strictObject({ names: z.array(z.string().min(3)), evidence: Evidence });

const ScopeFileSchema = z.strictObject({
  description: z.string(),
  msValueSet: z.strictObject({
    snomed: z.strictObject({
      system: z.string(),
      note: z.string(),
      members: z.array(z.strictObject({ code: z.string().regex(/^\d+$/), display: z.string(), evidence: Evidence })).min(1),
    }),
    icd10: z.strictObject({ systems: z.array(z.string()).min(1), note: z.string(), prefix: z.string().min(3), evidence: Evidence }),
    product: z.strictObject({ system: z.string(), note: z.string(), ms: z.array(z.string()), cis: z.array(z.string()) }),
  }),
  historyRule: z.string(),
  cisOnLabel: z.strictObject(Object.fromEntries(ASSESSABLE_DRUGS.map((d) => [d, PerLabel])) as Record<AssessDrug, typeof PerLabel>),
  otherProducts: z.strictObject({
    note: z.string(),
    ...(Object.fromEntries(ASSESSABLE_DRUGS.map((d) => [d, OtherProducts])) as Record<AssessDrug, typeof OtherProducts>),
  }),
});

export type ScopeFile = z.infer<typeof ScopeFileSchema>;

const parsed = ScopeFileSchema.safeParse(scopeJson);
if (!parsed.success) throw new Error(`knowledge/codes/ms-scope.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
export const SCOPE_FILE: ScopeFile = parsed.data;

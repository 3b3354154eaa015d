// knowledge/definitions/edss-from-fs.json checked against its schema: edss-from-fs.ts reads the result,
// from the build's record when the file is unchanged (src/knowledge/checked.ts).

import { z } from 'zod';
import table from '../../knowledge/definitions/edss-from-fs.json' with { type: 'json' };

const Bound = z.tuple([z.number(), z.number()]);
const Rule = z.strictObject({
  max: Bound.optional(),
  maxCount: Bound.optional(),
  second: Bound.optional(),
  secondCount: Bound.optional(),
  ambulation: Bound.optional(),
  edss: z.number(),
});
const Table = z.strictObject({
  note: z.string(),
  sources: z.array(z.enum(['kurtzke-1983', 'edss-calculator-dobrasinovic'])).min(1),
  conversions: z.strictObject({
    visual: z.strictObject({ note: z.string(), table: z.array(z.number()).length(7) }),
    bowelBladder: z.strictObject({ note: z.string(), table: z.array(z.number()).length(7) }),
  }),
  ambulationEdss: z.strictObject({ note: z.string(), table: z.array(z.number().nullable()).length(17) }),
  combinationRules: z.strictObject({ note: z.string(), rules: z.array(Rule).min(1) }),
  msoutcomesAmbulation: z.strictObject({
    note: z.string(),
    fromMsoutcomes: z.array(z.number().int()).length(12),
    toMsoutcomes: z.array(z.number().int()).length(17),
  }),
});
export type EdssTable = z.infer<typeof Table>;
export const EDSS_TABLE: EdssTable = Table.parse(table);

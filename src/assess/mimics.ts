import { z } from 'zod';
import mimicsJson from '../../knowledge/risks/mimics.json' with { type: 'json' };
import { CONDITION_IDS, DRUG_IDS, type ConditionId, type DrugId } from '../history/vocabularies.js';

// MS mimics (knowledge/risks/mimics.json): conditions in which some MS drugs have been reported to
// worsen the disease. A record with one of them and no MS diagnosis is outside Fulcrum's scope, but
// an order of such a drug is the one case there where the prescriber must hear something.

const SourceRef = z.string().regex(/^[a-z0-9-]+$/);
const MimicsSchema = z.strictObject({
  description: z.string(),
  conditions: z.partialRecord(
    z.enum(CONDITION_IDS),
    z.strictObject({
      name: z.string().min(1),
      drugs: z.partialRecord(z.enum(DRUG_IDS), z.strictObject({ finding: z.string().min(1), sources: z.array(SourceRef).min(1) })),
      note: z.string().optional(),
    }),
  ),
  message: z.string().min(1),
  sources: z.record(SourceRef, z.strictObject({ citation: z.string().min(1), checked: z.string().min(1) })),
});

const parsed = MimicsSchema.safeParse(mimicsJson);
if (!parsed.success) throw new Error(`knowledge/risks/mimics.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
const MIMICS = parsed.data;
for (const [condition, c] of Object.entries(MIMICS.conditions)) {
  for (const [drug, d] of Object.entries(c!.drugs)) {
    for (const s of d!.sources)
      if (!MIMICS.sources[s]) throw new Error(`knowledge/risks/mimics.json: conditions.${condition}.drugs.${drug} cites ${s}, which is not in sources`);
  }
}

export interface MimicWarning {
  condition: ConditionId;
  conditionName: string;
  drug: DrugId;
  message: string;
  /** Full citations of the reports. */
  citations: string[];
}

/** The drugs with a reported worsening in some mimic: the orders worth recognising. */
export const MIMIC_DRUGS: ReadonlySet<DrugId> = new Set(Object.values(MIMICS.conditions).flatMap((c) => Object.keys(c!.drugs) as DrugId[]));
/** The mimic conditions. */
export const MIMIC_CONDITIONS: ReadonlySet<ConditionId> = new Set(Object.keys(MIMICS.conditions) as ConditionId[]);

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Warnings for ordering `drug` to a patient with these mimic conditions (and no MS diagnosis). */
export function mimicWarnings(conditions: Iterable<ConditionId>, drug: DrugId): MimicWarning[] {
  const drugName = drug.replace(/-/g, ' ');
  const out: MimicWarning[] = [];
  for (const condition of new Set(conditions)) {
    const c = MIMICS.conditions[condition];
    const d = c?.drugs[drug];
    if (!c || !d) continue;
    out.push({
      condition,
      conditionName: c.name,
      drug,
      message: MIMICS.message.replaceAll('{condition}', c.name).replace('{drug}', capital(drugName)).replace('{finding}', d.finding),
      citations: d.sources.map((s) => MIMICS.sources[s]!.citation),
    });
  }
  return out;
}

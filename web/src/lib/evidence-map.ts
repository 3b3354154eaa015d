// The patient against the trials' boxes on the two axes that decide most of them: years since symptom
// onset and EDSS (why.md point 3: CARE-MS II took onset within 10 years and EDSS up to 5.0; beyond
// the box there is no evidence of benefit). Boxes come from knowledge/trials, the same data the
// assessment engine reads; the patient's position from the course the assessment embeds.

export interface TrialCriterion {
  id: string;
  kind: string;
  min?: number;
  max?: number;
  months?: number;
  text?: string;
}

export interface TrialFile {
  id: string;
  study: string;
  drug: string;
  criteria: TrialCriterion[];
}

export interface Box {
  trial: string;
  study: string;
  /** Years since onset: 0 to this, or open-ended when the trial set no limit. */
  maxYears?: number;
  edssMin: number;
  edssMax: number;
  fit?: 'inside' | 'outside' | 'uncertain';
}

export interface PatientPosition {
  /** An interval when the onset is a partial date. */
  minYears: number;
  maxYears: number;
  edss: number;
  edssDate: string;
}

export interface EvidenceMap {
  boxes: Box[];
  /** Trials of the drug whose eligibility sets neither a duration nor an EDSS limit. */
  unplotted: string[];
  patient?: PatientPosition;
  /** Why the patient cannot be placed, when it cannot. */
  unplaced?: string;
}

interface CourseLike {
  durationFromOnset?: { minYears: number; maxYears: number };
  disabilityEdss?: { score: number; date: string };
}

export function evidenceMap(
  drug: string,
  trials: readonly TrialFile[],
  evidence: readonly { study: string; fit: 'inside' | 'outside' | 'uncertain'; trial?: string }[],
  course: CourseLike | undefined,
): EvidenceMap {
  const boxes: Box[] = [];
  const unplotted: string[] = [];
  for (const t of trials.filter((x) => x.drug === drug)) {
    const onset = t.criteria.find((c) => c.kind === 'onset-within');
    const edss = t.criteria.find((c) => c.kind === 'edss-range');
    if (!onset && !edss) {
      unplotted.push(t.study);
      continue;
    }
    const fit = evidence.find((e) => e.trial === t.id || e.study === t.study)?.fit;
    boxes.push({
      trial: t.id,
      study: t.study,
      ...(onset?.months !== undefined ? { maxYears: onset.months / 12 } : {}),
      edssMin: edss?.min ?? 0,
      edssMax: edss?.max ?? 10,
      ...(fit ? { fit } : {}),
    });
  }
  const d = course?.durationFromOnset;
  const e = course?.disabilityEdss;
  const missing = [!d ? 'no onset date' : '', !e ? 'no EDSS' : ''].filter(Boolean);
  return {
    boxes,
    unplotted,
    ...(d && e
      ? { patient: { minYears: d.minYears, maxYears: d.maxYears, edss: e.score, edssDate: e.date } }
      : { unplaced: `The patient cannot be placed: ${missing.join(' and ')} in the record.` }),
  };
}

/** Inside the box on both axes: the whole onset interval must be inside, as the engine judges it. */
export function insideBox(b: Box, p: PatientPosition): 'inside' | 'outside' | 'straddles' {
  const edssIn = p.edss >= b.edssMin && p.edss <= b.edssMax;
  if (!edssIn) return 'outside';
  if (b.maxYears === undefined || p.maxYears <= b.maxYears) return 'inside';
  return p.minYears > b.maxYears ? 'outside' : 'straddles';
}

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
  allOf?: TrialCriterion[];
  anyOf?: TrialCriterion[];
}

export interface TrialFile {
  id: string;
  study: string;
  drug: string;
  criteria: TrialCriterion[];
}

/** One band of EDSS scores with its limit on years since onset (open-ended when the trial set none there). */
export interface Strip {
  maxYears?: number;
  edssMin: number;
  edssMax: number;
}

export interface Box {
  trial: string;
  study: string;
  /**
   * The box, lowest EDSS first: one strip for a trial with one onset limit (CARE-MS II: onset within
   * 10 years, EDSS 0 to 5.0), several where the onset limit depends on the EDSS (ORATORIO: 10 years at
   * EDSS 5.0 or less, 15 years above) or a corner is left out (ASCLEPIOS: not over 10 years at EDSS 2.0
   * or less).
   */
  strips: Strip[];
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

// A region of the plane (years since onset from 0, EDSS) as a union of rectangles that all start at
// onset: the eligibility criteria on the two axes, combined as the trial file combines them.
type Region = Strip[];
const PLANE: Region = [{ edssMin: 0, edssMax: 10 }];
const AXIS_KINDS = new Set(['onset-within', 'edss-range']);

function intersect(a: Region, b: Region): Region {
  const out: Region = [];
  for (const x of a)
    for (const y of b) {
      const edssMin = Math.max(x.edssMin, y.edssMin);
      const edssMax = Math.min(x.edssMax, y.edssMax);
      if (edssMin > edssMax) continue;
      const maxYears = x.maxYears === undefined ? y.maxYears : y.maxYears === undefined ? x.maxYears : Math.min(x.maxYears, y.maxYears);
      out.push(maxYears === undefined ? { edssMin, edssMax } : { maxYears, edssMin, edssMax });
    }
  return out;
}

function regionOf(c: TrialCriterion): Region {
  if (c.kind === 'edss-range') return [{ edssMin: c.min ?? 0, edssMax: c.max ?? 10 }];
  if (c.kind === 'onset-within' && c.months !== undefined) return [{ maxYears: c.months / 12, edssMin: 0, edssMax: 10 }];
  if (c.allOf) return c.allOf.map(regionOf).reduce(intersect, PLANE);
  // Any alternative off these axes (a relapse, a lesion) leaves the axes unconstrained.
  if (c.anyOf) return c.anyOf.some((x) => !onAxes(x)) ? PLANE : c.anyOf.flatMap(regionOf);
  return PLANE;
}

/** Whether the criterion is about onset and EDSS only. */
function onAxes(c: TrialCriterion): boolean {
  if (AXIS_KINDS.has(c.kind)) return true;
  const parts = c.allOf ?? c.anyOf;
  return parts !== undefined && parts.length > 0 && parts.every(onAxes);
}

const mentionsAxes = (c: TrialCriterion): boolean => AXIS_KINDS.has(c.kind) || [...(c.allOf ?? []), ...(c.anyOf ?? [])].some(mentionsAxes);

/** The region as strips of EDSS scores (steps of 0.5) sharing one onset limit, lowest first. */
function stripsOf(region: Region): Strip[] {
  const strips: Strip[] = [];
  for (let i = 0; i <= 20; i++) {
    const edss = i / 2;
    const covering = region.filter((r) => r.edssMin <= edss && edss <= r.edssMax);
    const last = strips[strips.length - 1];
    if (covering.length === 0) continue;
    const maxYears = covering.some((r) => r.maxYears === undefined) ? undefined : Math.max(...covering.map((r) => r.maxYears!));
    if (last && last.edssMax === edss - 0.5 && last.maxYears === maxYears) last.edssMax = edss;
    else strips.push(maxYears === undefined ? { edssMin: edss, edssMax: edss } : { maxYears, edssMin: edss, edssMax: edss });
  }
  return strips;
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
    if (!t.criteria.some(mentionsAxes)) {
      unplotted.push(t.study);
      continue;
    }
    const fit = evidence.find((e) => e.trial === t.id || e.study === t.study)?.fit;
    boxes.push({ trial: t.id, study: t.study, strips: stripsOf(t.criteria.filter(onAxes).map(regionOf).reduce(intersect, PLANE)), ...(fit ? { fit } : {}) });
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
  const strip = b.strips.find((s) => p.edss >= s.edssMin && p.edss <= s.edssMax);
  if (!strip) return 'outside';
  if (strip.maxYears === undefined || p.maxYears <= strip.maxYears) return 'inside';
  return p.minYears > strip.maxYears ? 'outside' : 'straddles';
}

/** "onset within 10 years, EDSS 0.0 to 5.0", strips joined by "or". */
export function boxText(b: Box): string {
  return b.strips
    .map((s) => `onset ${s.maxYears !== undefined ? `within ${s.maxYears} years` : 'any time'}, EDSS ${s.edssMin.toFixed(1)} to ${s.edssMax.toFixed(1)}`)
    .join(', or ');
}

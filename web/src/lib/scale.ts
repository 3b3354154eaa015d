import type { Assessment, Effect, Reason, Verdict, Weights } from '../api/types.js';
import { frequencyOf, type Frequency } from './frequency.js';

// The picture of the scale, derived from the assessment alone. Each pan holds what the assessment
// puts on the scale: the benefit pan the trials' results (inside, outside or uncertain for this
// patient's evidence box) and the reasons for; the risk pan the drug's label risks with their
// frequencies and the patient's own reasons against or for caution, each linked to the label risk it
// raises. The beam's tilt follows one stated rule (TILT_RULE), never a count of reasons: the reasons
// against and contraindications decide as the verdict rules do (why.md, point 1), and otherwise the
// weights below are compared.

/** What one thing on a pan weighs; `null` for reasons that decide alone. */
export const WEIGHT = {
  trial: { inside: 1, uncertain: 0.5, outside: 0 },
  reasonFor: 1,
  // Every label risk weighs the same: the knowledge base gives their frequency, not their severity,
  // and the label accepts them for the patients it is licensed for.
  labelRisk: 0.25,
  caution: 1,
} as const;

/** Degrees; negative = benefit side down, positive = risk side down. */
export const TILT = { contraindication: 20, against: 12, weighed: 16 } as const;

export function weightText(w: number): string {
  const whole = Math.floor(w + 1e-9);
  const frac = Math.round((w - whole) * 4);
  const part = ['', '¼', '½', '¾'][frac] ?? '';
  return whole === 0 && part ? part : `${whole}${part}`;
}

export const TILT_RULE =
  `How the beam tilts. Benefits: each trial weighs ${weightText(WEIGHT.trial.inside)} if this patient is inside its eligibility box, ` +
  `${weightText(WEIGHT.trial.uncertain)} if uncertain, ${weightText(WEIGHT.trial.outside)} if outside; each reason for weighs ${weightText(WEIGHT.reasonFor)}. ` +
  `Risks: each label risk weighs ${weightText(WEIGHT.labelRisk)} (its frequency is known, its severity is not weighed), each caution ${weightText(WEIGHT.caution)}. ` +
  `A contraindication holds the beam fully down on the risk side (${TILT.contraindication}°) and a reason against holds it down there (${TILT.against}°) whatever the benefits, as the verdict rules do; ` +
  'data the rules need but the record lacks leaves it level. ' +
  `Otherwise it goes down on the benefit side by ${TILT.weighed}° × (benefits − risks) ÷ (benefits + risks), and stays level when the risks weigh as much or more.`;

export type Fit = 'inside' | 'outside' | 'uncertain';

export interface TrialItem {
  kind: 'trial';
  key: string;
  /** The evidence box's name ("CARE-MS II"), or the trial id when it has no box. */
  name: string;
  /** The patient against the trial's eligibility box; `no-box` for a finding without one (not weighed). */
  fit: Fit | 'no-box';
  results: Weights['benefits'];
  weight: number;
}

export interface LabelRiskItem {
  kind: 'label-risk';
  key: string;
  name: string;
  /** The frequency in the knowledge base's words. */
  frequencyText: string;
  /** The same as a natural frequency, when the knowledge base gives numbers. */
  frequency?: Frequency;
  /** Codes of this patient's reasons that raise it. */
  raisedBy: string[];
  sources: string[];
  weight: number;
}

export interface FactorItem {
  kind: 'patient-factor';
  key: string;
  reason: Reason;
  /** Names of the label risks this reason raises (risk side only). */
  raises: string[];
  tipping: boolean;
  /** `null`: a contraindication or reason against, which decides alone. */
  weight: number | null;
}

export type BenefitItem = TrialItem | FactorItem;
export type RiskItem = LabelRiskItem | FactorItem;

export type TiltRule = 'contraindication' | 'against' | 'insufficient-data' | 'weights';

export interface Scale {
  benefits: BenefitItem[];
  risks: RiskItem[];
  benefitWeight: number;
  riskWeight: number;
  tipping: Set<string>;
  /** Degrees; negative = benefit side down, positive = risk side down. */
  tilt: number;
  /** Which part of TILT_RULE set the tilt. */
  rule: TiltRule;
  /** TILT_RULE applied to this assessment, in one sentence. */
  applied: string;
  /** Rules that needed data the record lacks: the beam cannot settle. */
  undecided: boolean;
}

/** The effect a reason must have to call for a verdict at least this strict. */
const EFFECT_FOR_VERDICT: Partial<Record<Verdict, Effect>> = {
  'offer-with-caution': 'caution',
  'advise-against': 'against',
  contraindicated: 'contraindication',
};

function tippingCodes(a: Assessment): Set<string> {
  const t = a.tipping;
  if (Array.isArray(t)) {
    const codes = t
      .map((x: unknown) =>
        typeof x === 'string'
          ? x
          : typeof x === 'object' && x !== null && typeof (x as { code?: unknown }).code === 'string'
            ? (x as { code: string }).code
            : undefined,
      )
      .filter((x): x is string => x !== undefined);
    return new Set(codes);
  }
  // Engines that do not report tipping reasons: the reasons calling for the verdict itself are the
  // ones without which it would be more permissive.
  const effect = EFFECT_FOR_VERDICT[a.verdict];
  return new Set(effect ? a.reasons.filter((r) => r.effect === effect).map((r) => r.code) : []);
}

function trials(a: Assessment): TrialItem[] {
  const byTrial = new Map<string, Weights['benefits']>();
  for (const b of a.weights?.benefits ?? []) {
    const list = byTrial.get(b.trial);
    if (list) list.push(b);
    else byTrial.set(b.trial, [b]);
  }
  return [...byTrial].map(([trial, results]) => {
    const box = a.evidenceBase.find((e) => e.trial === trial);
    const fit: TrialItem['fit'] = box ? box.fit : 'no-box';
    return { kind: 'trial', key: `trial:${trial}`, name: box?.study ?? trial, fit, results, weight: fit === 'no-box' ? 0 : WEIGHT.trial[fit] };
  });
}

function factorWeight(effect: Effect): number | null {
  return effect === 'for' ? WEIGHT.reasonFor : effect === 'caution' ? WEIGHT.caution : null;
}

const sum = (xs: readonly { weight: number | null }[]) => xs.reduce((s, x) => s + (x.weight ?? 0), 0);

export function weigh(a: Assessment): Scale {
  const tipping = tippingCodes(a);
  const risksWeighed = a.weights?.risks ?? [];
  const factors: FactorItem[] = a.reasons.map((r) => ({
    kind: 'patient-factor',
    key: `reason:${r.code}`,
    reason: r,
    // The assessment names a risk's patient factors by the message of the reason that found them.
    raises: r.effect === 'for' ? [] : risksWeighed.filter((w) => w.patientFactors.includes(r.message)).map((w) => w.name),
    tipping: tipping.has(r.code),
    weight: factorWeight(r.effect),
  }));
  const labelRisks: LabelRiskItem[] = risksWeighed.map((w) => {
    const frequency = frequencyOf(w.low, w.high);
    return {
      kind: 'label-risk',
      key: `risk:${w.id}`,
      name: w.name,
      frequencyText: w.frequency,
      ...(frequency ? { frequency } : {}),
      raisedBy: a.reasons.filter((r) => r.effect !== 'for' && w.patientFactors.includes(r.message)).map((r) => r.code),
      sources: w.sources,
      weight: WEIGHT.labelRisk,
    };
  });
  const benefits: BenefitItem[] = [...trials(a), ...factors.filter((f) => f.reason.effect === 'for')];
  const risks: RiskItem[] = [...labelRisks, ...factors.filter((f) => f.reason.effect !== 'for')];
  const benefitWeight = sum(benefits);
  const riskWeight = sum(risks);
  const B = weightText(benefitWeight);
  const R = weightText(riskWeight);
  const deciding = (effect: Effect) => a.reasons.filter((r) => r.effect === effect).map((r) => r.code);
  const contra = deciding('contraindication');
  const against = deciding('against');
  let rule: TiltRule;
  let tilt: number;
  let applied: string;
  if (contra.length > 0) {
    rule = 'contraindication';
    tilt = TILT.contraindication;
    applied = `Here a contraindication (${contra.join(', ')}) holds the beam fully down on the risk side; besides it, the benefits weigh ${B} and the risks ${R}.`;
  } else if (against.length > 0) {
    rule = 'against';
    tilt = TILT.against;
    applied = `Here ${against.length === 1 ? 'a reason' : 'reasons'} against (${against.join(', ')}) hold${against.length === 1 ? 's' : ''} the beam down on the risk side; besides ${against.length === 1 ? 'it' : 'them'}, the benefits weigh ${B} and the risks ${R}.`;
  } else if (a.verdict === 'insufficient-data') {
    rule = 'insufficient-data';
    tilt = 0;
    applied = `Here the record lacks data the rules need, so the beam stays level; the benefits weigh ${B}, the risks ${R}.`;
  } else {
    rule = 'weights';
    const total = benefitWeight + riskWeight;
    const down = total > 0 ? Math.max(0, (benefitWeight - riskWeight) / total) : 0;
    tilt = -Math.round(TILT.weighed * down * 10) / 10 || 0;
    applied =
      tilt === 0
        ? `Here the benefits weigh ${B} and the risks ${R}: the beam stays level.`
        : `Here the benefits weigh ${B} and the risks ${R}: the beam goes down ${Math.abs(tilt)}° on the benefit side.`;
  }
  return { benefits, risks, benefitWeight, riskWeight, tipping, tilt, rule, applied, undecided: rule === 'insufficient-data' };
}

const EFFECT_RANK: Record<Effect, number> = { 'not-applicable': 0, contraindication: 0, against: 1, caution: 2, for: 3 };

/** Tipping reasons first, then the strictest: the order a clinician reads them in. */
export function orderReasons(reasons: readonly Reason[], tipping: Set<string>): Reason[] {
  return [...reasons].sort((a, b) => Number(tipping.has(b.code)) - Number(tipping.has(a.code)) || EFFECT_RANK[a.effect] - EFFECT_RANK[b.effect]);
}

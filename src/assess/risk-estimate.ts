import { addMonths, formatDay, wholeMonthsBetween, type Day } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { day, round1 } from './facts.js';
import type { RiskEstimateSpec } from './risk-estimate-schema.js';

export type { RiskEstimateSpec } from './risk-estimate-schema.js';

// A patient's estimated risk of one harm per 1,000 treated patients, read from a published table
// (knowledge/risks/<drug>.json `estimates`): the table's strata (antibody status, an index band, prior
// immunosuppressants) and its exposure epochs (months on the drug) are data; this module only finds the
// patient's cell, now and 12 months from asOf. An input the record cannot give counts at its worst
// case: every cell it could be is tried and the highest figure is given, with what to record. "What
// would change it" is the same lookup on a changed input, never a written promise.

type Tri = 'yes' | 'no' | 'unknown';

/** What the table reads of the patient; unknown inputs are tried at every value they could take. */
export interface RiskInputs {
  antibody: 'positive' | 'negative' | 'unknown';
  /** The latest index in date, a number; undefined when none recent is recorded (the worst band counts); null only for a negative patient's missing index. */
  index: number | null | undefined;
  priorImmunosuppressant: Tri;
  /** Months on the drug up to asOf; undefined when the therapy record is absent. */
  monthsNow: number | undefined;
  /** Months at asOf + 12 months, treatment continuing (or starting now). */
  monthsIn12: number | undefined;
  /** Weeks between doses, when a scenario sets it (the table has no stratum for it). */
  dosingIntervalWeeks?: number;
}

export interface RiskMissing {
  field: string;
  why: string;
}

export interface RiskFigure {
  perThousand: number;
  stratum: string;
  epoch: string;
  /** More than one cell was possible: the figure is the highest of them. */
  worstCase: boolean;
}

export interface RiskEstimate {
  id: string;
  name: string;
  perThousand: { now: number; in12Months: number };
  band: { now: { stratum: string; epoch: string }; in12Months: { stratum: string; epoch: string } };
  inputs: {
    antibody: RiskInputs['antibody'];
    index?: number;
    priorImmunosuppressant: Tri;
    monthsOnDrug?: number;
    monthsIn12Months?: number;
  };
  /** Some input was unknown: the figures are the highest the record allows. */
  worstCase: boolean;
  /** The label's higher-risk group, now. */
  higherRisk: Tri;
  table: { id: string; title: string };
  sources: string[];
  missing: RiskMissing[];
  detail: string;
  whatWouldChange: { id: string; change: string; perThousand: { now: number; in12Months: number }; changes: boolean; note?: string; sources: string[] }[];
}

/** Calendar months from `from` to `to`, the part month as a fraction of that month's length. */
export function monthsBetween(from: Day, to: Day): number {
  if (to <= from) return 0;
  const whole = wholeMonthsBetween(from, to);
  const start = addMonths(from, whole);
  const next = addMonths(from, whole + 1);
  return whole + (to - start) / (next - start);
}

/** Months on the drug up to `until`: the periods of its therapies joined where they overlap. */
function monthsOn(h: History, drug: string, until: Day): number {
  const periods = (h.therapies ?? [])
    .filter((t) => t.drug === drug && day(t.start) <= until)
    .map((t) => [day(t.start), Math.min(t.end === undefined ? until : day(t.end), until)] as [Day, Day])
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let current: [Day, Day] | undefined;
  for (const p of periods) {
    if (current && p[0] <= current[1]) current[1] = Math.max(current[1], p[1]);
    else {
      if (current) total += monthsBetween(current[0], current[1]);
      current = [p[0], p[1]];
    }
  }
  if (current) total += monthsBetween(current[0], current[1]);
  return total;
}

/** The record's inputs to the table as of `asOf`, and what is missing for those it cannot give. */
export function riskInputs(spec: RiskEstimateSpec, h: History, asOf: Day): { inputs: RiskInputs; missing: RiskMissing[] } {
  const missing: RiskMissing[] = [];
  const stale = addMonths(asOf, -spec.antibody.validMonths);
  const latest = (test: string) => {
    let best: NonNullable<History['labs']>[number] | undefined;
    for (const l of h.labs ?? []) if (l.test === test && (!best || l.date > best.date)) best = l;
    return best;
  };
  const ab = latest(spec.antibody.test);
  let antibody: RiskInputs['antibody'] = 'unknown';
  if (ab === undefined || (ab.value !== 'positive' && ab.value !== 'negative')) {
    missing.push({
      field: `labs.${spec.antibody.test}`,
      why: `no anti-JCV antibody result: the ${spec.name} risk is given for the worst case, as if positive`,
    });
  } else if (ab.value === 'negative' && day(ab.date) < stale) {
    // A negative result does not last: patients seroconvert, so the label retests every 6 months.
    missing.push({
      field: `labs.${spec.antibody.test}`,
      why: `the last anti-JCV antibody result (negative, ${ab.date}) is more than ${spec.antibody.validMonths} months old: retest; the risk is given as if positive`,
    });
  } else antibody = ab.value;
  const ix = latest(spec.antibody.index);
  let index: RiskInputs['index'] = null;
  if (ix !== undefined && typeof ix.value === 'number') {
    if (day(ix.date) < stale) {
      index = undefined;
      if (antibody !== 'negative') {
        missing.push({
          field: `labs.${spec.antibody.index}`,
          why: `the last anti-JCV index (${ix.value} on ${ix.date}) is more than ${spec.antibody.validMonths} months old: retest; the highest index band is assumed`,
        });
      }
    } else index = ix.value;
  } else if (antibody !== 'negative') {
    // Unknown, not "absent": the table's no-index row averages over indexes; the worst case is a high one.
    index = undefined;
    missing.push({ field: `labs.${spec.antibody.index}`, why: 'no anti-JCV index: the highest index band is assumed; a low index gives a lower risk' });
  }
  let priorImmunosuppressant: Tri;
  let monthsNow: number | undefined;
  let monthsIn12: number | undefined;
  if (h.therapies === undefined) {
    priorImmunosuppressant = 'unknown';
    missing.push({
      field: 'therapies',
      why: `no therapy record: prior immunosuppressants (${spec.priorImmunosuppressants.drugs.join(', ')}) and months of ${spec.exposureDrug} are counted at their worst`,
    });
  } else {
    priorImmunosuppressant = h.therapies.some((t) => spec.priorImmunosuppressants.drugs.includes(t.drug) && day(t.start) <= asOf) ? 'yes' : 'no';
    const stopped = h.therapies.filter((t) => t.drug === spec.exposureDrug && t.endUnknown === true);
    if (stopped.length > 0) {
      // Stopped on a day not recorded: the months on the drug are unknown, counted at their worst.
      for (const t of stopped) {
        missing.push({
          field: `therapies[${h.therapies.indexOf(t)}].end`,
          why: `${t.drug} from ${t.start} was stopped on a day not recorded: months of ${spec.exposureDrug} are counted at their worst`,
        });
      }
    } else {
      monthsNow = monthsOn(h, spec.exposureDrug, asOf);
      monthsIn12 = monthsNow + 12;
    }
  }
  return { inputs: { antibody, index, priorImmunosuppressant, monthsNow, monthsIn12 }, missing };
}

function epochIndex(spec: RiskEstimateSpec, months: number | undefined): number[] {
  if (months === undefined) return spec.epochs.map((_, i) => i);
  // "Up to 24 months" includes the 24th month's anniversary; a day more is the next epoch.
  const i = spec.epochs.findIndex((e) => months <= e.maxMonths);
  return [i === -1 ? spec.epochs.length - 1 : i];
}

/** The strata the inputs allow (every one an unknown input could put the patient in). */
function strataFor(spec: RiskEstimateSpec, x: RiskInputs): RiskEstimateSpec['strata'] {
  return spec.strata.filter((s) => {
    const w = s.when;
    if (w.antibody !== undefined && x.antibody !== 'unknown' && w.antibody !== x.antibody) return false;
    if (w.priorImmunosuppressant !== undefined && x.priorImmunosuppressant !== 'unknown' && w.priorImmunosuppressant !== (x.priorImmunosuppressant === 'yes'))
      return false;
    if (w.index !== undefined && x.index !== undefined) {
      if ('absent' in w.index) return x.index === null;
      if (x.index === null) return false;
      if ('above' in w.index && !(x.index > w.index.above)) return false;
      if ('atMost' in w.index && !(x.index <= w.index.atMost)) return false;
    }
    return true;
  });
}

function figure(spec: RiskEstimateSpec, x: RiskInputs, months: number | undefined): RiskFigure {
  const strata = strataFor(spec, x);
  const known = x.antibody !== 'unknown' && x.priorImmunosuppressant !== 'unknown' && x.index !== undefined;
  // A fully known patient is in the first matching stratum; otherwise the worst of those possible.
  // The table lists the specific strata first: a fully known patient is in the first that matches.
  const candidates = known ? strata.slice(0, 1) : strata;
  const epochs = epochIndex(spec, months);
  let best: RiskFigure | undefined;
  for (const s of candidates) {
    for (const e of epochs) {
      const v = s.perThousand[e]!;
      if (!best || v > best.perThousand) best = { perThousand: v, stratum: s.id, epoch: spec.epochs[e]!.id, worstCase: false };
    }
  }
  if (!best) throw new Error(`${spec.id}: no stratum of the table fits the record`);
  best.worstCase = candidates.length * epochs.length > 1;
  return best;
}

function higherRiskOf(spec: RiskEstimateSpec, x: RiskInputs): Tri {
  const over = spec.higherRisk.moreThanMonths;
  const strata = strataFor(spec, x);
  const known = x.antibody !== 'unknown' && x.priorImmunosuppressant !== 'unknown' && x.index !== undefined;
  const inGroup = (known ? strata.slice(0, 1) : strata).map((s) => spec.higherRisk.strata.includes(s.id));
  const longEnough: Tri = x.monthsNow === undefined ? 'unknown' : x.monthsNow > over ? 'yes' : 'no';
  if (longEnough === 'no' || inGroup.every((g) => !g)) return 'no';
  if (longEnough === 'yes' && inGroup.every((g) => g)) return 'yes';
  return 'unknown';
}

/**
 * Whether the patient is in the label's higher-risk group now, and what is missing to tell: the part of
 * `estimateRisk` (its `higherRisk` and `missing`) that a rule's outcome rests on, without the figures.
 */
export function higherRiskGroup(spec: RiskEstimateSpec, h: History, asOf: Day): { higherRisk: Tri; missing: RiskMissing[] } {
  const { inputs, missing } = riskInputs(spec, h, asOf);
  return { higherRisk: higherRiskOf(spec, inputs), missing };
}

// Written out field by field, not spread: every natalizumab assessment makes these (a spread into a
// new shape was a fifth of the estimate's cost).
function changed(x: RiskInputs, change: RiskEstimateSpec['whatWouldChange'][number]['change']): RiskInputs {
  const y: RiskInputs = {
    antibody: x.antibody,
    index: x.index,
    priorImmunosuppressant: x.priorImmunosuppressant,
    monthsNow: x.monthsNow,
    monthsIn12: x.monthsIn12,
    dosingIntervalWeeks: x.dosingIntervalWeeks,
  };
  switch (change.kind) {
    case 'antibody':
      y.antibody = change.value;
      break;
    case 'index':
      y.index = change.value;
      if (x.antibody !== 'negative') y.antibody = 'positive';
      break;
    case 'dosing-interval':
      y.dosingIntervalWeeks = change.weeks;
      break;
  }
  return y;
}

const stratumText = (spec: RiskEstimateSpec, id: string) => spec.strata.find((s) => s.id === id)!.text;
const epochText = (spec: RiskEstimateSpec, id: string) => spec.epochs.find((e) => e.id === id)!.text;

/** The patient's estimate from one table, as of `asOf`: pure (history and date in, figures out). */
export function estimateRisk(spec: RiskEstimateSpec, h: History, asOf: Day): RiskEstimate {
  const { inputs, missing } = riskInputs(spec, h, asOf);
  const now = figure(spec, inputs, inputs.monthsNow);
  const later = figure(spec, inputs, inputs.monthsIn12);
  const worstCase = now.worstCase || later.worstCase;
  const last = spec.epochs[spec.epochs.length - 1]!.maxMonths;
  const months = (m: number | undefined) => (m === undefined ? 'unknown months' : `${round1(m)} months`);
  const detail = [
    `${round1(now.perThousand)} per 1,000 now (${stratumText(spec, now.stratum)}, ${epochText(spec, now.epoch)} of ${spec.exposureDrug}: ${months(inputs.monthsNow)} on ${formatDay(asOf)})`,
    `${round1(later.perThousand)} per 1,000 at ${formatDay(addMonths(asOf, 12))} if treatment continues (${epochText(spec, later.epoch)})`,
    `table: ${spec.table.title}`,
  ].join('; ');
  const notes = [
    worstCase ? ' Some inputs are unknown: the highest figure the record allows is given.' : '',
    inputs.monthsIn12 !== undefined && inputs.monthsIn12 > last ? ` ${spec.beyondLastEpoch}` : '',
  ].join('');
  const whatWouldChange = spec.whatWouldChange.map((s) => {
    const x = changed(inputs, s.change);
    const n = figure(spec, x, x.monthsNow);
    const l = figure(spec, x, x.monthsIn12);
    const changes = n.perThousand !== now.perThousand || l.perThousand !== later.perThousand;
    // In the contract's key order: the note, when there is one, before the sources.
    const entry = {
      id: s.id,
      change: s.text,
      perThousand: { now: n.perThousand, in12Months: l.perThousand },
      changes,
    } as RiskEstimate['whatWouldChange'][number];
    if (!changes && s.unchangedNote) entry.note = s.unchangedNote;
    entry.sources = s.sources;
    return entry;
  });
  // In the contract's key order, the optional inputs where they are known.
  const shownInputs: RiskEstimate['inputs'] = { antibody: inputs.antibody } as RiskEstimate['inputs'];
  if (typeof inputs.index === 'number') shownInputs.index = inputs.index;
  shownInputs.priorImmunosuppressant = inputs.priorImmunosuppressant;
  if (inputs.monthsNow !== undefined) shownInputs.monthsOnDrug = round1(inputs.monthsNow);
  if (inputs.monthsIn12 !== undefined) shownInputs.monthsIn12Months = round1(inputs.monthsIn12);
  return {
    id: spec.id,
    name: spec.name,
    perThousand: { now: now.perThousand, in12Months: later.perThousand },
    band: { now: { stratum: now.stratum, epoch: now.epoch }, in12Months: { stratum: later.stratum, epoch: later.epoch } },
    inputs: shownInputs,
    worstCase,
    higherRisk: higherRiskOf(spec, inputs),
    table: { id: spec.table.id, title: spec.table.title },
    sources: spec.table.sources,
    missing,
    detail: `${detail}.${notes}`,
    whatWouldChange,
  };
}

// Relapse rates and disease activity (Lublin 2014), breakthrough activity on treatment and rapidly
// evolving severe disease (EU label). Each finding names the events it rests on; a record that cannot
// tell gives `unknown` with what is missing, never `unmet`.

import { addMonths, type Day } from '../history/dates.js';
import { DEFINITIONS } from './definitions.js';
import { dateText, type Facts, type MriPoint, type RelapsePoint, type TherapySpan } from './facts.js';
import type { DataPoint, Finding, RelapseRate } from './types.js';

/** Every data point of a finding without texts: the basis is counted there, never shown. */
const UNSHOWN: DataPoint = Object.freeze({ kind: 'relapse', date: '', summary: '' });

export function relapsePoint(r: RelapsePoint): DataPoint {
  return { kind: 'relapse', date: dateText(r.day), summary: `relapse${r.relapse.disabling ? ' (disabling)' : ''}, recovery ${r.relapse.recovery}` };
}

export function mriPoint(m: MriPoint): DataPoint {
  const { gadoliniumEnhancingLesions: gd, newOrEnlargingT2Lesions: t2, region } = m.mri;
  return { kind: 'mri', date: dateText(m.day), summary: `${region} MRI: ${gd} Gd+ lesion${gd === 1 ? '' : 's'}, ${t2} new or enlarging T2` };
}

const mriActive = (m: MriPoint) => m.mri.gadoliniumEnhancingLesions > 0 || m.mri.newOrEnlargingT2Lesions > 0;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function rate(f: Facts, from: Day, windowYears: number): RelapseRate {
  const window = { from: dateText(from), to: dateText(f.asOf) };
  if (!f.relapses) return { windowYears, window };
  let count = 0;
  const rs = f.relapses;
  for (let i = 0; i < rs.length; i++) {
    const d = rs[i]!.day;
    if (d >= from && d <= f.asOf) count++;
  }
  return { rate: count / windowYears, count, windowYears, window };
}

let rateAsOf = NaN;
const rateFrom = [0, 0, 0];
/** The first day of the last `years` (1 or 2) years up to asOf, computed once per assessment date. */
function rateWindowStart(asOf: Day, years: 1 | 2): Day {
  if (asOf !== rateAsOf) {
    rateFrom[1] = addMonths(asOf, -12) + 1;
    rateFrom[2] = addMonths(asOf, -24) + 1;
    rateAsOf = asOf;
  }
  return rateFrom[years]!;
}

/** Annualised relapse rates over the last 1 and 2 years (windows end on asOf, inclusive) and since onset. */
export function relapseRates(f: Facts): { last1y: RelapseRate; last2y: RelapseRate; sinceOnset?: RelapseRate } {
  const out: { last1y: RelapseRate; last2y: RelapseRate; sinceOnset?: RelapseRate } = {
    last1y: rate(f, rateWindowStart(f.asOf, 1), 1),
    last2y: rate(f, rateWindowStart(f.asOf, 2), 2),
  };
  if (f.onset) {
    // From the earliest possible onset: the longest window, so an uncertain onset never inflates the rate.
    const years = Math.max((f.asOf - f.onset.lo + 1) / 365.25, 1 / 365.25);
    out.sinceOnset = rate(f, f.onset.lo, years);
  }
  return out;
}

interface WindowActivity {
  status: 'met' | 'unmet' | 'unknown';
  basis: DataPoint[];
  relapses: number;
  activeMri: number;
  mriSeen: number;
  missing: string[];
}

/** Lublin activity between two days (inclusive): a relapse, or a Gd+ or new/enlarging T2 lesion. */
function activityBetween(f: Facts, from: Day, to: Day): WindowActivity {
  // The lists are sorted by day: each window is a contiguous run of them.
  const basis: DataPoint[] = [];
  let relapses = 0;
  if (f.relapses) {
    const rs = f.relapses;
    for (let i = 0; i < rs.length; i++) {
      const r = rs[i]!;
      if (r.day > to) break;
      if (r.day >= from) {
        basis.push(f.texts ? relapsePoint(r) : UNSHOWN);
        relapses++;
      }
    }
  }
  let first = -1;
  let end = -1;
  let activeMri = 0;
  if (f.mri) {
    const ms = f.mri;
    for (let i = 0; i < ms.length; i++) {
      const m = ms[i]!;
      if (m.day > to) break;
      if (m.day >= from) {
        if (first < 0) first = i;
        end = i + 1;
        if (mriActive(m)) {
          basis.push(f.texts ? mriPoint(m) : UNSHOWN);
          activeMri++;
        }
      }
    }
  }
  const mriSeen = first < 0 ? 0 : end - first;
  if (basis.length > 0) return { status: 'met', basis, relapses, activeMri, mriSeen, missing: [] };
  const scans: DataPoint[] = [];
  for (let i = first; i >= 0 && i < end; i++) scans.push(f.texts ? mriPoint(f.mri![i]!) : UNSHOWN);
  // "Not active" needs both halves of the definition: a relapse record and a scan in the window.
  if (f.relapses && mriSeen > 0) {
    return { status: 'unmet', basis: scans, relapses: 0, activeMri: 0, mriSeen, missing: [] };
  }
  const missing: string[] = [];
  if (!f.relapses) missing.push('relapses');
  if (mriSeen === 0) missing.push('mri');
  return { status: 'unknown', basis: scans, relapses: 0, activeMri: 0, mriSeen, missing };
}

let windowAsOf = NaN;
let windowFrom = 0;
/** The first day of the 12-month activity window (one calendar computation per assessment date). */
function windowStart(f: Facts): Day {
  if (f.asOf !== windowAsOf) {
    windowFrom = addMonths(f.asOf, -DEFINITIONS.activityWindowMonths.value) + 1;
    windowAsOf = f.asOf;
  }
  return windowFrom;
}

const ACTIVITY_RULE =
  'Lublin 2014: a clinical relapse, or a gadolinium-enhancing or new/enlarging T2 lesion, in the 12 months up to the assessment date; "not active" needs a relapse record and at least one MRI in that window.';

export function activity(f: Facts): Finding {
  const from = windowStart(f);
  const a = activityBetween(f, from, f.asOf);
  // The window, both ends: "active since D" would read as the day activity began.
  const since = `between ${dateText(from)} and ${dateText(f.asOf)}`;
  let detail = '';
  if (!f.texts) {
    // No text: the status and what is missing only.
  } else if (a.status === 'met') {
    const parts = [
      a.relapses ? plural(a.relapses, 'relapse') : '',
      a.activeMri ? `${plural(a.activeMri, 'MRI')} with Gd+ or new/enlarging T2 lesions` : '',
    ].filter(Boolean);
    detail = `Active ${since}: ${parts.join(' and ')}.`;
  } else if (a.status === 'unmet') {
    detail = `Not active ${since}: no relapse recorded and ${plural(a.mriSeen, 'MRI')} without Gd+ or new/enlarging T2 lesions.`;
  } else {
    detail = `Cannot tell whether the disease was active ${since}: ${describeMissing(a.missing)}.`;
  }
  return a.missing.length
    ? { status: a.status, detail, basis: a.basis, rule: ACTIVITY_RULE, missing: a.missing }
    : { status: a.status, detail, basis: a.basis, rule: ACTIVITY_RULE };
}

function describeMissing(missing: string[]): string {
  const parts: string[] = [];
  if (missing.includes('relapses')) parts.push('the relapse history is not recorded');
  if (missing.includes('mri')) parts.push('there is no MRI in the window');
  if (missing.includes('therapies')) parts.push('the treatment history is not recorded');
  return parts.join(' and ') || 'the record is incomplete';
}

const HADT_RULE =
  'Activity (Lublin 2014) in the last 12 months, on or after the 6-month mark of a disease-modifying therapy, while on it or within 12 months of its end (a full course of at least 6 months).';

function fullCourseMark(t: TherapySpan): Day {
  return addMonths(t.start, DEFINITIONS.fullCourseMonths.value);
}

/** Activity during or after a full (>= 6 months) course of a disease-modifying therapy. */
export function highlyActiveDespiteTreatment(f: Facts): Finding {
  if (!f.therapies) {
    return { status: 'unknown', detail: 'Cannot tell: the treatment history is not recorded.', basis: [], rule: HADT_RULE, missing: ['therapies'] };
  }
  const from = windowStart(f);
  // Each full course with the window it is judged over (after its 6-month mark, up to 12 months after its end).
  const windows: { t: TherapySpan; a: WindowActivity }[] = [];
  let courses = 0;
  for (const t of f.therapies) {
    const mark = fullCourseMark(t);
    if (mark > Math.min(t.end ?? f.asOf, f.asOf)) continue;
    courses++;
    const lo = Math.max(mark, from);
    const hi = Math.min(f.asOf, t.end === undefined ? f.asOf : addMonths(t.end, DEFINITIONS.breakthroughAfterEndMonths.value));
    if (lo <= hi) windows.push({ t, a: activityBetween(f, lo, hi) });
  }
  if (courses === 0) {
    const basis: DataPoint[] = [];
    if (f.texts) for (const t of f.therapies) basis.push(therapyPoint(t));
    return {
      status: 'unmet',
      detail: f.therapies.length === 0 ? 'No disease-modifying therapy is recorded.' : 'No disease-modifying therapy was taken for 6 months or more.',
      basis,
      rule: HADT_RULE,
    };
  }
  let met = 0;
  let unmet = 0;
  for (const w of windows) {
    if (w.a.status === 'met') met++;
    else if (w.a.status === 'unmet') unmet++;
  }
  if (met > 0) {
    const hits = windows.filter((w) => w.a.status === 'met');
    const drugs = uniqueDrugs(hits);
    return {
      status: 'met',
      detail: f.texts ? `Active despite a full course of ${drugs.join(', ')}.` : '',
      basis: f.texts ? windowBasis(hits) : [],
      rule: HADT_RULE,
      therapies: drugs,
    };
  }
  if (windows.length === 0 || unmet === windows.length) {
    return {
      status: 'unmet',
      detail: !f.texts
        ? ''
        : windows.length === 0
          ? 'No full course of a disease-modifying therapy falls within the last 12 months.'
          : `No activity after a full course of ${uniqueDrugs(windows).join(', ')}.`,
      basis: f.texts ? windowBasis(windows) : [],
      rule: HADT_RULE,
    };
  }
  const missing: string[] = [];
  for (const w of windows) for (const m of w.a.missing) if (!missing.includes(m)) missing.push(m);
  const basis: DataPoint[] = [];
  if (f.texts) for (const w of windows) basis.push(therapyPoint(w.t));
  return {
    status: 'unknown',
    detail: f.texts ? `Cannot tell whether the disease was active after a full course of ${uniqueDrugs(windows).join(', ')}: ${describeMissing(missing)}.` : '',
    basis,
    rule: HADT_RULE,
    missing,
  };
}

function uniqueDrugs(windows: readonly { t: TherapySpan }[]): string[] {
  const drugs: string[] = [];
  for (const w of windows) if (!drugs.includes(w.t.therapy.drug)) drugs.push(w.t.therapy.drug);
  return drugs;
}

/** Each therapy followed by the events of its window, without repeating an identical point. */
function windowBasis(windows: readonly { t: TherapySpan; a: WindowActivity }[]): DataPoint[] {
  const seen = new Set<string>();
  const out: DataPoint[] = [];
  for (const w of windows) {
    addOnce(seen, out, therapyPoint(w.t));
    for (const p of w.a.basis) addOnce(seen, out, p);
  }
  return out;
}

function addOnce(seen: Set<string>, out: DataPoint[], p: DataPoint): void {
  const k = `${p.kind}|${p.date}|${p.summary}`;
  if (!seen.has(k)) {
    seen.add(k);
    out.push(p);
  }
}

export function therapyPoint(t: TherapySpan): DataPoint {
  const end = t.end === undefined ? 'ongoing' : `to ${dateText(t.end)}`;
  return { kind: 'therapy', date: dateText(t.start), summary: `${t.therapy.drug} ${end}` };
}

const RES_RULE =
  'EU label: 2 or more disabling relapses with onsets at most 12 months apart, the later one within the last 12 months, and an MRI from 12 months before the first of them onward with 1 or more Gd+ lesions or 2 or more new/enlarging T2 lesions (the product\'s reading of a "significant increase in T2 load").';

/** Rapidly evolving severe disease (EU label): >= 2 disabling relapses in one year plus MRI activity. */
export function rapidlyEvolvingSevere(f: Facts): Finding {
  if (!f.relapses) {
    return { status: 'unknown', detail: 'Cannot tell: the relapse history is not recorded.', basis: [], rule: RES_RULE, missing: ['relapses'] };
  }
  const recent = windowStart(f);
  const disabling = f.relapses.filter((r) => r.relapse.disabling);
  let pair: [RelapsePoint, RelapsePoint] | undefined;
  for (let j = disabling.length - 1; j >= 1 && !pair; j--) {
    const later = disabling[j]!;
    if (later.day < recent) break;
    for (let i = 0; i < j; i++) {
      const earlier = disabling[i]!;
      if (later.day <= addMonths(earlier.day, DEFINITIONS.resRelapseWindowMonths.value)) {
        pair = [earlier, later];
        break;
      }
    }
  }
  if (!pair) {
    const inYear = disabling.filter((r) => r.day >= recent);
    return {
      status: 'unmet',
      detail: f.texts
        ? `Fewer than 2 disabling relapses within one year ending in the last 12 months (${plural(inYear.length, 'disabling relapse')} since ${dateText(recent)}).`
        : '',
      basis: f.texts ? inYear.map(relapsePoint) : [],
      rule: RES_RULE,
    };
  }
  const mriFrom = addMonths(pair[0].day, -DEFINITIONS.resMriLookbackMonths.value);
  const scans = (f.mri ?? []).filter((m) => m.day >= mriFrom && m.day <= f.asOf);
  const qualifying = scans.filter(
    (m) => m.mri.gadoliniumEnhancingLesions >= DEFINITIONS.resGadolinium.value || m.mri.newOrEnlargingT2Lesions >= DEFINITIONS.resSignificantNewT2.value,
  );
  const relBasis = pair.map(relapsePoint);
  if (qualifying.length > 0) {
    return {
      status: 'met',
      detail: `Two disabling relapses (${relBasis[0]!.date}, ${relBasis[1]!.date}) and MRI activity on ${dateText(qualifying[0]!.day)}.`,
      basis: [...relBasis, ...qualifying.map(mriPoint)],
      rule: RES_RULE,
    };
  }
  if (scans.length > 0) {
    return {
      status: 'unmet',
      detail: `Two disabling relapses (${relBasis[0]!.date}, ${relBasis[1]!.date}) but no MRI since ${dateText(mriFrom)} shows a Gd+ lesion or 2 or more new/enlarging T2 lesions.`,
      basis: [...relBasis, ...scans.map(mriPoint)],
      rule: RES_RULE,
    };
  }
  return {
    status: 'unknown',
    detail: `Two disabling relapses (${relBasis[0]!.date}, ${relBasis[1]!.date}) but no MRI since ${dateText(mriFrom)} to judge the MRI criterion.`,
    basis: relBasis,
    rule: RES_RULE,
    missing: ['mri'],
  };
}

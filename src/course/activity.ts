// Relapse rates and disease activity (Lublin 2014), breakthrough activity on treatment and rapidly
// evolving severe disease (EU label). Each finding names the events it rests on; a record that cannot
// tell gives `unknown` with what is missing, never `unmet`.

import type { Day } from '../history/dates.js';
import { addMonthsFast } from './calendar.js';
import { DEFINITIONS } from './definitions.js';
import { dateText, type Facts, type MriPoint, type RelapsePoint, type TherapySpan } from './facts.js';
import type { DataPoint, Finding, RelapseRate } from './types.js';

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

/** Annualised relapse rates over the last 1 and 2 years (windows end on asOf, inclusive) and since onset. */
export function relapseRates(f: Facts): { last1y: RelapseRate; last2y: RelapseRate; sinceOnset?: RelapseRate } {
  const out: { last1y: RelapseRate; last2y: RelapseRate; sinceOnset?: RelapseRate } = {
    last1y: rate(f, addMonthsFast(f.asOf, -12) + 1, 1),
    last2y: rate(f, addMonthsFast(f.asOf, -24) + 1, 2),
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
        basis.push(relapsePoint(r));
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
          basis.push(mriPoint(m));
          activeMri++;
        }
      }
    }
  }
  const mriSeen = first < 0 ? 0 : end - first;
  if (basis.length > 0) return { status: 'met', basis, relapses, activeMri, mriSeen, missing: [] };
  const scans: DataPoint[] = [];
  for (let i = first; i >= 0 && i < end; i++) scans.push(mriPoint(f.mri![i]!));
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
    windowFrom = addMonthsFast(f.asOf, -DEFINITIONS.activityWindowMonths.value) + 1;
    windowAsOf = f.asOf;
  }
  return windowFrom;
}

const ACTIVITY_RULE = 'Lublin 2014: a clinical relapse, or a gadolinium-enhancing or new/enlarging T2 lesion, in the 12 months up to the assessment date; "not active" needs a relapse record and at least one MRI in that window.';

export function activity(f: Facts): Finding {
  const from = windowStart(f);
  const a = activityBetween(f, from, f.asOf);
  const since = dateText(from);
  let detail: string;
  if (a.status === 'met') {
    const parts = [a.relapses ? plural(a.relapses, 'relapse') : '', a.activeMri ? `${plural(a.activeMri, 'MRI')} with Gd+ or new/enlarging T2 lesions` : ''].filter(Boolean);
    detail = `Active since ${since}: ${parts.join(' and ')}.`;
  } else if (a.status === 'unmet') {
    detail = `Not active since ${since}: no relapse recorded and ${plural(a.mriSeen, 'MRI')} without Gd+ or new/enlarging T2 lesions.`;
  } else {
    detail = `Cannot tell whether the disease was active since ${since}: ${describeMissing(a.missing)}.`;
  }
  return { status: a.status, detail, basis: a.basis, rule: ACTIVITY_RULE, ...(a.missing.length ? { missing: a.missing } : {}) };
}

function describeMissing(missing: string[]): string {
  const parts: string[] = [];
  if (missing.includes('relapses')) parts.push('the relapse history is not recorded');
  if (missing.includes('mri')) parts.push('there is no MRI in the window');
  if (missing.includes('therapies')) parts.push('the treatment history is not recorded');
  return parts.join(' and ') || 'the record is incomplete';
}

const HADT_RULE = 'Activity (Lublin 2014) in the last 12 months, on or after the 6-month mark of a disease-modifying therapy, while on it or within 12 months of its end (a full course of at least 6 months).';

function fullCourseMark(t: TherapySpan): Day {
  return addMonthsFast(t.start, DEFINITIONS.fullCourseMonths.value);
}

/** Activity during or after a full (>= 6 months) course of a disease-modifying therapy. */
export function highlyActiveDespiteTreatment(f: Facts): Finding {
  if (!f.therapies) {
    return { status: 'unknown', detail: 'Cannot tell: the treatment history is not recorded.', basis: [], rule: HADT_RULE, missing: ['therapies'] };
  }
  const courses = f.therapies.filter((t) => fullCourseMark(t) <= Math.min(t.end ?? f.asOf, f.asOf));
  if (courses.length === 0) {
    return {
      status: 'unmet',
      detail: f.therapies.length === 0 ? 'No disease-modifying therapy is recorded.' : 'No disease-modifying therapy was taken for 6 months or more.',
      basis: f.therapies.map(therapyPoint), rule: HADT_RULE,
    };
  }
  const from = windowStart(f);
  const results = courses.map((t) => {
    const lo = Math.max(fullCourseMark(t), from);
    const hi = Math.min(f.asOf, t.end === undefined ? f.asOf : addMonthsFast(t.end, DEFINITIONS.breakthroughAfterEndMonths.value));
    return { t, a: lo <= hi ? activityBetween(f, lo, hi) : undefined };
  });
  const hits = results.filter((r) => r.a?.status === 'met');
  if (hits.length > 0) {
    const drugs = [...new Set(hits.map((r) => r.t.therapy.drug))];
    const basis = dedupeBasis(hits.flatMap((r) => [therapyPoint(r.t), ...r.a!.basis]));
    return { status: 'met', detail: `Active despite a full course of ${drugs.join(', ')}.`, basis, rule: HADT_RULE, therapies: drugs };
  }
  const windows = results.filter((r) => r.a !== undefined);
  if (windows.length === 0 || windows.every((r) => r.a!.status === 'unmet')) {
    return {
      status: 'unmet',
      detail: windows.length === 0
        ? 'No full course of a disease-modifying therapy falls within the last 12 months.'
        : `No activity after a full course of ${[...new Set(windows.map((r) => r.t.therapy.drug))].join(', ')}.`,
      basis: dedupeBasis(windows.flatMap((r) => [therapyPoint(r.t), ...r.a!.basis])), rule: HADT_RULE,
    };
  }
  const missing = [...new Set(windows.flatMap((r) => r.a!.missing))];
  return {
    status: 'unknown',
    detail: `Cannot tell whether the disease was active after a full course of ${[...new Set(windows.map((r) => r.t.therapy.drug))].join(', ')}: ${describeMissing(missing)}.`,
    basis: windows.map((r) => therapyPoint(r.t)), rule: HADT_RULE, missing,
  };
}

export function therapyPoint(t: TherapySpan): DataPoint {
  const end = t.end === undefined ? 'ongoing' : `to ${dateText(t.end)}`;
  return { kind: 'therapy', date: dateText(t.start), summary: `${t.therapy.drug} ${end}` };
}

function dedupeBasis(points: DataPoint[]): DataPoint[] {
  const seen = new Set<string>();
  return points.filter((p) => {
    const k = `${p.kind}|${p.date}|${p.summary}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const RES_RULE = 'EU label: 2 or more disabling relapses with onsets at most 12 months apart, the later one within the last 12 months, and an MRI from 12 months before the first of them onward with 1 or more Gd+ lesions or 2 or more new/enlarging T2 lesions (the product\'s reading of a "significant increase in T2 load").';

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
      if (later.day <= addMonthsFast(earlier.day, DEFINITIONS.resRelapseWindowMonths.value)) {
        pair = [earlier, later];
        break;
      }
    }
  }
  if (!pair) {
    const inYear = disabling.filter((r) => r.day >= recent);
    return {
      status: 'unmet',
      detail: `Fewer than 2 disabling relapses within one year ending in the last 12 months (${plural(inYear.length, 'disabling relapse')} since ${dateText(recent)}).`,
      basis: inYear.map(relapsePoint), rule: RES_RULE,
    };
  }
  const mriFrom = addMonthsFast(pair[0].day, -DEFINITIONS.resMriLookbackMonths.value);
  const scans = (f.mri ?? []).filter((m) => m.day >= mriFrom && m.day <= f.asOf);
  const qualifying = scans.filter((m) => m.mri.gadoliniumEnhancingLesions >= DEFINITIONS.resGadolinium.value || m.mri.newOrEnlargingT2Lesions >= DEFINITIONS.resSignificantNewT2.value);
  const relBasis = pair.map(relapsePoint);
  if (qualifying.length > 0) {
    return { status: 'met', detail: `Two disabling relapses (${relBasis[0]!.date}, ${relBasis[1]!.date}) and MRI activity on ${dateText(qualifying[0]!.day)}.`, basis: [...relBasis, ...qualifying.map(mriPoint)], rule: RES_RULE };
  }
  if (scans.length > 0) {
    return { status: 'unmet', detail: `Two disabling relapses (${relBasis[0]!.date}, ${relBasis[1]!.date}) but no MRI since ${dateText(mriFrom)} shows a Gd+ lesion or 2 or more new/enlarging T2 lesions.`, basis: [...relBasis, ...scans.map(mriPoint)], rule: RES_RULE };
  }
  return { status: 'unknown', detail: `Two disabling relapses (${relBasis[0]!.date}, ${relBasis[1]!.date}) but no MRI since ${dateText(mriFrom)} to judge the MRI criterion.`, basis: relBasis, rule: RES_RULE, missing: ['mri'] };
}

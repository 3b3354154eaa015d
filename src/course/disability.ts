// The disability EDSS: the most recent score that reflects baseline disability, i.e. not taken within
// 30 days after a relapse onset (such scores measure the relapse; kurtzke-1983, montobbio-2024).

import { addMonths, type Day } from '../history/dates.js';
import { DEFINITIONS } from './definitions.js';
import { dateText, type Facts } from './facts.js';
import type { DisabilityEdss } from './types.js';

/** A score on `day` is within the influence of a relapse with onset `onset` (days 0 to 29 after it). */
export function nearRelapse(day: Day, onsets: readonly Day[]): boolean {
  const days = DEFINITIONS.relapseExclusionDays.value;
  for (let i = 0; i < onsets.length; i++) {
    const d = day - onsets[i]!;
    if (d >= 0 && d < days) return true;
  }
  return false;
}

export function disabilityEdss(f: Facts): DisabilityEdss | undefined {
  if (!f.edss || f.edss.length === 0) return undefined;
  const onsets = f.relapseDays;
  const excluded: { date: string; score: number }[] = [];
  for (let i = f.edss.length - 1; i >= 0; i--) {
    const e = f.edss[i]!;
    if (nearRelapse(e.day, onsets)) {
      excluded.push({ date: dateText(e.day), score: e.score });
      continue;
    }
    return {
      score: e.score,
      date: dateText(e.day),
      recent: e.day >= addMonths(f.asOf, -DEFINITIONS.recentEdssMonths.value),
      excludedNearRelapse: excluded,
      relapsesRecorded: f.relapses !== undefined,
    };
  }
  return undefined;
}

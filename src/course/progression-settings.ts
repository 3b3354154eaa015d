// The progression part of the course under researcher settings (msprog's names): the settings scan
// (scan.ts) over the chosen outcome's visits, reported in the same shape as the default finding.

import { bernScan } from './bern-scan.js';
import { dateText, type Facts } from './facts.js';
import { fmt } from './progression-finding.js';
import { scanEvents, type ValueVisit } from './scan.js';
import type { ScanSettings } from './scan-settings.js';
import type { ImprovementEvent, ProgressionEvent, ProgressionOptions, ProgressionResult } from './types.js';

const OUTCOME_NAME: Record<ScanSettings['outcome'], string> = {
  edss: 'EDSS',
  t25fw: 'timed 25-foot walk',
  nhpt: 'nine-hole peg test',
  sdmt: 'SDMT',
  custom: 'outcome',
};

/** The outcome's visits from the facts: EDSS, or the functional tests recorded beside it. */
export function outcomeVisits(f: Facts, outcome: ScanSettings['outcome']): ValueVisit[] | undefined {
  if (outcome === 'edss') return f.edss?.map((e) => ({ day: e.day, value: e.score }));
  if (outcome === 'custom') return undefined;
  return f.tests?.[outcome];
}

export function progressionWithSettings(f: Facts, s: ScanSettings): ProgressionResult {
  const options = progressionOptionsOf(s);
  const name = OUTCOME_NAME[s.outcome];
  const visits = outcomeVisits(f, s.outcome);
  if (!visits || visits.length < 2) {
    return {
      options,
      settings: s,
      events: [],
      improvements: [],
      assessments: visits?.length ?? 0,
      followUpDays: 0,
      status: 'unknown',
      detail:
        !visits || visits.length === 0
          ? `Cannot tell: no ${name} record.`
          : `Cannot tell: 1 ${name} assessment; confirmed worsening needs a score and a later confirming one.`,
    };
  }
  const first = visits[0]!.day;
  const followUpDays = visits[visits.length - 1]!.day - first;
  if (s.bern) return bernProgression(f, s, visits, options);
  const { events: found } = scanEvents(visits, f.relapseDays, s);
  const events: ProgressionEvent[] = [];
  const improvements: ImprovementEvent[] = [];
  for (const e of found) {
    const b = visits[e.baselineIndex]!,
      ev = visits[e.eventIndex]!,
      c = visits[e.confirmationIndex]!,
      su = visits[e.sustainedIndex]!;
    const common = {
      baselineScore: e.baselineValue,
      baselineDate: dateText(b.day),
      eventScore: ev.value,
      eventDate: dateText(ev.day),
      confirmationDate: dateText(c.day),
      confirmationScore: c.value,
      baselineToEventDays: ev.day - b.day,
      timeToEventDays: ev.day - first,
      sustainedDays: su.day - ev.day,
      sustainedToLast: e.sustainedIndex === visits.length - 1,
    };
    if (e.type === 'CDI') improvements.push({ type: 'CDI', ...common });
    else {
      const type = f.relapses ? e.type : 'CDW';
      const event: ProgressionEvent = { type, ...common };
      if (e.imputed) event.imputed = true;
      events.push(event);
    }
  }
  const periods = s.confDays.map((d) => `${d}`).join(' or ');
  const value = (x: number) => (s.outcome === 'edss' ? fmt(x) : String(x));
  let detail: string;
  if (events.length > 0) {
    const e = events[0]!;
    detail = `Confirmed ${name} worsening (${periods} days, ${s.baseline} baseline): ${value(e.baselineScore)} on ${e.baselineDate} to ${value(e.eventScore)} on ${e.eventDate}, confirmed ${value(e.confirmationScore)} on ${e.confirmationDate} (${e.type === 'CDW' ? 'unclassified' : e.type})${events.length > 1 ? `; ${events.length} events in all` : ''}.`;
    if (!f.relapses) detail += ' The relapse history is not recorded, so PIRA and RAW cannot be told apart.';
  } else {
    detail = `No confirmed ${name} worsening (${periods} days, ${s.baseline} baseline, event ${s.event}) in ${visits.length} assessments over ${(followUpDays / 365.25).toFixed(1)} years.`;
  }
  return { options, settings: s, events, improvements, assessments: visits.length, followUpDays, status: events.length > 0 ? 'met' : 'unmet', detail };
}

/** The Bern scan's events in the course's shape: its labels other than PIRA and RAW are CDW. */
function bernProgression(f: Facts, s: ScanSettings, visits: ValueVisit[], options: ProgressionOptions): ProgressionResult {
  const b = s.bern!;
  const first = visits[0]!.day;
  const n = visits.length;
  const followUpDays = visits[n - 1]!.day - first;
  const events: ProgressionEvent[] = bernScan(visits, f.relapseDays, b).events.map((e) => {
    const ev = visits[e.index]!;
    const ref = visits[e.referenceIndex]!;
    let held = e.index;
    while (held + 1 < n && visits[held + 1]!.value >= e.score) held++;
    const type = !f.relapses ? 'CDW' : e.type === 'PIRA' || e.type === 'RAW' ? e.type : 'CDW';
    return {
      type,
      baselineScore: e.referenceScore,
      baselineDate: dateText(ref.day),
      eventScore: ev.value,
      eventDate: dateText(ev.day),
      confirmationDate: dateText(visits[e.confirmationIndex]!.day),
      confirmationScore: e.score,
      baselineToEventDays: ev.day - ref.day,
      timeToEventDays: ev.day - first,
      sustainedDays: visits[held]!.day - ev.day,
      sustainedToLast: held === n - 1,
      ...(f.relapses ? { bernType: e.type } : {}),
      bernEventId: e.id,
    };
  });
  const confirmation =
    b.confirmation === null
      ? 'unconfirmed'
      : b.confirmation === 'sustained'
        ? 'sustained'
        : b.confirmation === 'next'
          ? 'next assessment'
          : `${b.confirmation} days`;
  let detail: string;
  if (events.length > 0) {
    const e = events[0]!;
    detail = `Confirmed EDSS worsening (Bern scan, ${confirmation}, ${b.baseline} reference): ${fmt(e.baselineScore)} on ${e.baselineDate} to ${fmt(e.eventScore)} on ${e.eventDate}, confirmed score ${fmt(e.confirmationScore)} (${e.bernType ?? 'unclassified'})${events.length > 1 ? `; ${events.length} events in all` : ''}.`;
    if (!f.relapses) detail += ' The relapse history is not recorded, so PIRA and RAW cannot be told apart.';
  } else {
    detail = `No confirmed EDSS worsening (Bern scan, ${confirmation}, ${b.baseline} reference) in ${n} assessments over ${(followUpDays / 365.25).toFixed(1)} years.`;
  }
  return { options, settings: s, events, improvements: [], assessments: n, followUpDays, status: events.length > 0 ? 'met' : 'unmet', detail };
}

/** The default-style options echo for a settings run (its full settings are in `settings`). */
function progressionOptionsOf(s: ScanSettings): ProgressionOptions {
  const ri = s.relapseIndep;
  return {
    confDays: s.confDays[0]!,
    confTolDays: s.confTolDays,
    baseline: s.baseline === 'fixed' ? 'fixed' : 'roving',
    relapseToBl: s.relapseToBl[0],
    relapseToEvent: s.relapseToEvent[0],
    relapseToConf: s.relapseToConf[0],
    checkIntermediate: s.checkIntermediate,
    event: s.event === 'first' || s.event === 'multiple' ? s.event : 'firstCDW',
    requireSustDays: s.requireSustDays,
    relapseAssoc: s.relapseAssoc[0],
    relapseIndep: [ri.prec[0], ri.prec[1], ri.event[0], ri.event[1], ri.conf[0], ri.conf[1]],
    deltaScheme: s.delta.kind === 'edss' && s.delta.upTo === 5 ? 'msprog' : 'kappos2020',
  };
}

// The progression part of the course: the history's EDSS visits and relapse onsets through the
// msprog-style scan (progression.ts), reported with dates and scores so they compare with msprog.

import { dateText, type Facts } from './facts.js';
import { detectEvents } from './progression.js';
import type { ImprovementEvent, ProgressionEvent, ProgressionOptions, ProgressionResult } from './types.js';

export function progression(f: Facts, options: ProgressionOptions): ProgressionResult {
  // EDSS points carry day and score: the scan reads them as they are.
  const visits = f.edss ?? [];
  const relapses = f.relapseDays;
  if (visits.length < 2) {
    return {
      options,
      events: [],
      improvements: [],
      assessments: visits.length,
      followUpDays: 0,
      status: 'unknown',
      detail: !f.edss
        ? 'Cannot tell: no EDSS record.'
        : `Cannot tell: ${visits.length} EDSS assessment${visits.length === 1 ? '' : 's'}; confirmed worsening needs a score and a later confirming one.`,
    };
  }
  const first = visits[0]!.day;
  const followUpDays = visits[visits.length - 1]!.day - first;
  const { events: found } = detectEvents(visits, relapses, options);
  const events: ProgressionEvent[] = [];
  const improvements: ImprovementEvent[] = [];
  for (const e of found) {
    const b = visits[e.baselineIndex]!,
      ev = visits[e.eventIndex]!,
      c = visits[e.confirmationIndex]!,
      s = visits[e.sustainedIndex]!;
    // Each event object is written out in the result's key order (no spreads: a cohort run makes many).
    const baselineDate = dateText(b.day),
      eventDate = dateText(ev.day),
      confirmationDate = dateText(c.day);
    const sustainedToLast = e.sustainedIndex === visits.length - 1;
    if (e.kind === 'CDI') {
      improvements.push({
        type: 'CDI',
        baselineScore: b.score,
        baselineDate,
        eventScore: ev.score,
        eventDate,
        confirmationDate,
        confirmationScore: c.score,
        baselineToEventDays: ev.day - b.day,
        timeToEventDays: ev.day - first,
        sustainedDays: s.day - ev.day,
        sustainedToLast,
      });
    } else {
      // Without a relapse record neither PIRA nor RAW can be told apart: the CDW stays unclassified.
      const type = f.relapses ? (e.type as ProgressionEvent['type']) : 'CDW';
      const event: ProgressionEvent = {
        type,
        baselineScore: b.score,
        baselineDate,
        eventScore: ev.score,
        eventDate,
        confirmationDate,
        confirmationScore: c.score,
        baselineToEventDays: ev.day - b.day,
        timeToEventDays: ev.day - first,
        sustainedDays: s.day - ev.day,
        sustainedToLast,
      };
      if (type === 'RAW' && e.relapseDay !== undefined) event.relapseOnset = dateText(e.relapseDay);
      events.push(event);
    }
  }
  const status = events.length > 0 ? 'met' : 'unmet';
  const months = Math.round(options.confDays / 28) === 3 ? '12 weeks' : `${options.confDays} days`;
  let detail: string;
  if (events.length > 0) {
    const e = events[0]!;
    detail = `Confirmed disability worsening (${months}, ${options.baseline} baseline): EDSS ${fmt(e.baselineScore)} on ${e.baselineDate} to ${fmt(e.eventScore)} on ${e.eventDate}, confirmed ${fmt(e.confirmationScore)} on ${e.confirmationDate} (${e.type === 'CDW' ? 'unclassified' : e.type})${events.length > 1 ? `; ${events.length} events in all` : ''}.`;
    if (!f.relapses) detail += ' The relapse history is not recorded, so PIRA and RAW cannot be told apart.';
  } else {
    detail = `No confirmed disability worsening (${months}, ${options.baseline} baseline) in ${visits.length} EDSS assessments over ${(followUpDays / 365.25).toFixed(1)} years.`;
  }
  return { options, events, improvements, assessments: visits.length, followUpDays, status, detail };
}

// EDSS steps 0.5 to 10 written once (score.toFixed(1)); 0 is written "0".
const STEP_TEXT: readonly string[] = Array.from({ length: 21 }, (_, i) => (i === 0 ? '0' : (i / 2).toFixed(1)));

export function fmt(score: number): string {
  const i = score * 2;
  return i >= 0 && i <= 20 && Number.isInteger(i) ? STEP_TEXT[i]! : score.toFixed(1);
}

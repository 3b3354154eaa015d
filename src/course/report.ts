// A readable text report of a course result, for `fulcrum course` without --json. Pure: a string out.

import type { CourseResult, Finding, YearsRange } from './types.js';

/** `event` names the date counted from; a partial date is the interval it spans, said as such. */
function years(r: YearsRange | undefined, what: string, event: string): string {
  if (!r) return `${what}: not recorded`;
  const span = r.minWholeYears === r.maxWholeYears ? `${r.minWholeYears}` : `${r.minWholeYears}-${r.maxWholeYears}`;
  const from = r.from.from === r.from.to ? `on ${r.from.from}` : `between ${r.from.from} and ${r.from.to}`;
  return `${what}: ${span} years (${event} ${from})`;
}

const mark = (s: string) => (s === 'met' ? 'yes' : s === 'unmet' ? 'no' : 'unknown');

function finding(label: string, f: Finding): string[] {
  const lines = [`${label}: ${mark(f.status)}`, `  ${f.detail}`];
  for (const b of f.basis) lines.push(`  - ${b.date} ${b.summary}`);
  return lines;
}

function rate(label: string, r: { rate?: number; count?: number; window: { from: string; to: string } }): string {
  return r.rate === undefined ? `${label}: relapses not recorded` : `${label}: ${r.rate.toFixed(2)} per year (${r.count} since ${r.window.from})`;
}

export function formatCourse(c: CourseResult): string {
  const out: string[] = [`Disease course as of ${c.asOf}`, ''];
  out.push(years(c.age, 'Age', 'born'), years(c.durationFromOnset, 'Since onset', 'onset'), years(c.durationFromDiagnosis, 'Since diagnosis', 'diagnosed'), '');
  out.push(rate('Relapse rate, last year', c.relapseRate.last1y), rate('Relapse rate, last 2 years', c.relapseRate.last2y));
  if (c.relapseRate.sinceOnset) out.push(rate('Relapse rate since onset', c.relapseRate.sinceOnset));
  out.push('');
  out.push(...finding('Active in the last 12 months', c.activity));
  out.push(...finding('Highly active despite treatment', c.highlyActiveDespiteTreatment));
  out.push(...finding('Rapidly evolving severe', c.rapidlyEvolvingSevere), '');
  const e = c.disabilityEdss;
  if (e) {
    out.push(`Disability EDSS: ${e.score === 0 ? '0' : e.score.toFixed(1)} on ${e.date}${e.recent ? '' : ' (not recent: over 12 months old)'}`);
    for (const x of e.excludedNearRelapse) out.push(`  left out: ${x.score.toFixed(1)} on ${x.date}, within 30 days after a relapse onset`);
    if (!e.relapsesRecorded) out.push('  relapses not recorded: the score may reflect an unrecorded relapse');
  } else out.push('Disability EDSS: none usable');
  for (const w of c.edssInconsistencies ?? []) out.push(`  warning: ${w.detail}`);
  out.push('');
  const p = c.progression;
  out.push(`Confirmed disability worsening: ${mark(p.status)}`, `  ${p.detail}`);
  for (const ev of p.events) {
    out.push(
      `  - ${ev.type}: ${ev.baselineScore.toFixed(1)} (${ev.baselineDate}) -> ${ev.eventScore.toFixed(1)} (${ev.eventDate}), confirmed ${ev.confirmationScore.toFixed(1)} (${ev.confirmationDate})${ev.relapseOnset ? `, relapse ${ev.relapseOnset}` : ''}`,
    );
  }
  for (const ev of p.improvements)
    out.push(`  - improvement: ${ev.baselineScore.toFixed(1)} (${ev.baselineDate}) -> ${ev.eventScore.toFixed(1)} (${ev.eventDate})`);
  out.push('');
  out.push(`Objective SPMS (Lorscheider 2016): ${mark(c.objectiveSpms.status)}`, `  ${c.objectiveSpms.detail}`);
  for (const b of c.objectiveSpms.basis) out.push(`  - ${b.date} ${b.summary}`);
  out.push(`Phenotype: ${c.phenotype.detail}${c.phenotype.disagreement ? ' [DISAGREEMENT]' : ''}`);
  return out.join('\n') + '\n';
}

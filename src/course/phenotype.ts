// The recorded course beside the objective one. A disagreement is a finding of its own: a record
// that says RRMS while the EDSS record meets objective SPMS (or the reverse) needs a clinician's look.

import type { History } from '../history/schema.js';
import type { ObjectiveSpms, PhenotypeFinding } from './types.js';

export function phenotype(h: History, spms: ObjectiveSpms): PhenotypeFinding {
  const objective = spms.status === 'met' ? 'SPMS' : spms.status === 'unmet' ? 'not-SPMS' : 'unknown';
  const recorded = h.course?.phenotype;
  const since = h.course?.since;
  const base = { objective, ...(recorded ? { recorded } : {}), ...(since ? { recordedSince: since } : {}) } as const;
  const obj = objective === 'SPMS' ? `objective SPMS (met ${spms.date})` : objective === 'not-SPMS' ? 'objective criteria for SPMS not met' : 'objective SPMS cannot be judged';
  if (!recorded) {
    return { ...base, disagreement: false, detail: `No course is recorded; from the EDSS record: ${obj}. Please confirm the course.` };
  }
  // The objective definition separates SPMS from relapsing MS; it says nothing against PPMS.
  const disagreement = (objective === 'SPMS' && (recorded === 'RRMS' || recorded === 'CIS')) || (objective === 'not-SPMS' && recorded === 'SPMS');
  const detail = disagreement
    ? `Recorded ${recorded}${since ? ` since ${since}` : ''}, but ${obj}: the recorded and objective courses disagree.`
    : `Recorded ${recorded}${since ? ` since ${since}` : ''}; ${obj}.`;
  return { ...base, disagreement, detail };
}

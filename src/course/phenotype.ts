// The recorded course beside the objective one. A disagreement is a finding of its own: a record
// that says RRMS while the EDSS record meets objective SPMS (or the reverse) needs a clinician's look.

import type { History } from '../history/schema.js';
import type { ObjectiveSpms, PhenotypeFinding } from './types.js';

/** `texts` false leaves the detail empty (a decision that shows none). */
export function phenotype(h: History, spms: ObjectiveSpms, texts = true): PhenotypeFinding {
  const objective = spms.status === 'met' ? 'SPMS' : spms.status === 'unmet' ? 'not-SPMS' : 'unknown';
  const recorded = h.course?.phenotype;
  const since = h.course?.since;
  const out: PhenotypeFinding = { objective, disagreement: false, detail: '' };
  if (recorded) out.recorded = recorded;
  if (since) out.recordedSince = since;
  // The objective definition separates SPMS from relapsing MS; it says nothing against PPMS.
  const disagreement =
    recorded !== undefined && ((objective === 'SPMS' && (recorded === 'RRMS' || recorded === 'CIS')) || (objective === 'not-SPMS' && recorded === 'SPMS'));
  if (!texts) {
    out.disagreement = disagreement;
    return out;
  }
  const obj =
    objective === 'SPMS'
      ? `objective SPMS (met ${spms.date})`
      : objective === 'not-SPMS'
        ? 'objective criteria for SPMS not met'
        : 'objective SPMS cannot be judged';
  if (!recorded) {
    out.detail = `No course is recorded; from the EDSS record: ${obj}. Please confirm the course.`;
    return out;
  }
  const detail = disagreement
    ? `Recorded ${recorded}${since ? ` since ${since}` : ''}, but ${obj}: the recorded and objective courses disagree.`
    : `Recorded ${recorded}${since ? ` since ${since}` : ''}; ${obj}.`;
  out.disagreement = disagreement;
  out.detail = detail;
  return out;
}

import type { MimicWarning } from '../../assess/mimics.js';
import type { Assessment, Verdict } from '../../assess/index.js';
import { formatDay } from '../../history/dates.js';
import { DRUGS, type AssessDrug } from '../../drugs/index.js';
import type { PatientMonitoring } from '../../monitor/index.js';

// CDS Hooks cards (spec "Card Attributes") built from an assessment or a monitoring picture. Pure:
// uuids and links come in from the caller. Indicator per the issue: critical for contraindicated,
// warning for advise-against or insufficient-data, info otherwise.

export interface Coding {
  system: string;
  code: string;
  display: string;
}

export interface Card {
  uuid: string;
  summary: string;
  detail: string;
  indicator: 'info' | 'warning' | 'critical';
  source: { label: string; url?: string; topic?: Coding };
  suggestions?: {
    label: string;
    uuid: string;
    isRecommended?: boolean;
    actions: { type: 'create' | 'update' | 'delete'; description: string; resourceId?: string }[];
  }[];
  selectionBehavior?: 'at-most-one' | 'any';
  overrideReasons?: Coding[];
  links?: { label: string; url: string; type: 'absolute' | 'smart' }[];
}

export const OVERRIDE_REASON_SYSTEM = 'https://fulcrum.example/fhir/CodeSystem/cds-override-reason';
export const OVERRIDE_REASONS: readonly Coding[] = [
  { system: OVERRIDE_REASON_SYSTEM, code: 'benefit-outweighs-risk', display: 'Benefit outweighs the risk for this patient' },
  { system: OVERRIDE_REASON_SYSTEM, code: 'patient-informed-choice', display: "Patient's informed choice after counselling" },
  { system: OVERRIDE_REASON_SYSTEM, code: 'record-incomplete', display: 'The record the service saw is incomplete or out of date' },
  { system: OVERRIDE_REASON_SYSTEM, code: 'specialist-team-decision', display: 'Decided by the MS specialist team' },
];

const SUMMARY_MAX = 139;

export function indicatorOf(verdict: Verdict): Card['indicator'] {
  if (verdict === 'contraindicated') return 'critical';
  if (verdict === 'advise-against' || verdict === 'insufficient-data') return 'warning';
  return 'info';
}

const VERDICT_PHRASE: Record<Verdict, string> = {
  offer: 'may be offered',
  'offer-with-caution': 'may be offered, with caution',
  'insufficient-data': 'cannot be judged: data missing',
  'advise-against': 'advised against',
  contraindicated: 'contraindicated',
  // Never on a card: a patient outside scope gets no card (routes.ts); said plainly should one be shown.
  'not-applicable': 'not assessed: no MS diagnosis recorded',
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** A therapy as prescribers write it ("aHSCT", not "Ahsct"). */
const therapyName = (drug: string) => DRUGS[drug as AssessDrug]?.name ?? capital(drug);

export function clip(s: string, max = SUMMARY_MAX): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

/** One line per tipping reason with its sources, then what is missing, the trials and the checks to do. */
export function assessmentDetail(a: Assessment): string {
  const sourcesOf = new Map(a.reasons.map((r) => [r.code, r.sources]));
  const lines: string[] = [`**${therapyName(a.drug)}: ${a.verdict}** (as of ${a.asOf}, ruleset ${a.rulesetVersion}, ${a.label.toUpperCase()} label)`, ''];
  if (a.tipping.length > 0) {
    lines.push('**What decides it**');
    for (const t of a.tipping) {
      const src = sourcesOf.get(t.code);
      lines.push(`- ${t.message}${src?.length ? ` _(sources: ${src.join(', ')})_` : ''}`);
    }
    lines.push('');
  }
  const missing = a.missing.filter((m) => m.effect !== 'caution');
  if (missing.length > 0) {
    lines.push('**Missing from the record**');
    for (const m of missing) lines.push(`- ${m.field}: ${m.why}`);
    lines.push('');
  }
  if ((a.unrecognised?.length ?? 0) + (a.notWeighed?.length ?? 0) > 0) {
    // Nothing relevant silent: what no rule looked at, for the clinician to review.
    lines.push('**Not recognised: review before deciding**');
    for (const u of a.unrecognised ?? []) lines.push(`- ${u.display || 'a problem without display'}${u.code ? ` (${u.code})` : ''}`);
    for (const n of a.notWeighed ?? []) lines.push(`- ${n.condition}${n.status === 'resolved' ? ' (past)' : ''}: recorded, no ${a.drug} rule weighs it`);
    lines.push('');
  }
  if (a.evidenceBase.length > 0) {
    lines.push('**Evidence base**');
    for (const e of a.evidenceBase)
      lines.push(`- ${e.study}: patient ${e.fit === 'inside' ? 'inside' : e.fit === 'outside' ? 'outside' : 'possibly inside'} the trial population`);
    lines.push('');
  }
  const outstanding = a.checks.filter((c) => c.status !== 'done');
  if (outstanding.length > 0) {
    lines.push(`**Before the first dose** (${outstanding.length} check${outstanding.length === 1 ? '' : 's'} not done)`);
    for (const c of outstanding) lines.push(`- ${c.status === 'failed' ? 'FAILED: ' : ''}${c.detail}`);
  }
  return lines.join('\n').trim();
}

export interface OrderCardInput {
  assessment: Assessment;
  cardUuid: string;
  suggestionUuid: string;
  /** The draft order, `MedicationRequest/<id>` (`ServiceRequest/<id>` for a procedure), when it has an id. */
  orderReference?: string;
  appLink: string;
  sourceUrl: string;
  /**
   * With a verdict against the order: the therapies that fit this patient better (compare.ts
   * betterFitting), most suitable first, and where the side-by-side comparison opens.
   */
  alternatives?: { drugs: readonly { drug: string; verdict: Verdict }[]; link: string };
}

/** The card for one drug being ordered. */
export function orderCard(i: OrderCardInput): Card {
  const a = i.assessment;
  const first = a.tipping[0]?.message;
  const card: Card = {
    uuid: i.cardUuid,
    summary: clip(`${therapyName(a.drug)} ${VERDICT_PHRASE[a.verdict]}${first ? `: ${first}` : ''}`),
    detail: assessmentDetail(a) + alternativesDetail(i.alternatives),
    indicator: indicatorOf(a.verdict),
    source: { label: 'Fulcrum benefit-risk assessment', url: i.sourceUrl },
    links: [{ label: 'Open the full assessment in Fulcrum', url: i.appLink, type: 'absolute' }],
  };
  if (i.alternatives && i.alternatives.drugs.length > 0) {
    card.links!.push({ label: 'Compare every therapy for this patient in Fulcrum', url: i.alternatives.link, type: 'absolute' });
  }
  if ((a.verdict === 'contraindicated' || a.verdict === 'advise-against') && i.orderReference) {
    card.suggestions = [
      {
        label: `Remove the ${a.drug} order`,
        uuid: i.suggestionUuid,
        isRecommended: true,
        actions: [{ type: 'delete', description: `Remove the draft ${a.drug} order (${a.verdict})`, resourceId: i.orderReference }],
      },
    ];
    card.selectionBehavior = 'at-most-one';
  }
  if (a.verdict !== 'offer') card.overrideReasons = [...OVERRIDE_REASONS];
  return card;
}

function alternativesDetail(alt: OrderCardInput['alternatives']): string {
  if (!alt || alt.drugs.length === 0) return '';
  const lines = ['', '', '**Better-fitting alternatives for this patient**', ...alt.drugs.map((d) => `- ${therapyName(d.drug)}: ${VERDICT_PHRASE[d.verdict]}`)];
  return lines.join('\n');
}

/** The patient-view standing: both drugs in one card. Informational: nothing is being ordered. */
export function standingCard(assessments: readonly Assessment[], cardUuid: string, appLink: string, sourceUrl: string): Card {
  return {
    uuid: cardUuid,
    summary: clip(`MS high-efficacy therapy: ${assessments.map((a) => `${a.drug} ${VERDICT_PHRASE[a.verdict]}`).join('; ')}`),
    detail: assessments.map(assessmentDetail).join('\n\n---\n\n'),
    indicator: 'info',
    source: { label: 'Fulcrum benefit-risk assessment', url: sourceUrl },
    links: [{ label: 'Open the assessment in Fulcrum', url: appLink, type: 'absolute' }],
  };
}

/**
 * Monitoring that is due, overdue or abnormal; undefined when there is nothing to act on. An
 * emergency alert is critical; an open alert or an overdue item is a warning; an item due is info.
 */
export function monitoringCard(m: PatientMonitoring, cardUuid: string, appLink: string, sourceUrl: string): Card | undefined {
  const s = m.summary;
  if (s.status === 'none' || s.status === 'ok') return undefined;
  const open = m.alerts.filter((a) => !a.acknowledged);
  const overdue = m.states.filter((x) => x.status === 'overdue');
  const due = m.states.filter((x) => x.status === 'due');
  const indicator: Card['indicator'] = open.some((a) => a.urgency === 'emergency') ? 'critical' : open.length > 0 || overdue.length > 0 ? 'warning' : 'info';
  const parts: string[] = [];
  if (open.length) parts.push(`${open.length} abnormal result${open.length === 1 ? '' : 's'}`);
  if (overdue.length) parts.push(`${overdue.length} test group${overdue.length === 1 ? '' : 's'} overdue`);
  if (due.length) parts.push(`${due.length} due now`);
  const lines: string[] = [];
  if (open.length) {
    lines.push('**Abnormal results**');
    for (const a of open)
      lines.push(`- ${a.urgency.toUpperCase()}: ${a.message} — ${a.action}${a.sources.length ? ` _(sources: ${a.sources.join(', ')})_` : ''}`);
    lines.push('');
  }
  if (overdue.length) {
    lines.push('**Overdue**');
    for (const x of overdue) lines.push(`- ${x.item.label} (${x.item.drug}), due ${formatDay(x.item.due)}; missing: ${x.missingTests.join(', ')}`);
    lines.push('');
  }
  if (due.length) {
    lines.push('**Due now**');
    for (const x of due) lines.push(`- ${x.item.label} (${x.item.drug}), due ${formatDay(x.item.due)}`);
  }
  return {
    uuid: cardUuid,
    summary: clip(`Safety monitoring (${m.drugs.join(', ')}): ${parts.join(', ')}`),
    detail: lines.join('\n').trim(),
    indicator,
    source: { label: 'Fulcrum safety monitoring', url: sourceUrl },
    links: [{ label: 'Open monitoring in Fulcrum', url: appLink, type: 'absolute' }],
  };
}

/** A warning for an MS drug ordered for a patient with an MS mimic and no MS diagnosis (src/assess/mimics.ts). */
export function mimicCard(w: MimicWarning, uuid: string, sourceUrl: string): Card {
  return {
    uuid,
    summary: clip(`${capital(w.drug.replace(/-/g, ' '))} may worsen ${w.conditionName}: no MS diagnosis is recorded`),
    detail: [w.message, '', '**Reports**', ...w.citations.map((c) => `- ${c}`)].join('\n'),
    indicator: 'warning',
    source: { label: 'Fulcrum: MS mimics', url: sourceUrl },
  };
}

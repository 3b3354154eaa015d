import { createHash, randomUUID } from 'node:crypto';
import type { MappingReportEntry } from '../../cli/input.js';
import { assess, RULESET_VERSION, type AssessDrug, type Assessment, type LabelId, type Verdict } from '../../assess/index.js';
import { betterFitting, compareTherapies } from '../../assess/compare.js';
import { bundleToHistory } from '../../fhir/index.js';
import { unrecognisedOf, type UnrecognisedProblem } from '../../fhir/outcome.js';
import { formatDay, type Day } from '../../history/dates.js';
import type { History } from '../../history/schema.js';
import { validateHistory, type ValidationIssue } from '../../history/validate.js';
import { dayInTimeZone, monitorPatient, type ClinicSettings } from '../../monitor/index.js';
import { acknowledgementsOf, resultsOf } from '../../store/monitoring-repo.js';
import { settingsFromEnv } from '../routes/monitor.js';
import { findSameAssessment, insertAssessment, insertDecision, listDecisions } from '../../store/assessments.js';
import { findCard, type IssuedCard } from '../../store/cds.js';
import { insertFeedback, listFeedback } from '../../store/feedback.js';
import { requireRole } from '../auth.js';
import { contentHash, ensureCurrentHistory } from '../../store/histories.js';
import type { AuditEntry } from '../../store/audit.js';
import { readBody } from '../body.js';
import { audited } from '../audit.js';
import type { App, AppContext, Ctx } from '../context.js';
import { HttpError, notFound, unauthorized } from '../errors.js';
import { Lru } from './cache.js';
import { cdsCors } from './cors.js';
import { CdsJournal } from './journal.js';
import { clip, mimicCard, monitoringCard, orderCard, standingCard, type Card } from './cards.js';
import { CdsAuthError, jwtVerifier, type EhrIdentity } from './jwt.js';
import { databaseReplayGuard, memoryReplayGuard } from './replay.js';
import { assessedOrders, mimicDrugOrders, orderReason, resourceResolver, type DraftOrder } from './orders.js';
import { MIMIC_CONDITIONS, mimicWarnings } from '../../assess/mimics.js';
import type { ConditionId, DrugId } from '../../history/vocabularies.js';
import { msScope } from '../../assess/index.js';
import { sourceConditions, sourceMsScope } from '../../fhir/source-scope.js';
import { PreconditionFailed, gatherRecord } from './prefetch.js';
import { CdsRequestSchema, FeedbackSchema, type CdsRequest } from './schemas.js';
import { CDS_SERVICES, PREFETCH, discovery, type CdsServiceDefinition } from './services.js';
import { ASSESSABLE_DRUGS } from '../../drugs/index.js';

const ASSESSED: readonly AssessDrug[] = ASSESSABLE_DRUGS;

function ehrActor(ehr: EhrIdentity): string {
  return `ehr:${ehr.iss}${ehr.sub ? `#${ehr.sub}` : ''}`;
}

/** Per-app state of the CDS services: the journal and the hot-path caches. */
interface CdsState {
  journal: CdsJournal;
  versions: Lru<string, { hash: string; version: number }>;
  assessments: Lru<string, { id: string; result: Assessment }>;
  /** Prefetch already mapped and validated on a day: the same bytes give the same history. */
  records: Lru<
    string,
    {
      history: History;
      report: MappingReportEntry[];
      hash: string;
      msInSource: boolean;
      resolve: (reference: string) => Record<string, unknown> | undefined;
      mimics: ConditionId[];
    }
  >;
  settings: ClinicSettings;
  /** Other processes write to the same database: per-process knowledge of current versions is not kept. */
  shared: boolean;
}

export function registerCdsRoutes(app: App, ctx: AppContext): void {
  // With PostgreSQL, several servers may share the database (docs/operations.md): the jti registry is
  // the database's, and the version cache is not used (another process may have written a version).
  const shared = ctx.db.kind === 'postgres';
  const verifier = jwtVerifier(ctx.config.cdsIssuers, shared ? databaseReplayGuard(ctx.db) : memoryReplayGuard());
  const state: CdsState = {
    journal: new CdsJournal(ctx.db),
    versions: new Lru(5_000),
    assessments: new Lru(10_000),
    records: new Lru(2_000),
    settings: settingsFromEnv(),
    shared,
  };
  (ctx.patientListeners ??= []).push((id) => state.versions.delete(id));
  const base = () => (ctx.config.publicUrl ?? '').replace(/\/$/, '');

  // Browser-based CDS clients (the CDS Hooks sandbox) call across origins (cors.ts).
  app.use('/cds-services', cdsCors);
  app.use('/cds-services/*', cdsCors);

  app.get('/cds-services', (c) => c.json(discovery()));

  /** The JWT's aud must name this endpoint: as configured publicly, or as this request reached us. */
  const authenticate = async (c: Ctx, path: string): Promise<EhrIdentity> => {
    const here = new URL(c.req.url);
    const audiences = [...new Set([`${base()}${path}`, `${here.origin}${path}`])];
    try {
      const ehr = await verifier.verify(c.req.header('authorization'), audiences, ctx.clock.now());
      c.set('user', { name: ehrActor(ehr), role: 'clinician', subject: ehrActor(ehr) });
      return ehr;
    } catch (e) {
      if (e instanceof CdsAuthError) throw unauthorized(e.message);
      throw e;
    }
  };

  const serviceOf = (id: string): CdsServiceDefinition => {
    const s = CDS_SERVICES.find((x) => x.id === id);
    if (!s) throw notFound(`CDS service ${id}`);
    return s;
  };

  app.post('/cds-services/:id', async (c) => {
    const svc = serviceOf(c.req.param('id'));
    // From here this call is expected in the journal: a commit starting meanwhile waits for it.
    const arrived = state.journal.expect();
    try {
      const ehr = await authenticate(c, `/cds-services/${svc.id}`);
      const req = await readBody(c, CdsRequestSchema);
      if (req.hook !== svc.hook)
        throw new HttpError(400, [
          { severity: 'error', code: 'invalid', diagnostics: `service ${svc.id} answers ${svc.hook}, not ${req.hook}`, expression: ['$.hook'] },
        ]);
      const cards = await answer(c, ctx, state, svc, req, ehr, base(), arrived);
      return c.json({ cards });
    } finally {
      arrived();
    }
  });

  // What clinicians did with the cards, overrides and their reasons first of all: for the clinical
  // team reviewing the rules and for the auditor.
  app.get('/api/cds-feedback', requireRole('clinician', 'auditor'), audited(ctx), async (c) => {
    const serviceId = c.req.query('serviceId') || undefined;
    const items = await listFeedback(ctx.db, serviceId);
    c.var.audit.entry('cds.feedback.read', '/api/cds-feedback');
    return c.json({ items });
  });

  app.post('/cds-services/:id/feedback', audited(ctx), async (c) => {
    const svc = serviceOf(c.req.param('id'));
    const ehr = await authenticate(c, `/cds-services/${svc.id}/feedback`).catch(async (e) => {
      // Some clients sign feedback with the service's own URL as audience.
      if (e instanceof HttpError && e.status === 401 && /aud/.test(e.message)) return authenticate(c, `/cds-services/${svc.id}`);
      throw e;
    });
    const body = await readBody(c, FeedbackSchema);
    const actor = ehrActor(ehr);
    const at = ctx.clock.now();
    const recorded = await c.var.audit.transaction(async (tx) => {
      // Feedback reports what a user did with a card this service returned (CDS Hooks 2.0,
      // Feedback): a card this service never gave this EHR is refused, and nothing of the request
      // is stored. An unknown card and another EHR's look alike, so neither is disclosed.
      const cards = [];
      for (const f of body.feedback) cards.push(await findCard(tx, f.card));
      const unknown = cards.flatMap((card, i) => (card && card.issuer === ehr.iss && card.serviceId === svc.id ? [] : [i]));
      if (unknown.length > 0) {
        throw new HttpError(
          404,
          unknown.map((i) => ({
            severity: 'error',
            code: 'not-found',
            diagnostics: `$.feedback[${i}].card: service ${svc.id} returned no card ${body.feedback[i]!.card} to this EHR`,
            expression: [`$.feedback[${i}].card`],
          })),
        );
      }
      const items = [];
      for (const [i, f] of body.feedback.entries()) {
        const card = cards[i]!;
        const comment = f.overrideReason?.userComment;
        items.push({
          serviceId: svc.id,
          card: f.card,
          outcome: f.outcome,
          outcomeTimestamp: f.outcomeTimestamp,
          ...(f.overrideReason?.reason ? { overrideReason: f.overrideReason.reason } : {}),
          ...(comment ? { userComment: comment } : {}),
          ...(f.acceptedSuggestions ? { acceptedSuggestions: f.acceptedSuggestions } : {}),
          ...(card.assessmentId ? { assessmentId: card.assessmentId } : {}),
        });
        // The clinician's answer to the card becomes a decision on the assessment, as in the app:
        // an override with its reason, or accepting the advice; once per distinct answer (the spec
        // lets clients repeat feedback for one card).
        if (card.assessmentId) {
          const reasonText = [f.overrideReason?.reason?.display ?? f.overrideReason?.reason?.code, comment].filter(Boolean).join(': ');
          const decision =
            f.outcome === 'accepted'
              ? { decision: 'accept' as const }
              : reasonText
                ? { decision: 'override' as const, reason: `EHR override: ${reasonText}` }
                : undefined;
          if (decision) {
            const prior = await listDecisions(tx, card.assessmentId);
            const repeated = prior.some((d) => d.createdBy === actor && d.decision === decision.decision && d.reason === decision.reason);
            if (!repeated) await insertDecision(tx, { assessmentId: card.assessmentId, ...decision }, actor, at);
          }
        }
        c.var.audit.add({
          actor,
          role: 'ehr',
          action: `cds.feedback.${f.outcome}`,
          resource: `/cds-services/${svc.id}/feedback card ${f.card}`,
          ip: c.get('ip'),
          ...(card.patientId ? { patientId: card.patientId } : {}),
        });
      }
      return insertFeedback(tx, items, actor, at);
    });
    return c.json({ recorded });
  });
}

/** Assesses with the stored result when this exact input was assessed before (same version, rules, day). */
async function assessStored(
  ctx: AppContext,
  state: CdsState,
  history: History,
  version: number,
  drug: AssessDrug,
  asOf: string,
  actor: string,
  msInSource: boolean,
  unrecognised: UnrecognisedProblem[],
): Promise<{ id: string; result: Assessment }> {
  const label = ctx.config.cdsLabel ?? 'eu';
  const key = { patientId: history.id, historyVersion: version, rulesetVersion: RULESET_VERSION, asOf, drug, label };
  const cacheKey = [history.id, version, RULESET_VERSION, asOf, drug, label].join('\u0000');
  const cached = state.assessments.get(cacheKey);
  if (cached) return cached;
  const found = await findSameAssessment(ctx.db, key);
  const out =
    found ??
    (await insertAssessment(
      ctx.db,
      { ...key, result: assess(history, { drug, asOf: ctx.clock.today(), label, msInSource, ...(unrecognised.length > 0 ? { unrecognised } : {}) }) },
      actor,
      ctx.clock.now(),
    ));
  const entry = { id: out.id, result: out.result };
  state.assessments.set(cacheKey, entry);
  return entry;
}

const againstOrder = (a: Assessment) => a.verdict === 'advise-against' || a.verdict === 'contraindicated';

/** The therapies the comparison puts before the ordered one and that can be offered (nothing stored: the card names them only). */
function betterAlternatives(history: History, drug: AssessDrug, asOf: Day, label: LabelId, msInSource: boolean): { drug: AssessDrug; verdict: Verdict }[] {
  const c = compareTherapies(history, { asOf, label, msInSource });
  return betterFitting(c, drug).map((d) => ({ drug: d, verdict: c.assessments[c.order.indexOf(d)]!.verdict }));
}

function unreadableSection(entries: readonly MappingReportEntry[]): string {
  return [
    `**Left out: ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} of the record could not be read** (the rest was assessed)`,
    ...entries.slice(0, 20).map((e) => `- \`${e.path ?? e.resource}\`: ${e.reason.replace(/^unreadable, left out: /, '')}`),
  ].join('\n');
}

function unreadableCard(issues: readonly ValidationIssue[], uuid: string, sourceUrl: string): Card {
  return {
    uuid,
    summary: clip(`Fulcrum could not read this patient's record (${issues.length} problem${issues.length === 1 ? '' : 's'}): no assessment was made`),
    detail: ['The record has problems that must be fixed before any assessment:', '', ...issues.slice(0, 20).map((i) => `- \`${i.path}\`: ${i.message}`)].join(
      '\n',
    ),
    indicator: 'warning',
    source: { label: 'Fulcrum benefit-risk assessment', url: sourceUrl },
  };
}

async function answer(
  c: Ctx,
  ctx: AppContext,
  state: CdsState,
  svc: CdsServiceDefinition,
  req: CdsRequest,
  ehr: EhrIdentity,
  base: string,
  arrived: () => void,
): Promise<Card[]> {
  const actor = ehrActor(ehr);
  const audit = (patientId: string | undefined, detail: string): AuditEntry => ({
    actor,
    role: 'ehr',
    action: `cds.${svc.hook}`,
    resource: `/cds-services/${svc.id} ${detail}`,
    ip: c.get('ip'),
    ...(patientId ? { patientId } : {}),
  });
  // Out of scope (src/assess/scope.ts): no card, nothing stored about the patient, one audit entry
  // that says so without patient data (not even the id).
  const outOfScope = async (why: string): Promise<Card[]> => {
    await state.journal.record({ audit: audit(undefined, `out of scope: ${why}`), cards: [], at: ctx.clock.now() }, arrived);
    return [];
  };
  let orders: DraftOrder[] = [];
  let mimicDrugs: DrugId[] = [];
  if (svc.hook !== 'patient-view') {
    const selections = svc.hook === 'order-select' ? (req.context.selections ?? []) : undefined;
    orders = assessedOrders(req.context.draftOrders, selections);
    // Drugs reported to worsen an MS mimic (src/assess/mimics.ts), assessed by Fulcrum or not.
    mimicDrugs = mimicDrugOrders(req.context.draftOrders, selections);
    // Nothing this service assesses or warns about is being ordered: no patient data is read, nothing to say.
    if (orders.length === 0 && mimicDrugs.length === 0) return [];
    // A product licensed for another disease (Campath), or an order whose stated reason is another
    // disease (prostate cancer, leukaemia): not an MS order.
    const inOrders = resourceResolver(req.context.draftOrders);
    orders = orders.filter((o) => !o.otherProduct && orderReason(o.resource, inOrders) !== 'other');
    if (orders.length === 0 && mimicDrugs.length === 0) return outOfScope('the order is for another disease or product');
  }
  // Outside MS, the one thing to say: an ordered drug reported to worsen a mimic the record holds.
  // The card is journalled without the patient's id, as the out-of-scope entry is.
  const outsideMs = async (mimics: readonly ConditionId[]): Promise<Card[]> => {
    const warnings = mimics.length === 0 ? [] : mimicDrugs.flatMap((d) => mimicWarnings(mimics, d));
    if (warnings.length === 0) return outOfScope('no MS diagnosis recorded');
    const cards = warnings.map((w) => mimicCard(w, randomUUID(), `${base}/`));
    await state.journal.record(
      {
        audit: audit(undefined, `out of scope: MS mimic warning (${warnings.map((w) => `${w.drug} in ${w.condition}`).join(', ')})`),
        cards: cards.map((card, i) => ({
          uuid: card.uuid,
          serviceId: svc.id,
          hookInstance: req.hookInstance,
          indicator: card.indicator,
          issuer: ehr.iss,
          drug: warnings[i]!.drug,
        })),
        at: ctx.clock.now(),
      },
      arrived,
    );
    return cards;
  };

  const asOf = ctx.clock.today();
  const sourceUrl = `${base}/`;
  const complete = req.prefetch !== undefined && Object.keys(PREFETCH).every((k) => k in req.prefetch!);
  const recordKey = complete ? `${formatDay(asOf)}\u0000${createHash('sha256').update(JSON.stringify(req.prefetch)).digest('base64')}` : undefined;
  let record = recordKey ? state.records.get(recordKey) : undefined;
  if (!record) {
    let bundle;
    try {
      bundle = await gatherRecord(req.context, req.prefetch as Record<string, unknown> | undefined, {
        ...(req.fhirServer ? { fhirServer: req.fhirServer } : {}),
        ...(req.fhirAuthorization ? { accessToken: req.fhirAuthorization.access_token } : {}),
      });
    } catch (e) {
      if (e instanceof PreconditionFailed) throw new HttpError(412, [{ severity: 'error', code: 'processing', diagnostics: e.message }]);
      throw e;
    }
    // A record with no MS Condition is not read any further, even if it has problems.
    const sourceScope = sourceMsScope(bundle);
    const mimics = sourceConditions(bundle, MIMIC_CONDITIONS);
    if (sourceScope === undefined) return outsideMs(mimics);
    // With the date, an event after today is reported at its place in the EHR's resources (where it
    // can be fixed), not at a path in the history the EHR never sees.
    const mapped = bundleToHistory(bundle, { asOf, strict: ctx.config.fhirStrict === true });
    const checked = mapped.ok ? validateHistory(mapped.history, { asOf }) : undefined;
    if (!mapped.ok || !checked?.ok) {
      const issues = !mapped.ok ? mapped.issues : checked && !checked.ok ? checked.issues : [];
      const card = unreadableCard(issues, randomUUID(), sourceUrl);
      await state.journal.record(
        {
          audit: audit(req.context.patientId, 'record unreadable'),
          cards: [
            {
              uuid: card.uuid,
              serviceId: svc.id,
              hookInstance: req.hookInstance,
              patientId: req.context.patientId,
              indicator: card.indicator,
              issuer: ehr.iss,
            },
          ],
          at: ctx.clock.now(),
        },
        arrived,
      );
      return [card];
    }
    record = {
      history: checked.history,
      report: mapped.report,
      hash: contentHash(checked.history),
      msInSource: sourceScope === 'ms',
      resolve: resourceResolver(bundle, 'Condition'),
      mimics,
    };
    if (recordKey) state.records.set(recordKey, record);
  }
  const { history, hash, msInSource } = record;
  if (orders.length > 0) {
    // A reason given by reference names a Condition of the record (or of the draft orders).
    const inOrders = resourceResolver(req.context.draftOrders);
    const resolve = record.resolve;
    orders = orders.filter((o) => orderReason(o.resource, (ref) => inOrders(ref) ?? resolve(ref)) !== 'other');
    if (orders.length === 0 && mimicDrugs.length === 0) return outOfScope('the order is for another disease or product');
  }
  // In scope for the drugs at hand (a CIS is for some labels only), before anything is stored.
  const label = ctx.config.cdsLabel ?? 'eu';
  const inScope = (drug: AssessDrug) => msScope(history, drug, label, msInSource).inScope;
  const drugsHere = svc.hook === 'patient-view' ? ASSESSED.filter(inScope) : [];
  if (svc.hook === 'patient-view' ? drugsHere.length === 0 : !orders.some((o) => inScope(o.drug))) {
    // An MS patient for whom only drugs Fulcrum does not assess are ordered: nothing to say, nothing stored.
    if (svc.hook !== 'patient-view' && orders.length === 0 && ASSESSED.some((d) => msScope(history, d, label, msInSource).inScope)) return [];
    return outsideMs(record.mimics);
  }
  let version = state.versions.get(history.id)?.hash === hash ? state.versions.get(history.id)!.version : undefined;
  if (version === undefined) {
    const report = record.report;
    version = (await ctx.db.transaction((tx) => ensureCurrentHistory(tx, history, report, actor, ctx.clock.now()))).version;
    if (!state.shared) state.versions.set(history.id, { hash, version });
  }
  const asOfText = formatDay(asOf);
  const appPatient = `${base}/app/#/patients/${encodeURIComponent(history.id)}`;
  const cards: Card[] = [];
  const issued: IssuedCard[] = [];
  // Entries of the record that could not be read were left out: every card that assesses says which.
  const leftOut = record.report.filter((e) => e.status === 'unreadable');
  const issue = (card: Card, extra: Partial<IssuedCard> = {}) => {
    if (leftOut.length > 0 && (extra.assessmentId !== undefined || svc.hook === 'patient-view'))
      card = { ...card, detail: `${card.detail}\n\n${unreadableSection(leftOut)}` };
    cards.push(card);
    issued.push({
      uuid: card.uuid,
      serviceId: svc.id,
      hookInstance: req.hookInstance,
      patientId: history.id,
      indicator: card.indicator,
      issuer: ehr.iss,
      ...extra,
    });
  };

  if (svc.hook === 'patient-view') {
    const stored = [];
    for (const drug of drugsHere)
      stored.push(await assessStored(ctx, state, history, version, drug, asOfText, actor, msInSource, unrecognisedOf(record.report)));
    issue(
      standingCard(
        stored.map((s) => s.result),
        randomUUID(),
        `${appPatient}/assessment`,
        sourceUrl,
      ),
    );
    // Results recorded in Fulcrum and alerts already acknowledged there count as well as the EHR's.
    const [results, acknowledgements] = await Promise.all([resultsOf(ctx.db, history.id), acknowledgementsOf(ctx.db, history.id)]);
    // Monitoring counts days in the clinic's time zone, as the monitoring routes do.
    const tz = state.settings.timeZone;
    const clinicToday = tz === 'UTC' ? asOf : dayInTimeZone(ctx.clock.now(), tz);
    const m = monitorPatient({ history, asOf: clinicToday, results, acknowledgements, settings: state.settings });
    const mc = monitoringCard(m, randomUUID(), `${appPatient}/monitoring`, sourceUrl);
    if (mc) issue(mc);
  } else {
    const seen = new Set<AssessDrug>();
    for (const o of orders) {
      if (seen.has(o.drug) || !inScope(o.drug)) continue;
      seen.add(o.drug);
      const s = await assessStored(ctx, state, history, version, o.drug, asOfText, actor, msInSource, unrecognisedOf(record.report));
      const alternatives = againstOrder(s.result) ? betterAlternatives(history, o.drug, asOf, s.result.label, msInSource) : [];
      const card = orderCard({
        assessment: s.result,
        ...(alternatives.length > 0 ? { alternatives: { drugs: alternatives, link: `${appPatient}/compare` } } : {}),
        cardUuid: randomUUID(),
        suggestionUuid: randomUUID(),
        ...(o.reference ? { orderReference: o.reference } : {}),
        appLink: `${appPatient}/assessment?assessment=${encodeURIComponent(s.id)}`,
        sourceUrl,
      });
      issue(card, { assessmentId: s.id, drug: o.drug });
    }
  }
  await state.journal.record({ audit: audit(history.id, `version ${version}`), cards: issued, at: ctx.clock.now() }, arrived);
  return cards;
}

import { assess, NoLetterError, patientLetter, RULESET_VERSION, type Assessment } from '../../assess/index.js';
import { formatDay, parseDay } from '../../history/dates.js';
import { validateHistory } from '../../history/validate.js';
import { getAssessment, insertAssessment, insertDecision, listAssessments, listDecisions, type AssessmentRecord } from '../../store/assessments.js';
import { canonicalJson, getPatient } from '../../store/histories.js';
import { may } from '../auth.js';
import { readBody } from '../body.js';
import { audited } from '../audit.js';
import type { App, AppContext } from '../context.js';
import { HttpError, badRequest, invalid, notFound } from '../errors.js';
import { textToPdf } from '../pdf.js';
import { AssessRequestSchema, DecisionRequestSchema } from '../schemas.js';
import type { AssessDrug, LabelId } from '../../drugs/index.js';
import { unrecognisedOf, type MappingReportEntry } from '../../fhir/outcome.js';

/** Runs the engine on a stored history version: the same inputs always give the same result. */
export function runAssessment(
  history: Parameters<typeof assess>[0],
  drug: AssessDrug,
  asOfText: string,
  label: LabelId,
  report?: readonly MappingReportEntry[],
): Assessment {
  const asOf = parseDay(asOfText);
  if (asOf === undefined) throw badRequest(`asOf must be a date YYYY-MM-DD, not "${asOfText}"`, '$.asOf');
  // Problems of the FHIR record the mapping did not recognise, kept with the stored version.
  const unrecognised = unrecognisedOf(report);
  return assess(history, { drug, asOf, label, ...(unrecognised.length > 0 ? { unrecognised } : {}) });
}

/** Which top-level parts of two results differ (for the re-run check). */
function differences(a: unknown, b: unknown): string[] {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
  return keys.filter((k) => canonicalJson(x[k]) !== canonicalJson(y[k])).map((k) => `$.${k}`);
}

export function registerAssessmentRoutes(app: App, ctx: AppContext): void {
  const load = async (aid: string): Promise<AssessmentRecord> => {
    const a = await getAssessment(ctx.db, aid);
    if (!a) throw notFound(`assessment ${aid}`);
    return a;
  };

  app.post('/api/patients/:id/assessments', may.runAssessments, audited(ctx), async (c) => {
    const id = c.req.param('id');
    const body = await readBody(c, AssessRequestSchema);
    const today = ctx.clock.today();
    const asOfText = body.asOf ?? formatDay(today);
    if (parseDay(asOfText)! > today) throw badRequest(`asOf ${asOfText} is in the future`, '$.asOf');
    const p = await getPatient(ctx.db, id);
    if (!p) throw notFound(`patient ${id}`);
    // An assessment as of an earlier date must not see what happened after it.
    const v = validateHistory(p.history, { asOf: parseDay(asOfText)! });
    if (!v.ok) {
      throw new HttpError(400, [
        { severity: 'error', code: 'invalid', diagnostics: `the history has events after asOf ${asOfText}: assess as of a later date`, expression: ['$.asOf'] },
        ...invalid(v.issues).issues,
      ]);
    }
    const label = body.label ?? 'eu';
    const result = runAssessment(p.history, body.drug, asOfText, label, p.mappingReport);
    const user = c.get('user');
    const record = await c.var.audit.transaction(async (tx) => {
      const r = await insertAssessment(
        tx,
        { patientId: id, historyVersion: p.version, rulesetVersion: result.rulesetVersion, asOf: asOfText, drug: body.drug, label, result },
        user.name,
        ctx.clock.now(),
      );
      c.var.audit.entry('assessment.run', `/api/assessments/${r.id}`, id);
      return r;
    });
    c.header('Location', `/api/assessments/${record.id}`);
    return c.json(record, 201);
  });

  app.get('/api/patients/:id/assessments', may.readPatients, audited(ctx), async (c) => {
    const id = c.req.param('id');
    if (!(await getPatient(ctx.db, id))) throw notFound(`patient ${id}`);
    const items = await listAssessments(ctx.db, id);
    c.var.audit.entry('assessment.list', `/api/patients/${id}/assessments`, id);
    return c.json({ items });
  });

  app.get('/api/assessments/:aid', may.readPatients, audited(ctx), async (c) => {
    const a = await load(c.req.param('aid'));
    c.var.audit.entry('assessment.read', `/api/assessments/${a.id}`, a.patientId);
    return c.json(a);
  });

  // Re-runs the stored input (history version, asOf, label) and compares: an assessment is
  // reproducible as long as the ruleset version is the same.
  app.get('/api/assessments/:aid/verify', may.readPatients, audited(ctx), async (c) => {
    const a = await load(c.req.param('aid'));
    const p = await getPatient(ctx.db, a.patientId, a.historyVersion);
    if (!p) throw notFound(`version ${a.historyVersion} of patient ${a.patientId}`);
    const again = runAssessment(p.history, a.drug, a.asOf, a.label, p.mappingReport);
    const diff = differences(a.result, again);
    c.var.audit.entry('assessment.verify', `/api/assessments/${a.id}`, a.patientId);
    return c.json({ identical: diff.length === 0, rulesetVersion: a.rulesetVersion, currentRulesetVersion: RULESET_VERSION, differences: diff });
  });

  const letterOf = async (a: AssessmentRecord) => {
    const p = await getPatient(ctx.db, a.patientId, a.historyVersion);
    if (!p) throw notFound(`version ${a.historyVersion} of patient ${a.patientId}`);
    // A not-applicable assessment (no MS diagnosis recorded) weighed nothing: there is no letter.
    if (a.result.verdict === 'not-applicable')
      throw new HttpError(409, [{ severity: 'error', code: 'conflict', diagnostics: new NoLetterError(a.drug).message }]);
    return patientLetter(a.result, p.history);
  };

  app.get('/api/assessments/:aid/letter', may.readPatients, audited(ctx), async (c) => {
    const a = await load(c.req.param('aid'));
    const letter = await letterOf(a);
    c.var.audit.entry('letter.read', `/api/assessments/${a.id}/letter`, a.patientId);
    return c.json(letter);
  });

  app.get('/api/assessments/:aid/letter.pdf', may.readPatients, audited(ctx), async (c) => {
    const a = await load(c.req.param('aid'));
    const letter = await letterOf(a);
    c.var.audit.entry('letter.read', `/api/assessments/${a.id}/letter.pdf`, a.patientId);
    const pdf = textToPdf(letter.text, `About ${a.drug}`);
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="letter-${a.drug}-${a.asOf}.pdf"`,
    });
  });

  app.post('/api/assessments/:aid/decision', may.decide, audited(ctx), async (c) => {
    const a = await load(c.req.param('aid'));
    const body = await readBody(c, DecisionRequestSchema);
    if (body.decision === 'override' && !body.reason) throw badRequest('an override needs its reason', '$.reason');
    const user = c.get('user');
    const d = await c.var.audit.transaction(async (tx) => {
      const r = await insertDecision(
        tx,
        {
          assessmentId: a.id,
          decision: body.decision,
          ...(body.reason ? { reason: body.reason } : {}),
          ...(body.patientPreference ? { patientPreference: body.patientPreference } : {}),
        },
        user.name,
        ctx.clock.now(),
      );
      c.var.audit.entry(`decision.${body.decision}`, `/api/assessments/${a.id}/decisions/${r.id}`, a.patientId);
      return r;
    });
    return c.json(d, 201);
  });

  app.get('/api/assessments/:aid/decisions', may.readPatients, audited(ctx), async (c) => {
    const a = await load(c.req.param('aid'));
    const items = await listDecisions(ctx.db, a.id);
    c.var.audit.entry('decision.list', `/api/assessments/${a.id}/decisions`, a.patientId);
    return c.json({ items });
  });
}

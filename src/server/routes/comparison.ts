import { compareTherapies } from '../../assess/compare.js';
import { formatDay, parseDay } from '../../history/dates.js';
import { validateHistory } from '../../history/validate.js';
import { getPatient } from '../../store/histories.js';
import { may } from '../auth.js';
import { readBody } from '../body.js';
import { auditFor, type App, type AppContext } from '../context.js';
import { HttpError, badRequest, invalid, notFound } from '../errors.js';
import { CompareRequestSchema } from '../schemas.js';

// Every therapy weighed for one patient, side by side (src/assess/compare.ts). Nothing is stored but
// the audit entry: each column is what `POST /assessments` would give for that drug, and a decision
// is made on, and stored with, the assessment of the chosen drug.

export function registerComparisonRoutes(app: App, ctx: AppContext): void {
  app.post('/api/patients/:id/comparison', may.readPatients, async (c) => {
    const id = c.req.param('id');
    const body = await readBody(c, CompareRequestSchema);
    const today = ctx.clock.today();
    const asOfText = body.asOf ?? formatDay(today);
    const asOf = parseDay(asOfText)!;
    if (asOf > today) throw badRequest(`asOf ${asOfText} is in the future`, '$.asOf');
    const p = await getPatient(ctx.db, id);
    if (!p) throw notFound(`patient ${id}`);
    const v = validateHistory(p.history, { asOf });
    if (!v.ok) {
      throw new HttpError(400, [
        {
          severity: 'error',
          code: 'invalid',
          diagnostics: `the history has events after asOf ${asOfText}: compare as of a later date`,
          expression: ['$.asOf'],
        },
        ...invalid(v.issues).issues,
      ]);
    }
    const label = body.label ?? 'eu';
    const comparison = compareTherapies(p.history, { asOf, label, ...(body.drugs ? { drugs: body.drugs } : {}) });
    await ctx.audit.record(auditFor(c, 'comparison.run', `/api/patients/${id}/comparison`, id));
    return c.json({ patientId: id, historyVersion: p.version, ...comparison, asOf: asOfText });
  });
}

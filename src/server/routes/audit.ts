import { parseDay } from '../../history/dates.js';
import { queryAudit } from '../../store/audit.js';
import { may } from '../auth.js';
import { intParam } from '../body.js';
import { audited } from '../audit.js';
import type { App, AppContext, Ctx } from '../context.js';
import { badRequest } from '../errors.js';

/** A bound as a timestamp; a bare date `to` includes that whole day. */
function bound(c: Ctx, name: 'from' | 'to'): string | undefined {
  const v = c.req.query(name);
  if (v === undefined || v === '') return undefined;
  const day = parseDay(v);
  if (day !== undefined) return name === 'from' ? `${v}T00:00:00.000Z` : `${v}T23:59:59.999Z`;
  if (Number.isNaN(Date.parse(v))) throw badRequest(`${name} must be a date YYYY-MM-DD or an ISO timestamp`, name);
  return new Date(v).toISOString();
}

export function registerAuditRoutes(app: App, ctx: AppContext): void {
  app.get('/api/audit', may.readAudit, audited(ctx), async (c) => {
    const from = bound(c, 'from');
    const to = bound(c, 'to');
    const patientId = c.req.query('patientId') || undefined;
    const actor = c.req.query('actor') || undefined;
    const items = await queryAudit(ctx.db, {
      ...(patientId ? { patientId } : {}),
      ...(actor ? { actor } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      limit: intParam(c, 'limit', 100, 1, 10_000),
    });
    // Reading the audit log is itself recorded: an auditor's queries are auditable too.
    c.var.audit.entry('audit.read', '/api/audit', patientId);
    return c.json({ items });
  });
}

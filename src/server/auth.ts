import type { MiddlewareHandler } from 'hono';
import type { Db } from '../store/db.js';
import { findToken } from '../store/tokens.js';
import type { AppEnv, Role } from './context.js';
import { forbidden, unauthorized } from './errors.js';

/** `Authorization: Bearer <token>` against the hashed tokens; sets `c.get('user')` or answers 401. */
export function bearerAuth(db: Db): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!m) throw unauthorized('an Authorization: Bearer token is required (issue one with `fulcrum token issue`)');
    const found = await findToken(db, m[1]!);
    if (!found) throw unauthorized('the bearer token is unknown or revoked');
    c.set('user', { name: found.name, role: found.role, subject: found.id });
    await next();
  };
}

/** Lets only these roles through (admin always); 403 names the roles that may. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set<Role>(['admin', ...roles]);
  return async (c, next) => {
    const user = c.get('user');
    if (!allowed.has(user.role)) throw forbidden(`role ${user.role} may not do this; allowed: ${[...allowed].join(', ')}`);
    await next();
  };
}

/** Who may do what (docs/api.md); route modules use these names rather than repeating role lists. */
export const may = {
  readPatients: requireRole('clinician', 'nurse'),
  writePatients: requireRole('clinician'),
  runAssessments: requireRole('clinician'),
  decide: requireRole('clinician'),
  readAudit: requireRole('auditor'),
  admin: requireRole(),
};

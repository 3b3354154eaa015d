import { z } from 'zod';
import { TOKEN_ROLES, issueToken, listTokens, revokeToken } from '../../store/tokens.js';
import { may } from '../auth.js';
import { readBody } from '../body.js';
import { audited } from '../audit.js';
import type { App, AppContext } from '../context.js';
import { notFound } from '../errors.js';

export const IssueTokenSchema = z.strictObject({
  role: z.enum(TOKEN_ROLES),
  name: z.string().min(1).max(200),
});

export function registerSessionRoutes(app: App, ctx: AppContext): void {
  app.get('/api/me', (c) => {
    const u = c.get('user');
    return c.json({ name: u.name, role: u.role });
  });

  // Token administration (admin): the same as `fulcrum token issue`, for a running server.
  app.get('/api/tokens', may.admin, async (c) => c.json({ items: await listTokens(ctx.db) }));
  // Issuing and revoking commit with their audit entry: who gave or took access, to whom, when.
  app.post('/api/tokens', may.admin, audited(ctx), async (c) => {
    const body = await readBody(c, IssueTokenSchema);
    const { token, info } = await c.var.audit.transaction(async (tx) => {
      const issued = await issueToken(tx, body.role, body.name, c.get('user').name, ctx.clock.now());
      c.var.audit.entry('token.issue', `/api/tokens/${issued.info.id}`);
      return issued;
    });
    return c.json({ token, ...info }, 201);
  });
  app.delete('/api/tokens/:tokenId', may.admin, audited(ctx), async (c) => {
    const id = c.req.param('tokenId');
    const revoked = await c.var.audit.transaction(async (tx) => {
      if (!(await revokeToken(tx, id, ctx.clock.now()))) return false;
      c.var.audit.entry('token.revoke', `/api/tokens/${id}`);
      return true;
    });
    if (!revoked) throw notFound('live token');
    return c.body(null, 204);
  });
}

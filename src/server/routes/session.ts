import { z } from 'zod';
import { TOKEN_ROLES, issueToken, listTokens, revokeToken } from '../../store/tokens.js';
import { may } from '../auth.js';
import { readBody } from '../body.js';
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
  app.post('/api/tokens', may.admin, async (c) => {
    const body = await readBody(c, IssueTokenSchema);
    const { token, info } = await issueToken(ctx.db, body.role, body.name, c.get('user').name, ctx.clock.now());
    return c.json({ token, ...info }, 201);
  });
  app.delete('/api/tokens/:tokenId', may.admin, async (c) => {
    if (!(await revokeToken(ctx.db, c.req.param('tokenId'), ctx.clock.now()))) throw notFound('live token');
    return c.body(null, 204);
  });
}

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { App } from './context.js';

/** `web/dist` of this checkout or package: the same two levels up from src/server and dist/server. */
export const DEFAULT_WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

/**
 * The web app's built files, open without a token (they hold no patient data; the app asks for a
 * token and the API checks it). `/` and `/app/*` fall back to index.html so client routes reload.
 */
export function registerStatic(app: App, root: string | undefined): void {
  if (!root || !existsSync(join(root, 'index.html'))) return;
  const files = serveStatic({ root });
  const appFiles = serveStatic({ root, rewriteRequestPath: (p) => p.replace(/^\/app(?=\/|$)/, '') || '/' });
  const index = serveStatic({ root, path: 'index.html' });
  app.get('/', index);
  app.get('/app', index);
  app.get('/app/*', appFiles, index);
  app.get('*', async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (path.startsWith('/api/') || path.startsWith('/cds-services')) return next();
    return files(c, next);
  });
}

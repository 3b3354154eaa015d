import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { getConnInfo } from '@hono/node-server/conninfo';
import { bearerAuth } from './auth.js';
import { limitBody } from './body-limit.js';
import type { App, AppContext, AuthUser, Ctx } from './context.js';
import type { AuditEntry } from '../store/audit.js';
import { isPatientId } from '../history/ids.js';
import { RefusalLimiter } from './refusals.js';
import { HttpError, outcome } from './errors.js';
import { registerCdsRoutes } from './cds/routes.js';
import { registerAssessmentRoutes } from './routes/assessments.js';
import { registerComparisonRoutes } from './routes/comparison.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerBackupRoutes } from './routes/backup.js';
import { registerMonitorRoutes } from './routes/monitor.js';
import { registerPatientRoutes } from './routes/patients.js';
import { registerSessionRoutes } from './routes/session.js';
import { registerStatic } from './static.js';
import { openApiDocument } from './openapi.js';
import { patientIdParam, urlText } from './params.js';

export interface Logger {
  info(line: string): void;
  error(line: string): void;
}

/** Default limit for CDS Hooks request bodies (prefetch included). */
export const DEFAULT_MAX_CDS_BODY_BYTES = 32 * 1024 * 1024;

export const silentLogger: Logger = { info: () => undefined, error: () => undefined };

function clientIp(c: Ctx): string {
  try {
    return getConnInfo(c as unknown as Parameters<typeof getConnInfo>[0]).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'local';
  }
}

/**
 * The whole HTTP surface. Logs carry method, route pattern (`/api/patients/:id`, never the id), status
 * and time: no patient data reaches a log.
 */
export async function createApp(ctx: AppContext, log: Logger = silentLogger): Promise<App> {
  const app: App = new Hono();

  app.use('*', async (c, next) => {
    const start = performance.now();
    // The audit log's "from where": the socket's peer, or the proxy's record of the client.
    const forwarded = ctx.config.trustProxy ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
    c.set('ip', forwarded || clientIp(c));
    await next();
    log.info(`${c.req.method} ${c.req.routePath} ${c.res.status} ${(performance.now() - start).toFixed(1)}ms`);
  });

  // A strict Content-Security-Policy: the app's own scripts, styles and API only; no inline script,
  // no eval, no plugin, no framing, and data: only for images (the favicon). A script injected
  // through patient text could not run, nor send what it read anywhere but this server.
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        manifestSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
      },
    }),
  );
  // Patient data must not linger in browser or proxy caches. Set on the finished response's headers:
  // c.header() after next() would copy the response through a streamed WHATWG Response.
  const noStore = async (c: Ctx, next: () => Promise<void>) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  };
  app.use('/api/*', noStore);
  app.use('/cds-services/*', noStore);

  const refusals = new RefusalLimiter();
  /** A refused attempt goes to the audit log (rate-limited); a failing write must not turn a 401 into a 500. */
  const auditRefusal = async (c: Ctx, status: 401 | 403) => {
    const user = c.get('user') as AuthUser | undefined;
    const path = new URL(c.req.url).pathname;
    const patientId = /^\/api\/patients\/([^/]+)/.exec(path)?.[1];
    const entry: AuditEntry = {
      actor: status === 403 && user ? user.name : 'anonymous',
      role: status === 403 && user ? user.role : 'none',
      action: status === 401 ? 'access.unauthenticated' : 'access.forbidden',
      resource: `${c.req.method} ${path.slice(0, 200)}`,
      ip: c.get('ip') ?? 'unknown',
      ...(patientId !== undefined && isPatientId(patientId) ? { patientId } : {}),
    };
    const now = ctx.clock.now();
    const entries = refusals.admit(entry, now.getTime());
    if (entries.length > 0) await ctx.audit.recordAll(entries).catch((err: unknown) => log.error(`audit of a refused request failed: ${(err as Error).name}`));
  };

  app.onError(async (e, c) => {
    if (e instanceof HttpError) {
      if (e.status === 401 || e.status === 403) await auditRefusal(c, e.status);
      for (const [k, v] of Object.entries(e.headers)) c.header(k, v);
      return c.json(outcome(e.issues), e.status);
    }
    // The message may quote patient data (a driver echoing a value); log only the kind and where.
    log.error(`internal error on ${c.req.method} ${c.req.routePath}: ${e.name} ${(e.stack ?? '').split('\n').slice(1, 4).join(' | ')}`);
    return c.json(outcome([{ severity: 'fatal', code: 'exception', diagnostics: 'internal error; the server log has the details' }]), 500);
  });

  app.notFound((c) => c.json(outcome([{ severity: 'error', code: 'not-found', diagnostics: `no route ${c.req.method} ${new URL(c.req.url).pathname}` }]), 404));

  app.use('*', urlText);
  app.use('/api/*', limitBody(ctx.config.maxBodyBytes));
  // A CDS call carries the EHR's prefetched record: years of observations are larger than an API edit.
  app.use('/cds-services/*', limitBody(ctx.config.maxCdsBodyBytes ?? DEFAULT_MAX_CDS_BODY_BYTES));

  let openapi: unknown;
  app.get('/openapi.json', (c) => c.json((openapi ??= openApiDocument())));

  app.get('/health', async (c) => {
    await ctx.db.query('SELECT 1');
    return c.json({ status: 'ok', database: ctx.db.kind });
  });

  // Every /api route is registered after this guard (hono runs handlers in registration order).
  app.use('/api/*', bearerAuth(ctx.db));
  app.use('/api/patients/:id', patientIdParam);
  app.use('/api/patients/:id/*', patientIdParam);
  registerCdsRoutes(app, ctx);
  registerSessionRoutes(app, ctx);
  registerPatientRoutes(app, ctx);
  registerAssessmentRoutes(app, ctx);
  registerComparisonRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerBackupRoutes(app, ctx);
  registerMonitorRoutes(app, ctx);
  registerStatic(app, ctx.config.webRoot);
  return app;
}

import type { MiddlewareHandler } from 'hono';

// Browser-based CDS clients (the CDS Hooks sandbox) call across origins; auth is the bearer JWT,
// never a cookie, so any origin may ask. Written out rather than hono's cors(): that one sets its
// header on `c.res` before the handler runs, so the handler's response is then copied through a
// WHATWG Response and streamed out, which cost each CDS call more main-thread time than building its
// cards (bench/cds-hooks.ts profile). Same headers as before, set once the response exists.

const PREFLIGHT = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET,POST,OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization,Content-Type',
  Vary: 'Access-Control-Request-Headers',
};

export const cdsCors: MiddlewareHandler = async (c, next) => {
  if (c.req.method === 'OPTIONS') return c.body(null, 204, PREFLIGHT);
  await next();
  c.res.headers.set('Access-Control-Allow-Origin', '*');
};

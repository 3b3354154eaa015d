import type { MiddlewareHandler } from 'hono';
import { patientIdProblem } from '../history/ids.js';
import { textProblem } from '../history/text.js';
import type { AppEnv } from './context.js';
import { badRequest } from './errors.js';

// What arrives in the URL is checked before a handler reads it, as bodies are by their schemas: a
// NUL (PostgreSQL refuses it, a 500 once it reaches the driver), percent-encoding that is not UTF-8
// (a lone surrogate: stored as U+FFFD), and patient ids outside their syntax (src/history/ids.ts).

/** Refuses a path or query whose decoded text could not be stored or compared as sent. */
export const urlText: MiddlewareHandler<AppEnv> = async (c, next) => {
  const url = new URL(c.req.url);
  const segments = url.pathname.split('/');
  for (let i = 1; i < segments.length; i++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segments[i]!);
    } catch {
      throw badRequest(`path segment ${i} is not percent-encoded UTF-8`, `path[${i}]`);
    }
    const p = textProblem(decoded);
    if (p) throw badRequest(`path segment ${i} ${p}`, `path[${i}]`);
  }
  // URLSearchParams turns bad percent-encoding into U+FFFD, so the raw pairs are decoded here.
  for (const pair of url.search.slice(1).split('&')) {
    if (pair === '') continue;
    const [rawName = '', rawValue = ''] = pair.split(/=(.*)/s);
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      throw badRequest(`query parameter ${rawName.slice(0, 40)} is not percent-encoded UTF-8`, rawName.slice(0, 40));
    }
    const p = textProblem(name) ?? textProblem(value);
    if (p) throw badRequest(`query parameter ${JSON.stringify(name.replace(/\0/g, '').slice(0, 40))} ${p}`, name.replace(/\0/g, '').slice(0, 40));
  }
  await next();
};

/** A route's `:id` that is not a patient id is a 400 naming it, before any lookup. */
export const patientIdParam: MiddlewareHandler<AppEnv> = async (c, next) => {
  const id = c.req.param('id');
  if (id !== undefined) {
    const p = patientIdProblem(id);
    if (p) throw badRequest(`the patient id in the path ${p}`, 'id');
  }
  await next();
};

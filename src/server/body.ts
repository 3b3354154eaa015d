import type { z } from 'zod';
import { parseDay, type Day } from '../history/dates.js';
import { jsonPath } from '../history/validate.js';
import { unstorableStrings } from '../history/text.js';
import type { Ctx } from './context.js';
import { HttpError, badRequest } from './errors.js';

/** The request's JSON body; a body that is not JSON is a 400 saying so. */
export async function readJson(c: Ctx): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (type && !/json/i.test(type)) {
    throw new HttpError(415, [{ severity: 'error', code: 'not-supported', diagnostics: `send JSON (application/json or application/fhir+json), not ${type}` }]);
  }
  let text: string;
  try {
    // Fatal: bytes that are not UTF-8 would otherwise become U+FFFD, a silent change of the text.
    text = new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer());
  } catch {
    throw badRequest('the body is not valid UTF-8', '$');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw badRequest(`the body is not valid JSON: ${(e as Error).message}`, '$');
  }
  // Every string, whatever the schema: a NUL or a lone surrogate cannot be stored as sent.
  const bad = unstorableStrings(json);
  if (bad.length > 0) {
    throw new HttpError(
      400,
      bad.map((b) => {
        const path = jsonPath(b.path);
        return { severity: 'error' as const, code: 'invalid' as const, diagnostics: `${path}: ${b.message}`, expression: [path] };
      }),
    );
  }
  return json;
}

/** The body validated by a zod schema; every problem is reported at once, each with its field path. */
export async function readBody<S extends z.ZodType>(c: Ctx, schema: S): Promise<z.infer<S>> {
  const json = await readJson(c);
  const r = schema.safeParse(json);
  if (r.success) return r.data;
  throw new HttpError(
    400,
    r.error.issues.map((i) => {
      const path = jsonPath(i.path as (string | number)[]);
      return { severity: 'error' as const, code: 'invalid' as const, diagnostics: `${path}: ${i.message}`, expression: [path] };
    }),
  );
}

/** A query parameter that must be a whole number in a range. */
export function intParam(c: Ctx, name: string, fallback: number, min: number, max: number): number {
  const v = c.req.query(name);
  if (v === undefined || v === '') return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw badRequest(`${name} must be a whole number from ${min} to ${max}`, name);
  return Number(v);
}

/** `?asOf=YYYY-MM-DD`, or the server's today (the adapter's clock: the core never reads one). */
export function asOfParam(c: Ctx, today: Day): Day {
  const v = c.req.query('asOf');
  if (v === undefined || v === '') return today;
  const d = parseDay(v);
  if (d === undefined) throw badRequest(`asOf must be a date YYYY-MM-DD, not "${v}"`, 'asOf');
  return d;
}

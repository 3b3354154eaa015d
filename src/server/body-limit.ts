import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Ctx } from './context.js';
import { outcome } from './errors.js';

// Request size limits. hono's bodyLimit reads `c.req.raw.body`, which turns @hono/node-server's
// lightweight request into a full WHATWG Request with a web stream over the socket; reading a CDS
// call's body through that stream cost the server more than parsing its JSON (bench/cds-hooks.ts
// profile). A declared Content-Length binds: Node's HTTP parser delivers exactly that many bytes, so
// the header alone decides, and the body is then read straight from the socket. A request with
// neither Content-Length nor Transfer-Encoding has no body (RFC 9112, 6.3). Only a chunked body is
// counted as it streams in.

export function limitBody(maxSize: number): MiddlewareHandler {
  // The rest of the body is never read: the connection cannot be reused, so the client is told.
  const tooLarge = (c: Ctx) =>
    c.json(outcome([{ severity: 'error', code: 'too-long', diagnostics: `the request body is larger than ${maxSize} bytes` }]), 413, { connection: 'close' });
  const streamed = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    if (c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
    const length = c.req.header('content-length');
    if (length !== undefined && Number.parseInt(length, 10) > maxSize) return tooLarge(c);
    await next();
  };
}

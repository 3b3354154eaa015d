import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitBody } from './body-limit.js';

const LIMIT = 100;

/** A POST through a real socket: with Content-Length, or chunked (Transfer-Encoding) in the given pieces. */
function post(port: number, pieces: string[], chunked: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const total = pieces.join('');
    const req = request(
      {
        port,
        host: '127.0.0.1',
        method: 'POST',
        path: '/echo',
        headers: chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': Buffer.byteLength(total) },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    for (const p of pieces) req.write(p);
    req.end();
  });
}

describe('request body limit', () => {
  let server: ReturnType<typeof serve>;
  let port: number;
  beforeAll(async () => {
    const app = new Hono();
    app.use('*', limitBody(LIMIT));
    app.post('/echo', async (c) => c.text(await c.req.text()));
    app.get('/echo', (c) => c.text('no body'));
    server = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('reads a body of exactly the limit declared by Content-Length, and refuses one byte more with 413', async () => {
    const at = await post(port, ['é'.repeat(10), 'x'.repeat(LIMIT - 20)], false);
    expect(at).toEqual({ status: 200, body: 'é'.repeat(10) + 'x'.repeat(LIMIT - 20) });
    const over = await post(port, ['x'.repeat(LIMIT + 1)], false);
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body).issue[0]).toMatchObject({ code: 'too-long', diagnostics: `the request body is larger than ${LIMIT} bytes` });
  });

  it('counts a chunked body as it arrives: the limit is read, one byte more is refused', async () => {
    expect(await post(port, ['x'.repeat(40), 'y'.repeat(LIMIT - 40)], true)).toEqual({ status: 200, body: 'x'.repeat(40) + 'y'.repeat(LIMIT - 40) });
    const over = await post(port, ['x'.repeat(60), 'y'.repeat(LIMIT - 59)], true);
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body).issue[0].code).toBe('too-long');
  });

  it('lets a request without a body through', async () => {
    const r = await fetch(`http://127.0.0.1:${port}/echo`);
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('no body');
  });
});

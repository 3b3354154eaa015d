import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../start.js';

// Browser CDS clients (the CDS Hooks sandbox) preflight and then call from another origin.
describe('CDS Hooks cross-origin headers', () => {
  let s: RunningServer;
  beforeAll(async () => {
    s = await startServer({ port: 0, db: { dataDir: 'memory://' } });
  });
  afterAll(async () => s?.close());

  it('answers a preflight for a service and for discovery with 204 and what may be sent', async () => {
    for (const path of ['/cds-services/fulcrum-order-select', '/cds-services']) {
      const r = await fetch(s.url + path, {
        method: 'OPTIONS',
        headers: { origin: 'https://sandbox.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
      expect(r.status).toBe(204);
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
      expect(r.headers.get('access-control-allow-methods')).toBe('GET,POST,OPTIONS');
      expect(r.headers.get('access-control-allow-headers')).toBe('Authorization,Content-Type');
      expect(r.headers.get('vary')).toBe('Access-Control-Request-Headers');
    }
  });

  it('lets any origin read discovery and a refused call (no JWT), never cached, with the security headers', async () => {
    const disc = await fetch(`${s.url}/cds-services`, { headers: { origin: 'https://sandbox.example' } });
    expect(disc.status).toBe(200);
    expect(disc.headers.get('access-control-allow-origin')).toBe('*');
    expect((await disc.json()).services).toHaveLength(3);
    const refused = await fetch(`${s.url}/cds-services/fulcrum-order-select`, {
      method: 'POST',
      headers: { origin: 'https://sandbox.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await refused.json()).resourceType).toBe('OperationOutcome');
  });

  it('sends no cross-origin header outside CDS Hooks', async () => {
    const r = await fetch(`${s.url}/health`, { headers: { origin: 'https://sandbox.example' } });
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    await r.text();
  });
});

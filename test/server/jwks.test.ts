import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { history } from './fixtures.js';
import { ALEMTUZUMAB_CODING, EHR_ISSUER, EHR_PUBLIC_JWKS, draftOrders, prefetchFor, signEhrJwt } from './cds-helpers.js';

const NOW_S = Date.parse('2025-06-01T09:00:00Z') / 1000;

describe("an EHR's keys from its JWKS URL", () => {
  let jwksServer: Server;
  let s: TestServer;
  let fetched = 0;
  beforeAll(async () => {
    jwksServer = createServer((_req, res) => {
      fetched++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(EHR_PUBLIC_JWKS));
    });
    await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
    s = await startTestServer({ dataDir: 'memory://' }, { cdsIssuers: [{ iss: EHR_ISSUER, jwksUrl }] });
  });
  afterAll(async () => {
    await s?.close();
    await new Promise((r) => jwksServer?.close(r));
  });

  it('verifies calls against the keys fetched from the configured URL, fetching them once', async () => {
    const h = history('jwks-1');
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${s.url}/cds-services/fulcrum-order-select`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await signEhrJwt({ aud: `${s.url}/cds-services/fulcrum-order-select`, nowSeconds: NOW_S })}`,
        },
        body: JSON.stringify({
          hookInstance: randomUUID(),
          hook: 'order-select',
          context: {
            userId: 'Practitioner/1',
            patientId: h.id,
            selections: ['MedicationRequest/o1'],
            draftOrders: draftOrders(h.id, { id: 'o1', coding: ALEMTUZUMAB_CODING }),
          },
          prefetch: prefetchFor(h),
        }),
      });
      expect(r.status).toBe(200);
      expect((await r.json()).cards).toHaveLength(1);
    }
    expect(fetched).toBe(1);
  });
});

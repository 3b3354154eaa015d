import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { history } from './fixtures.js';

describe('where a request came from, for the audit log', () => {
  let direct: TestServer;
  let proxied: TestServer;
  beforeAll(async () => {
    direct = await startTestServer({ dataDir: 'memory://' });
    proxied = await startTestServer({ dataDir: 'memory://' }, { trustProxy: true });
  });
  afterAll(async () => {
    await direct?.close();
    await proxied?.close();
  });

  const ipOfCreate = async (s: TestServer, id: string) => {
    await s.call('clinician', '/api/patients', { method: 'POST', json: history(id), headers: { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' } });
    const { items } = await (await s.call('auditor', `/api/audit?patientId=${id}`)).json();
    return items[0].ip as string;
  };

  it('is the socket peer when no proxy is trusted: a client cannot write its own address into the log', async () => {
    expect(await ipOfCreate(direct, 'px-1')).toMatch(/127\.0\.0\.1/);
  });

  it("is the proxy's X-Forwarded-For client when the server is told it sits behind one", async () => {
    expect(await ipOfCreate(proxied, 'px-2')).toBe('203.0.113.7');
  });
});

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';

describe('the web app files', () => {
  let s: TestServer;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fulcrum-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Fulcrum</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    s = await startTestServer({ dataDir: 'memory://' }, { webRoot: dir });
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the app without a token at / and /app/, and its assets', async () => {
    for (const path of ['/', '/app', '/app/', '/app/anything/deeper']) {
      const r = await s.call(null, path);
      expect(r.status, path).toBe(200);
      expect(await r.text()).toContain('<title>Fulcrum</title>');
    }
    expect(await (await s.call(null, '/assets/app.js')).text()).toBe('console.log(1)');
    expect(await (await s.call(null, '/app/assets/app.js')).text()).toBe('console.log(1)');
  });

  it('still guards the API and answers unknown API routes as OperationOutcome, not with the app', async () => {
    expect((await s.call(null, '/api/patients')).status).toBe(401);
    const r = await s.call('nurse', '/api/nothing');
    expect(r.status).toBe(404);
    expect((await r.json()).resourceType).toBe('OperationOutcome');
  });

  it('does not serve files outside the app folder', async () => {
    const r = await fetch(`${s.url}/..%2f..%2fetc%2fpasswd`);
    expect(r.status).not.toBe(200);
  });
});

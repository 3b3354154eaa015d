import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_SKIP_REASON } from '../../store/postgres-hint.js';
import { inProcessApp, routeTestDatabases, type InProcessApp } from '../in-process.js';

// The backup route called in-process: admin only, and the backup holds the entry recording it.

if (!process.env.DATABASE_URL) describe('backup route on postgres', () => it.skip(POSTGRES_SKIP_REASON, () => {}));

describe.each(routeTestDatabases())('backup route on $name', ({ options }) => {
  let s: InProcessApp;
  beforeAll(async () => {
    s = await inProcessApp(options(), '2025-06-01');
  }, 180_000);
  afterAll(async () => s?.close());

  it('a clinician may not take a backup, and the refusal is recorded', async () => {
    expect((await s.call('clinician', '/api/backup')).status).toBe(403);
    expect(await s.audited('backup.read')).toEqual([]);
  });

  it('an admin gets JSON lines, a header then rows, and the backup holds its own audit entry', async () => {
    const r = await s.call('admin', '/api/backup');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/x-ndjson');
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="fulcrum-backup-2025-06-01.ndjson"');
    const lines = (await r.text())
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ format: 'fulcrum-backup', version: 1 });
    const audit = lines.filter((l) => l.table === 'audit_log').map((l) => l.row.action);
    expect(audit).toContain('backup.read');
    expect(audit).toContain('access.forbidden');
    expect(lines[0].tables.api_tokens).toBe(4);
  });
});

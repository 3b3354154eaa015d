import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from './db.js';
import { migrate } from './migrate.js';
import { templateFor, writeTemplate } from './pglite-template.js';

describe('the embedded database template', () => {
  it('a new data folder starts from it and works; an existing folder never does', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fulcrum-template-'));
    try {
      const template = await writeTemplate(join(dir, 'template.tar.gz'));
      const data = join(dir, 'data');
      expect(templateFor(data, template)).toBeInstanceOf(Blob);
      expect(templateFor(data, join(dir, 'absent.tar.gz'))).toBeUndefined();
      const { PGlite } = await import('@electric-sql/pglite');
      const pg = await PGlite.create(data, { loadDataDir: templateFor(data, template)! });
      await pg.close();
      expect(templateFor(data, template)).toBeUndefined();
      const db = await openDb({ dataDir: data });
      try {
        await migrate(db);
        expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_tokens')).rows).toEqual([{ n: 0 }]);
      } finally {
        await db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

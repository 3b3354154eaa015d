import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openDb, type Db } from './db.js';
import { migrate } from './migrate.js';
import { appendVersion, canonicalJson, contentHash, createPatient, ensureCurrentHistory, getPatient, listVersions } from './histories.js';
import type { History } from '../history/schema.js';

const base = (id: string, extra: Partial<History> = {}): History => ({ formatVersion: 1, id, sex: 'female', birthDate: '1980', ...extra }) as History;

describe('content hash of a history', () => {
  it('does not depend on key order, and does depend on every value', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 })), fc.string({ maxLength: 6 }), (obj, extraKey) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(contentHash(reversed)).toBe(contentHash(obj));
        const changed = { ...obj, [extraKey]: obj[extraKey] === 1 ? 2 : 1 };
        expect(contentHash(changed)).not.toBe(contentHash(obj));
      }),
    );
  });
});

describe('versioned histories (PGlite)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb({ dataDir: 'memory://' });
    await migrate(db);
  });
  afterAll(async () => db?.close());

  it('numbers versions 1..n without gaps whatever the sequence of writes, and never loses one', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('male', 'female', 'other'), { minLength: 1, maxLength: 6 }), async (sexes) => {
        const id = `prop-${run++}`;
        await createPatient(db, base(id), undefined, 'a', new Date());
        for (const sex of sexes) await appendVersion(db, id, base(id, { sex } as Partial<History>), undefined, 'b', new Date());
        const versions = await listVersions(db, id);
        expect(versions.map((v) => v.version)).toEqual(Array.from({ length: sexes.length + 1 }, (_, i) => i + 1));
        expect((await getPatient(db, id))!.history.sex).toBe(sexes.at(-1));
        expect((await getPatient(db, id, 1))!.history.sex).toBe('female');
      }),
      { numRuns: 15 },
    );
  });

  it('adds a version from the EHR only when its content differs from the current one', async () => {
    const h = base('ehr-1');
    expect(await db.transaction((tx) => ensureCurrentHistory(tx, h, undefined, 'ehr', new Date()))).toEqual({ version: 1, created: true });
    const reordered = JSON.parse(JSON.stringify({ birthDate: '1980', sex: 'female', id: 'ehr-1', formatVersion: 1 })) as History;
    expect(await db.transaction((tx) => ensureCurrentHistory(tx, reordered, undefined, 'ehr', new Date()))).toEqual({ version: 1, created: false });
    expect(await db.transaction((tx) => ensureCurrentHistory(tx, base('ehr-1', { sex: 'male' } as Partial<History>), undefined, 'ehr', new Date()))).toEqual({
      version: 2,
      created: true,
    });
  });

  it('refuses a stale expected version', async () => {
    await createPatient(db, base('stale-1'), undefined, 'a', new Date());
    await appendVersion(db, 'stale-1', base('stale-1'), undefined, 'a', new Date());
    await expect(appendVersion(db, 'stale-1', base('stale-1'), undefined, 'a', new Date(), 1)).rejects.toThrow(/current version is 2/);
  });
});

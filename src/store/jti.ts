import { createHash } from 'node:crypto';
import type { Queryable } from './db.js';

// The shared replay registry of CDS Hooks JWTs (migration 0003): one row per accepted jti until its
// token could no longer be accepted.

const keyOf = (issuer: string, jti: string) => createHash('sha256').update(issuer).update('\u0000').update(jti).digest('hex');

/**
 * Records the jti as used until `until`; false when it was used before and that use is still live.
 * One statement: two servers claiming one jti at once are ordered by the primary key, and only one
 * of them gets the row back.
 */
export async function claimJti(q: Queryable, issuer: string, jti: string, until: Date, now: Date): Promise<boolean> {
  const { rows } = await q.query(
    `INSERT INTO cds_jti (key, until) VALUES ($1, $2::timestamptz)
     ON CONFLICT (key) DO UPDATE SET until = EXCLUDED.until WHERE cds_jti.until < $3::timestamptz
     RETURNING key`,
    [keyOf(issuer, jti), until.toISOString(), now.toISOString()],
  );
  return rows.length > 0;
}

/** Forgets the jtis whose tokens have expired; returns how many. */
export async function sweepJtis(q: Queryable, now: Date): Promise<number> {
  const { rows } = await q.query('DELETE FROM cds_jti WHERE until < $1::timestamptz RETURNING key', [now.toISOString()]);
  return rows.length;
}

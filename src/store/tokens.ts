import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from './db.js';
import { decodeRows, text, timestamp } from './rows.js';

// Bearer tokens are shown once, at issue, and stored only as a SHA-256 hash: a copy of the database
// does not give access. 32 random bytes make a hash lookup as safe as a slow password hash would be.

export const TOKEN_ROLES = ['clinician', 'nurse', 'auditor', 'admin'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

const TOKEN_PREFIX = 'fcm_';

export interface TokenInfo {
  id: string;
  name: string;
  role: TokenRole;
  createdBy: string;
  createdAt: string;
  revoked: boolean;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function issueToken(q: Queryable, role: TokenRole, name: string, createdBy: string, at: Date): Promise<{ token: string; info: TokenInfo }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const id = randomUUID();
  await q.query('INSERT INTO api_tokens (id, name, role, token_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6::timestamptz)', [
    id,
    name,
    role,
    hashToken(token),
    createdBy,
    at.toISOString(),
  ]);
  return { token, info: { id, name, role, createdBy, createdAt: at.toISOString(), revoked: false } };
}

/** The live token's identity, or undefined for an unknown or revoked one. */
export async function findToken(q: Queryable, token: string): Promise<{ id: string; name: string; role: TokenRole } | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const { rows } = await q.query('SELECT id, name, role FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL', [hashToken(token)]);
  return decodeRows(z.object({ id: text, name: text, role: z.enum(TOKEN_ROLES) }), rows, 'tokens')[0];
}

export async function listTokens(q: Queryable): Promise<TokenInfo[]> {
  const { rows } = await q.query('SELECT id, name, role, created_by, created_at, revoked_at FROM api_tokens ORDER BY created_at, id');
  const row = z.object({ id: text, name: text, role: z.enum(TOKEN_ROLES), created_by: text, created_at: timestamp, revoked_at: timestamp.nullable() });
  return decodeRows(row, rows, 'tokens').map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    createdBy: r.created_by,
    createdAt: r.created_at,
    revoked: r.revoked_at !== null,
  }));
}

export async function revokeToken(q: Queryable, id: string, at: Date): Promise<boolean> {
  const { rows } = await q.query('UPDATE api_tokens SET revoked_at = $2::timestamptz WHERE id = $1 AND revoked_at IS NULL RETURNING id', [
    id,
    at.toISOString(),
  ]);
  return rows.length > 0;
}

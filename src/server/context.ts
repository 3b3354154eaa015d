import type { Context, Hono } from 'hono';
import type { Db, Queryable } from '../store/db.js';
import type { AuditEntry } from '../store/audit.js';
import type { AuditScope } from './audit.js';
import type { Day } from '../history/dates.js';

// What every route shares: the database, the clock (the only one: handlers never call Date.now, so
// tests can fix it), the audit log and configuration. Route modules (the monitoring routes too) take
// `(app, ctx)` and read the authenticated user from `c.get('user')`.

export const ROLES = ['clinician', 'nurse', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface AuthUser {
  name: string;
  role: Role;
  /** The token's id (never the token itself), or `ehr:<issuer>` for CDS Hooks callers. */
  subject: string;
}

export interface Clock {
  now(): Date;
  today(): Day;
}

export interface ServerConfig {
  /** Where links in CDS cards point: the app's public base URL, e.g. https://fulcrum.example.org */
  publicUrl?: string;
  /** EHRs allowed to call CDS Hooks: issuer and its JWKS URL (or an inline JWKS, for tests). */
  cdsIssuers: CdsIssuer[];
  /** Largest request body accepted on /api, bytes. */
  maxBodyBytes: number;
  /** Largest CDS Hooks request body (the prefetched record included), bytes; default 32 MiB. */
  maxCdsBodyBytes?: number;
  /** Folder of the built web app, served at / and /app/* when it exists. */
  webRoot?: string;
  /** Behind a reverse proxy: take the client address for the audit log from X-Forwarded-For. */
  trustProxy?: boolean;
  /** Which label CDS Hooks assessments apply where EU and US differ (default eu). */
  cdsLabel?: 'eu' | 'us';
  /**
   * Refuse a FHIR record (API and CDS Hooks) for any unreadable entry, as a data-quality check. By
   * default an unreadable entry is left out and reported in the mapping report; the rest is read.
   */
  fhirStrict?: boolean;
}

export interface CdsIssuer {
  iss: string;
  jwksUrl?: string;
  jwks?: { keys: Record<string, unknown>[] };
}

export interface Audit {
  /** Appends one entry; inside a transaction when `q` is given, so the write and its record commit together. */
  record(entry: AuditEntry, q?: Queryable): Promise<void>;
  /** Appends several entries in one statement (a list shown, a summary of refusals). */
  recordAll(entries: readonly AuditEntry[], q?: Queryable): Promise<void>;
}

export interface AppContext {
  db: Db;
  clock: Clock;
  audit: Audit;
  config: ServerConfig;
  /** Told when a patient's history changes through this process, so caches forget it. */
  patientListeners?: ((patientId: string) => void)[];
}

export function patientChanged(ctx: AppContext, patientId: string): void {
  for (const l of ctx.patientListeners ?? []) l(patientId);
}

/** `audit` is set on audited routes only (src/server/audit.ts, `audited`). */
export type AppEnv = { Variables: { user: AuthUser; ip: string; audit: AuditScope } };
export type App = Hono<AppEnv>;
export type Ctx = Context<AppEnv>;

/** The audit entry for this request: who (the token), from where (the client address). */
export function auditFor(c: Ctx, action: string, resource: string, patientId?: string): AuditEntry {
  const user = c.get('user');
  return { actor: user.name, role: user.role, action, resource, ip: c.get('ip'), ...(patientId !== undefined ? { patientId } : {}) };
}

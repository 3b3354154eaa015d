import type { OperationOutcome, OperationOutcomeIssue } from './types.js';

// The bearer token lives in sessionStorage: it survives a reload but not the closing of the tab, so a
// shared clinic workstation does not stay signed in.
const TOKEN_KEY = 'fulcrum.token';

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}
export function setToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}
export function clearToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** An answer other than 2xx, with the server's OperationOutcome issues (field paths included). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly issues: OperationOutcomeIssue[],
  ) {
    super(issues.map((i) => i.diagnostics ?? i.code).join('; ') || `HTTP ${status}`);
  }
}

function isOutcome(x: unknown): x is OperationOutcome {
  return typeof x === 'object' && x !== null && (x as { resourceType?: unknown }).resourceType === 'OperationOutcome';
}

/** Listeners told when the token is refused, so the app can return to sign-in. */
const unauthorisedListeners = new Set<() => void>();
export function onUnauthorised(fn: () => void): () => void {
  unauthorisedListeners.add(fn);
  return () => unauthorisedListeners.delete(fn);
}

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const token = getToken();
  const h: Record<string, string> = { Accept: 'application/json', ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.ok) return res;
  let issues: OperationOutcomeIssue[] = [];
  try {
    const json: unknown = await res.json();
    if (isOutcome(json)) issues = json.issue;
  } catch {
    // A body that is not JSON (a proxy's error page) still yields the status below.
  }
  if (issues.length === 0) issues = [{ severity: 'error', code: 'exception', diagnostics: `${res.status} ${res.statusText}`.trim() }];
  if (res.status === 401) for (const fn of unauthorisedListeners) fn();
  throw new ApiError(res.status, issues);
}

/** API paths are relative to the site root, wherever the app itself is served from. */
export function apiUrl(path: string, query?: Record<string, string | number | undefined>): string {
  const q = query
    ? Object.entries(query)
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
        .join('&')
    : '';
  return q ? `${path}?${q}` : path;
}

export async function getJson<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T> {
  return (await (await send('GET', apiUrl(path, query))).json()) as T;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return (await (await send('POST', path, body)).json()) as T;
}

export async function putJson<T>(path: string, body: unknown, ifMatch?: string): Promise<T> {
  return (await (await send('PUT', path, body, ifMatch ? { 'If-Match': ifMatch } : {})).json()) as T;
}

/** Binary downloads (the letter's PDF) need the bearer header too, so a plain link cannot fetch them. */
export async function getBlob(path: string, accept: string): Promise<Blob> {
  return (await send('GET', path, undefined, { Accept: accept })).blob();
}

export const enc = encodeURIComponent;

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';

// Starts a real `fulcrum serve` on a free port with a fresh PGlite folder, issues a token for it, and
// launches Debian's Chromium. Used by the browser tests and bench/web.ts.

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
export const chromiumAvailable = existsSync(CHROMIUM);
export const BROWSER_SKIP_REASON = `skipped: no Chromium at ${CHROMIUM}, so the browser tests do not run; apt-get install -y chromium (or set CHROMIUM_PATH)`;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function runCli(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; stdout: () => string; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'e2e', 'fulcrum-cli.ts'), ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return { child, stdout: () => out, stderr: () => err };
}

async function cliOutput(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const run = runCli(args, env);
  const code = await new Promise<number | null>((resolve) => run.child.on('exit', resolve));
  if (code !== 0) throw new Error(`fulcrum ${args[0]} exited ${code}: ${run.stderr()}`);
  return run.stdout();
}

/** Builds web/dist from the current sources so the server serves what the tests are about. */
export async function buildWeb(): Promise<void> {
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const child = spawn(process.execPath, [vite, 'build', '--config', join(ROOT, 'web', 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`vite build failed: ${err}`);
}

export interface Service {
  url: string;
  tokens: Record<'clinician' | 'nurse', string>;
  stop(): Promise<void>;
}

export async function startService(): Promise<Service> {
  const data = mkdtempSync(join(tmpdir(), 'fulcrum-e2e-'));
  // Never the developer's PostgreSQL: the tests own their embedded database.
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '', FULCRUM_DATA: data };
  delete env.DATABASE_URL;
  // PGlite is opened by one process at a time: tokens are issued before the server starts.
  const clinician = (await cliOutput(['token', 'issue', '--role', 'clinician', '--name', 'Dr E2E', '--data', data], env)).trim();
  const nurse = (await cliOutput(['token', 'issue', '--role', 'nurse', '--name', 'Nurse E2E', '--data', data], env)).trim();
  const server = runCli(['serve', '--port', '0', '--data', data], env);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`fulcrum serve did not start: ${server.stderr()}`)), 60_000);
    server.child.stdout!.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(server.stdout());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    server.child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`fulcrum serve exited ${code}: ${server.stderr()}`));
    });
  });
  return {
    url,
    tokens: { clinician, nurse },
    async stop() {
      if (server.child.exitCode === null) {
        const exited = new Promise((resolve) => server.child.on('exit', resolve));
        server.child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (server.child.exitCode === null) server.child.kill('SIGKILL');
      }
      rmSync(data, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  // chromium.launch gives every run a fresh temporary profile (user-data-dir).
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** A new page of the app as every browser test opens one: a laptop-sized window, 20 s for each step. */
export async function appPage(browser: Browser, options: { acceptDownloads?: boolean } = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...options });
  page.setDefaultTimeout(20_000);
  return page;
}

/** Keeps the page's script errors and console errors (failed resource loads aside) in `errors`, for a test that there were none. */
export function keepPageErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
}

/** Opens the app and signs in with the clinician's token, until the patient list shows. */
export async function signIn(page: Page, service: Service): Promise<void> {
  await page.goto(`${service.url}/`);
  await page.getByLabel('Access token').fill(service.tokens.clinician);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core in the page (WCAG 2.x A and AA rules) and returns its violations. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy (rightly) refuses the
  // inline <script> that addScriptTag would insert.
  if ((await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe)) === 'undefined') {
    await page.evaluate(readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  }
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

export function describeViolations(vs: AxeViolation[]): string {
  return vs.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `   ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`).join('\n');
}

export function tmpFile(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fulcrum-e2e-files-'));
  return join(dir, name);
}

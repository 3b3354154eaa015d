import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayFromDate, formatDay } from '../../src/history/dates.js';
import { catheterPatient, fhirBundleText, invalidHistoryText, treatedWithAlemtuzumab, twentyYearHistory } from './fixtures.js';
import {
  BROWSER_SKIP_REASON,
  ROOT,
  SCREENSHOTS,
  axe,
  buildWeb,
  chromiumAvailable,
  describeViolations,
  keepPageErrors,
  launchBrowser,
  screenshot,
  startService,
  tmpFile,
  type Service,
  appPage,
} from './harness.js';

// The clinic's main flows in a real browser against a real `fulcrum serve`: sign in, import (with a
// refused document first), the timeline, assess, decide, print the letter, record a result, clear
// the alert. Every page passes axe-core's WCAG A/AA rules. Screenshots go to test-output/screenshots.

if (!chromiumAvailable) describe('the clinic web app in Chromium against fulcrum serve', () => it.skip(BROWSER_SKIP_REASON, () => {}));

const VERDICT_TEXT: Record<string, string> = {
  offer: 'Offer',
  'offer-with-caution': 'Offer with caution',
  'insufficient-data': 'Insufficient data',
  'advise-against': 'Advise against',
  contraindicated: 'Contraindicated',
  'not-applicable': 'Not applicable: no MS diagnosis recorded',
};

describe.skipIf(!chromiumAvailable)('the clinic web app in Chromium against fulcrum serve', { timeout: 90_000 }, () => {
  let service: Service;
  let browser: Browser;
  let page: Page;
  const today = formatDay(dayFromDate(new Date()));
  const asOf = dayFromDate(new Date());
  const patientId = `e2e-alem-${Date.now().toString(36)}`;
  const errors: string[] = [];

  const api = async <T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> => {
    const r = await fetch(service.url + path, {
      method: init?.method ?? 'GET',
      headers: { Authorization: `Bearer ${service.tokens.clinician}`, 'Content-Type': 'application/json' },
      ...(init?.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };

  async function expectAccessible(name: string) {
    const violations = await axe(page);
    expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
  }

  beforeAll(async () => {
    await buildWeb();
    service = await startService();
    browser = await launchBrowser();
    page = await appPage(browser, { acceptDownloads: true });
    // Every Content-Security-Policy violation on any page the flows visit is kept for the last test.
    await page.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    keepPageErrors(page, errors);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('signs in by pasting a bearer token, which is kept for the tab only', async () => {
    await page.goto(`${service.url}/`);
    await page.getByLabel('Access token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That token was not accepted').waitFor();
    await expectAccessible('sign-in with error');
    await page.getByLabel('Access token').fill(service.tokens.clinician);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('fulcrum.token'))).toBe(service.tokens.clinician);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await expect(page.getByText('Dr E2E')).toBeTruthy();
  });

  it('the page is usable from the keyboard: the first Tab reaches the skip link, which moves focus to the content', async () => {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('a history with problems is refused and each problem is shown under the line of its field', async () => {
    await page.getByLabel('History JSON or FHIR Bundle').fill(invalidHistoryText(`${patientId}-bad`));
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText('The history was not imported').waitFor();
    const placed = await page.$$eval('.line-issue', (els) =>
      els.map((e) => ({ path: e.getAttribute('data-path'), above: (e.previousElementSibling as HTMLElement | null)?.textContent ?? '' })),
    );
    const score = placed.find((p) => p.path === 'edss[1].score');
    expect(score, JSON.stringify(placed)).toBeDefined();
    expect(score!.above).toContain('"score": 0.5');
    const onset = placed.find((p) => p.path === 'relapses[0].onset');
    expect(onset?.above).toContain('2015-13-01');
    expect(await page.getByLabel('History JSON or FHIR Bundle').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, '01-import-errors');
    await expectAccessible('import errors');
    // Nothing of a refused document is stored.
    expect((await api<{ total: number }>(`/api/patients?q=${patientId}-bad`)).total).toBe(0);
  });

  it('a FHIR Bundle is read too: its problem is shown at the resource in the Bundle, and once fixed it imports', async () => {
    const id = `${patientId}-fhir`;
    await page.getByLabel('History JSON or FHIR Bundle').fill(fhirBundleText(id, '2023-06'));
    await page.getByRole('button', { name: 'Import' }).click();
    const issue = page.locator('.line-issue').first();
    await issue.waitFor();
    expect(await issue.getAttribute('data-path')).toMatch(/^Bundle\.entry\[2\]/);
    const above = await issue.evaluate((e) => e.previousElementSibling?.textContent ?? '');
    expect(above).toMatch(/effectiveDateTime|resource/);
    await screenshot(page, '01b-import-fhir-error');
    await page.getByLabel('History JSON or FHIR Bundle').fill(fhirBundleText(id, '2023-06-01'));
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('heading', { name: `Patient ${id}` }).waitFor();
    await page.locator('#timeline-chart[data-complete]').waitFor();
    expect(await page.locator('#timeline-chart').getAttribute('aria-label')).toContain('2 EDSS scores');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
  });

  it("a history imported from a file opens the patient's timeline with EDSS, relapses, MRI, therapies and infusions on one axis", async () => {
    const file = tmpFile(`${patientId}.json`);
    writeFileSync(file, JSON.stringify(treatedWithAlemtuzumab(patientId, asOf), null, 2));
    await page.getByLabel('History JSON or FHIR Bundle').fill('');
    await page.getByLabel('History file').setInputFiles(file);
    await page.waitForFunction(() => (document.getElementById('import-text') as HTMLTextAreaElement).value.length > 100);
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('heading', { name: `Patient ${patientId}` }).waitFor();
    expect(page.url()).toContain(`#/patients/${patientId}/timeline`);
    await page.locator('#timeline-chart[data-complete]').waitFor({ timeout: 20_000 });
    const label = (await page.locator('#timeline-chart').getAttribute('aria-label')) ?? '';
    expect(label).toContain('5 EDSS scores');
    expect(label).toContain('2 relapses');
    expect(label).toContain('5 doses or infusions');
    expect(label).toMatch(/onset \d{4}/);
    // Onset recorded as a year is drawn as a span, and the legend says how uncertain it is.
    expect(await page.locator('#timeline-chart canvas').count()).toBeGreaterThan(0);
    expect(await page.getByText(/Onset \(\d{4}: uncertain within/).count()).toBe(1);
    await screenshot(page, '02-timeline');
    await expectAccessible('timeline');
  });

  it('assesses alemtuzumab and shows the verdict, the scale, reasons with sources, trial boxes, missing data and checks as the API gave them', async () => {
    await page.getByRole('link', { name: 'Assessment' }).click();
    await page.getByLabel('Drug').selectOption('alemtuzumab');
    await page.getByLabel('As of').fill(today);
    await page.getByRole('button', { name: 'Assess' }).click();
    await page.locator('#verdict-heading').waitFor();
    const { items } = await api<{
      items: { id: string; result: { verdict: string; reasons: unknown[]; evidenceBase: unknown[]; checks: unknown[]; tipping?: { code: string }[] } }[];
    }>(`/api/patients/${patientId}/assessments`);
    const a = items[0]!;
    expect(await page.locator('#verdict-heading').innerText()).toContain(VERDICT_TEXT[a.result.verdict]);
    expect(await page.locator('.reasons > li').count()).toBe(a.result.reasons.length);
    expect(await page.locator('.evidence').count()).toBe(a.result.evidenceBase.length);
    expect(await page.locator('.checks > li').count()).toBe(a.result.checks.length);
    expect(await page.locator('svg.scale').getAttribute('aria-label')).toMatch(/^Scale: /);
    for (const t of a.result.tipping ?? []) expect(await page.locator('.tipped').innerText()).toContain(t.code);
    // The patient is placed against the CARE-MS II box: onset within 10 years, EDSS up to 5.0.
    expect(await page.locator('.evidence-map svg').getAttribute('aria-label')).toMatch(
      /CARE-MS II: onset within 10 years, EDSS 0\.0 to 5\.0; the patient is inside/,
    );
    await screenshot(page, '03-assessment');
    await page.locator('.evidence-map').screenshot({ path: join(SCREENSHOTS, '03b-evidence-map.png') });
    await page.locator('.scale-and-reasons').screenshot({ path: join(SCREENSHOTS, '03c-scale-and-reasons.png') });
    await expectAccessible('assessment');
  });

  it("an override needs a reason; the decision is recorded with the patient's preference", async () => {
    await page.getByLabel('Override the verdict').check();
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.locator('#decision-reason-error').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('decision-reason');
    await page.locator('#decision-reason').fill('Discussed at the MS board: second course deferred after a recent infection.');
    await page.getByLabel("The patient's preference (optional)").fill('prefers to wait six months');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByText('Decision recorded.').waitFor();
    await page.locator('.decision-list li', { hasText: 'Overrode the verdict' }).waitFor();
    const { items } = await api<{ items: { id: string }[] }>(`/api/patients/${patientId}/assessments`);
    const decisions = await api<{ items: { decision: string; reason?: string; patientPreference?: string }[] }>(`/api/assessments/${items[0]!.id}/decisions`);
    expect(decisions.items[0]).toMatchObject({ decision: 'override', patientPreference: 'prefers to wait six months' });
    await screenshot(page, '04-decision');
  });

  it('the patient letter prints without the app around it, and its PDF downloads', async () => {
    await page.getByRole('link', { name: 'Patient letter (print or PDF)' }).click();
    await page.locator('article.letter').waitFor();
    await expectAccessible('letter');
    await screenshot(page, '05-letter');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print the letter' }).isVisible()).toBe(false);
    expect(await page.locator('article.letter').isVisible()).toBe(true);
    await screenshot(page, '06-letter-print');
    const printed = await page.pdf({ format: 'A4' });
    writeFileSync(join(ROOT, 'test-output', 'letter-printed.pdf'), printed);
    await page.emulateMedia({ media: 'screen' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PDF' }).click()]);
    const path = await download.path();
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('records a low platelet count, which raises an alert that the clinician acknowledges', async () => {
    await page.goto(`${service.url}/#/patients/${encodeURIComponent(patientId)}/monitoring`);
    await page.getByRole('heading', { name: 'Monitoring', level: 2 }).waitFor();
    await page.getByLabel('Date').fill(today);
    await page.getByLabel('Test').selectOption('platelets');
    await page.getByLabel('Value').fill('62');
    await page.getByRole('button', { name: 'Record result' }).click();
    await page.getByText(/1 result recorded/).waitFor();
    const ack = page.getByRole('button', { name: 'Acknowledge alert' }).first();
    await ack.waitFor();
    // The result that raised the alert is marked in the results table.
    expect(await page.locator('table.results tr.result-alert', { hasText: 'platelets' }).innerText()).toContain('62');
    await screenshot(page, '07-monitoring-alert');
    await expectAccessible('monitoring with an alert');
    const before = await api<{ alerts: { id: string; test?: string; acknowledged?: unknown }[] }>(`/api/patients/${patientId}/monitoring`);
    const open = before.alerts.filter((x) => !x.acknowledged);
    expect(open.some((x) => x.test === 'platelets')).toBe(true);
    await page.getByLabel('Note (optional)').first().fill('Patient called, no bleeding; repeat count tomorrow.');
    await ack.click();
    await page.getByText(/acknowledged alert/).waitFor();
    const after = await api<{ alerts: { id: string; acknowledged?: unknown }[] }>(`/api/patients/${patientId}/monitoring`);
    expect(after.alerts.filter((x) => !x.acknowledged).length).toBe(open.length - 1);
    await screenshot(page, '08-monitoring-acknowledged');
  });

  it('the worklist and the patient list show the patient with the latest verdict and monitoring status', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Monitoring worklist' }).click();
    await page.getByRole('heading', { name: 'Monitoring worklist' }).waitFor();
    const worklist = await api<{ items: { patientId: string }[] }>('/api/worklist');
    if (worklist.items.some((w) => w.patientId === patientId)) {
      await page.locator('table.worklist').getByRole('link', { name: patientId, exact: true }).waitFor();
    } else {
      await page.getByText('Nothing is overdue').waitFor();
    }
    await screenshot(page, '09-worklist');
    await expectAccessible('worklist');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
    await page.getByLabel('Search patients by id').fill(patientId.slice(0, 12));
    const row = page.locator('table.patients tbody tr').filter({ has: page.getByRole('link', { name: patientId, exact: true }) });
    await row.waitFor();
    const { items } = await api<{ items: { result: { verdict: string } }[] }>(`/api/patients/${patientId}/assessments`);
    expect(await row.innerText()).toContain(`Alemtuzumab: ${VERDICT_TEXT[items[0]!.result.verdict]}`);
    await screenshot(page, '10-patients');
    await expectAccessible('patient list');
  });

  it('a urinary catheter is picked out as what tips mitoxantrone (why.md, point 1)', async () => {
    const id = `${patientId}-cath`;
    await api('/api/patients', { method: 'POST', body: catheterPatient(id, asOf) });
    await page.goto(`${service.url}/#/patients/${encodeURIComponent(id)}/assessment`);
    await page.getByLabel('Drug').selectOption('mitoxantrone');
    // From the keyboard: Tab from the last field reaches the Assess button, Enter submits.
    await page.getByLabel('Label').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Assess');
    await page.keyboard.press('Enter');
    await page.locator('#verdict-heading').waitFor();
    const { items } = await api<{ items: { result: { verdict: string; tipping?: { code: string }[] } }[] }>(`/api/patients/${id}/assessments`);
    const tipping = items[0]!.result.tipping ?? [];
    expect(tipping.some((t) => t.code.includes('catheter') || t.code.includes('infection'))).toBe(true);
    expect(await page.locator('.tipped').innerText()).toMatch(/catheter/i);
    await screenshot(page, '11-catheter-mitoxantrone');
  });

  it('compares every therapy side by side in the server order, risks drawn per 1,000, printable', async () => {
    const id = `${patientId}-cmp`;
    await api('/api/patients', { method: 'POST', body: catheterPatient(id, asOf) });
    await page.goto(`${service.url}/#/patients/${encodeURIComponent(id)}/compare`);
    await page.getByLabel('As of').fill(today);
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.locator('#comparison-heading').waitFor();
    const expected = await api<{ order: string[]; orderingRule: string; assessments: { verdict: string; weights: { risks: unknown[] } }[] }>(
      `/api/patients/${encodeURIComponent(id)}/comparison`,
      { method: 'POST', body: { asOf: today, label: 'eu' } },
    );
    const drugs = await page.locator('tr.comparison-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-drug')));
    expect(drugs).toEqual(expected.order);
    for (const [i, a] of expected.assessments.entries()) {
      expect(await page.locator('tr.comparison-row').nth(i).locator('.badge').innerText()).toContain(VERDICT_TEXT[a.verdict]);
    }
    expect(await page.locator('.ordering-rule').innerText()).toBe(expected.orderingRule);
    const arrays = page.locator('tr.comparison-row svg.icon-array-1000');
    expect(await arrays.count()).toBeGreaterThan(0);
    expect(await arrays.first().getAttribute('aria-label')).toMatch(/in 1,000\)? people get/);
    // Printed, the form and the tabs are left out and the table is kept.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('form.inline-form').isVisible()).toBe(false);
    expect(await page.locator('table.comparison-table').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await screenshot(page, '12-compare');
    await expectAccessible('comparison');
  });

  it('a patient without MS gets "Not applicable: no MS diagnosis recorded" plainly, with no scale, trials or letter', async () => {
    const id = `${patientId}-no-ms`;
    await api('/api/patients', {
      method: 'POST',
      body: { formatVersion: 1, id, birthDate: '1950', sex: 'male', conditions: [{ code: 'malignancy', status: 'active', onset: '2024' }] },
    });
    await page.goto(`${service.url}/#/patients/${encodeURIComponent(id)}/assessment`);
    await page.getByLabel('Drug').selectOption('mitoxantrone');
    await page.getByRole('button', { name: 'Assess' }).click();
    await page.locator('#verdict-heading').waitFor();
    expect(await page.locator('#verdict-heading').innerText()).toContain('Not applicable: no MS diagnosis recorded');
    expect(await page.locator('article.assessment').innerText()).toMatch(/No MS diagnosis recorded/);
    expect(await page.locator('article.assessment figure').count()).toBe(0);
    expect(await page.getByText('Patient letter (print or PDF)').count()).toBe(0);
    await expectAccessible('not-applicable assessment');
    await screenshot(page, '11b-not-applicable');
  });

  it('twenty years of history are drawn on one axis, and the range buttons zoom all plots together', async () => {
    const id = `${patientId}-20y`;
    const h = twentyYearHistory(id, asOf);
    await api('/api/patients', { method: 'POST', body: h });
    await page.goto(`${service.url}/#/patients/${encodeURIComponent(id)}/timeline`);
    await page.locator('#timeline-chart[data-complete]').waitFor();
    const label = (await page.locator('#timeline-chart').getAttribute('aria-label')) ?? '';
    expect(label).toContain(`${h.edss!.length} EDSS scores`);
    expect(label).toContain(`${h.relapses!.length} relapses`);
    await screenshot(page, '12-timeline-20-years');
    const drawn = await page.locator('#timeline-chart').getAttribute('data-drawn');
    await page.getByRole('button', { name: 'Last 2 years' }).click();
    await page.waitForFunction((d) => document.getElementById('timeline-chart')?.getAttribute('data-drawn') !== d, drawn);
    expect(await page.getByRole('button', { name: 'Last 2 years' }).getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, '13-timeline-last-2-years');
  });

  it('a nurse reads the assessment but cannot record a decision, and can record results', async () => {
    const nurse = await appPage(browser);
    try {
      await nurse.goto(`${service.url}/`);
      await nurse.getByLabel('Access token').fill(service.tokens.nurse);
      await nurse.getByRole('button', { name: 'Sign in' }).click();
      await nurse.getByText('Nurse E2E').waitFor();
      await nurse.goto(`${service.url}/#/patients/${encodeURIComponent(patientId)}/assessment`);
      await nurse.locator('#verdict-heading').waitFor();
      expect(await nurse.getByRole('button', { name: 'Assess' }).count()).toBe(0);
      expect(await nurse.getByRole('button', { name: 'Record decision' }).count()).toBe(0);
      await nurse.locator('.decision-list li', { hasText: 'Overrode the verdict' }).waitFor();
      await nurse.getByRole('navigation', { name: 'Patient sections' }).getByRole('link', { name: 'Monitoring' }).click();
      await nurse.getByRole('button', { name: 'Record result' }).waitFor();
    } finally {
      await nurse.close();
    }
  });

  it('raised no script errors in the page', () => {
    expect(errors).toEqual([]);
  });

  it('runs under a strict Content-Security-Policy without violating it', async () => {
    const r = await fetch(`${service.url}/`);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    // An inline script, as injected text would be, is refused by the browser.
    await page.evaluate(() => {
      const el = document.createElement('script');
      el.textContent = 'window.injected = true';
      document.body.append(el);
    });
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations.length)).toBe(1);
  });
});

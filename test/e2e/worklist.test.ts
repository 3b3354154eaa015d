import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, dayFromDate, formatDay } from '../../src/history/dates.js';
import type { Lab } from '../../src/history/schema.js';
import { alemtuzumabHistory, normalPanel, screeningLabs } from '../../src/monitor/fixtures.js';
import {
  BROWSER_SKIP_REASON,
  axe,
  buildWeb,
  chromiumAvailable,
  describeViolations,
  launchBrowser,
  screenshot,
  signIn,
  startService,
  type Service,
  appPage,
} from './harness.js';

// The worklist view in Chromium against a real `fulcrum serve`: a patient treated with alemtuzumab who
// came for the first three monthly tests and then stopped is raised to 'soon' and the view shows the
// missed tests and why; the page passes axe-core's WCAG A/AA rules.

if (!chromiumAvailable) describe('the worklist view shows recently missed tests', () => it.skip(BROWSER_SKIP_REASON, () => {}));

describe.skipIf(!chromiumAvailable)('the worklist view shows recently missed tests', { timeout: 90_000 }, () => {
  let service: Service;
  let browser: Browser;
  let page: Page;
  const today = dayFromDate(new Date());
  const id = `e2e-missed-${Date.now().toString(36)}`;

  beforeAll(async () => {
    await buildWeb();
    service = await startService();
    browser = await launchBrowser();
    page = await appPage(browser);
    // Course 5 months ago; monthly panels on the due day for months 1..2, then nothing.
    const start = addMonths(today, -5);
    const end = start + 4;
    const labs: Lab[] = [...normalPanel(formatDay(start - 10)), ...screeningLabs(formatDay(start - 10))];
    for (let k = 1; k <= 2; k++) labs.push(...normalPanel(formatDay(addMonths(end, k))));
    const r = await fetch(`${service.url}/api/patients`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${service.tokens.clinician}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(alemtuzumabHistory([formatDay(start)], { id, sex: 'male', birthDate: '1990-01', labs })),
    });
    expect(r.status, await r.text()).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('lists the patient at soon with the missed blood count, creatinine and urinalysis, and the reason, accessibly', async () => {
    await signIn(page, service);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Monitoring worklist' }).click();
    await page.getByRole('heading', { name: 'Monitoring worklist' }).waitFor();
    const row = page.locator('table.worklist tr', { has: page.getByRole('link', { name: id, exact: true }) });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('soon');
    expect(text).toMatch(/\d+ missed/);
    expect(text).toContain('Full blood count with differential');
    expect(text).toContain('Urinalysis with microscopy');
    expect(text).toMatch(/missed in a row|no result has been recorded since/);
    await screenshot(page, 'worklist-missed');
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});

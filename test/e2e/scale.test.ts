import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROOT,
  SCREENSHOTS,
  axe,
  buildWeb,
  chromiumAvailable,
  describeViolations,
  keepPageErrors,
  launchBrowser,
  screenshot,
  signIn,
  startService,
  type Service,
  appPage,
} from './harness.js';

// The scale in Chromium against a real `fulcrum serve`, for the three patients of issue 17: a good
// alemtuzumab candidate (the drug's own risks drawn, and still tipped to benefit), advanced SPMS
// (tipped against) and the catheter patient under mitoxantrone (the catheter on the risk pan). The
// examples are assessed as of the date their verdicts are documented for (examples/README.md).

const AS_OF = '2026-11-01';

interface Weighed {
  id: string;
  result: { verdict: string; weights: { risks: { name: string; low?: number; high?: number }[] } };
}

describe.skipIf(!chromiumAvailable)("the scale weighs the drug's own risks against its benefits", { timeout: 90_000 }, () => {
  let service: Service;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  const api = async <T>(path: string, body?: unknown): Promise<T> => {
    const r = await fetch(service.url + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${service.tokens.clinician}`, 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };

  async function assessExample(example: string, drug: 'alemtuzumab' | 'mitoxantrone'): Promise<Weighed> {
    const history = JSON.parse(readFileSync(join(ROOT, 'examples', `${example}.json`), 'utf8')) as { id: string };
    await api('/api/patients', history);
    const a = await api<Weighed>(`/api/patients/${encodeURIComponent(history.id)}/assessments`, { drug, asOf: AS_OF, label: 'eu' });
    await page.goto(`${service.url}/#/patients/${encodeURIComponent(history.id)}/assessment?assessment=${encodeURIComponent(a.id)}`);
    await page.locator('svg.scale').waitFor();
    return a;
  }

  /** The beam's end on the risk side lies lower (a larger y) than on the benefit side. */
  const riskSideDown = () => page.locator('svg.scale line.beam').evaluate((l) => Number(l.getAttribute('y2')) - Number(l.getAttribute('y1')));

  async function expectAccessible(name: string) {
    const violations = await axe(page);
    expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
  }

  /** Every token on a pan has its line in the text lists: a screen reader is told all the picture shows. */
  async function expectTextForEveryToken() {
    for (const side of ['benefit', 'risk'] as const) {
      const tokens = await page.locator(`svg.scale g.pan.${side} .token`).count();
      expect(await page.locator(`.${side}-items > li`).count()).toBe(tokens);
    }
  }

  beforeAll(async () => {
    await buildWeb();
    service = await startService();
    browser = await launchBrowser();
    page = await appPage(browser);
    keepPageErrors(page, errors);
    await signIn(page, service);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('a good alemtuzumab candidate: every label risk is drawn on the risk pan with its frequency, and the beam still goes down on the benefit side', async () => {
    const a = await assessExample('early-active-rrms', 'alemtuzumab');
    expect(a.result.verdict).toBe('offer');
    const risks = a.result.weights.risks;
    expect(await page.locator('svg.scale g.pan.risk .token.label-risk').count()).toBe(risks.length);
    expect(await page.locator('.risk-items > li[data-kind="label-risk"]').count()).toBe(risks.length);
    expect(await page.locator('#risk-side-heading').innerText()).not.toMatch(/weighs 0\b/);
    // Under the risk pan, each label risk with how often it happens.
    const riskPan = (await page.locator('svg.scale g.pan.risk').textContent()) ?? '';
    expect(riskPan).toContain('autoimmune thyroid disease: about 35 in 100');
    expect(riskPan).toContain('immune thrombocytopenia: about 2 in 100');
    // Trials marked inside or outside the patient's evidence box.
    expect(await page.locator('.benefit-items').innerText()).toMatch(/CARE-MS II: inside the patient's evidence box/);
    expect(await page.locator('.benefit-items').innerText()).toMatch(/CAMMS223: outside the patient's evidence box/);
    expect(await riskSideDown()).toBeLessThan(0);
    const label = (await page.locator('svg.scale').getAttribute('aria-label')) ?? '';
    expect(label).toMatch(/^Scale: benefits weigh \d+.*, risks [1-9].*tips to the benefits/);
    // The rule is written under the picture, with what it gives here.
    const rule = await page.locator('figure.scale-figure figcaption').innerText();
    expect(rule).toContain('How the beam tilts');
    expect(rule).toMatch(/Here the benefits weigh \d+ and the risks \d+.*: the beam goes down [\d.]+° on the benefit side/);
    await expectTextForEveryToken();
    // An icon array for each risk the knowledge base gives numbers for.
    const counted = risks.filter((r) => r.low !== undefined || r.high !== undefined);
    expect(await page.locator('.risk-pictures svg.icon-array').count()).toBe(counted.length);
    const thyroid = page.locator('.risk-pictures svg.icon-array[aria-label*="thyroid"]');
    expect(await thyroid.getAttribute('aria-label')).toMatch(/^About 35 in 100 \(30 to 40 in 100\) people get autoimmune thyroid disease/);
    expect(await thyroid.locator('.affected').count()).toBe(35);
    expect(await thyroid.locator('path').count()).toBe(100);
    expect(await page.locator('.risk-pictures').innerText()).toContain('About 35 in 100 (30 to 40 in 100) people get autoimmune thyroid disease');
    await screenshot(page, 'scale-good-candidate');
    await page.locator('.scale-and-reasons').screenshot({ path: join(SCREENSHOTS, 'scale-good-candidate-picture.png') });
    await page.locator('.risk-pictures').screenshot({ path: join(SCREENSHOTS, 'scale-good-candidate-icon-arrays.png') });
    await expectAccessible('assessment of a good candidate');
  });

  it('the printed letter shows the same risks as icon arrays', async () => {
    await page.getByRole('link', { name: 'Patient letter (print or PDF)' }).click();
    await page.locator('article.letter').waitFor();
    await page.locator('.letter-risks svg.icon-array').first().waitFor();
    const arrays = page.locator('.letter-risks svg.icon-array');
    expect(await arrays.count()).toBeGreaterThan(0);
    expect(await page.locator('.letter-risks').innerText()).toContain('About 35 in 100 (30 to 40 in 100) people get autoimmune thyroid disease');
    await expectAccessible('letter with icon arrays');
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('.app-header').isVisible()).toBe(false);
      expect(await page.locator('.letter-risks').isVisible()).toBe(true);
      expect(await arrays.first().isVisible()).toBe(true);
      await screenshot(page, 'scale-letter-print');
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('advanced SPMS under alemtuzumab: the reasons against are on the risk pan and the beam goes down there', async () => {
    const a = await assessExample('advanced-spms', 'alemtuzumab');
    expect(a.result.verdict).toBe('advise-against');
    expect(await riskSideDown()).toBeGreaterThan(0);
    expect(Number(await page.locator('svg.scale').getAttribute('data-tilt'))).toBeGreaterThan(0);
    expect(await page.locator('svg.scale g.pan.risk .token.factor.effect-against').count()).toBeGreaterThan(0);
    expect(await page.locator('.risk-items').innerText()).toContain('alemtuzumab.progressive-course');
    expect(await page.locator('figure.scale-figure figcaption').innerText()).toMatch(/reasons against \(alemtuzumab\.progressive-course/);
    await expectTextForEveryToken();
    await screenshot(page, 'scale-advanced-spms');
    await page.locator('.scale-and-reasons').screenshot({ path: join(SCREENSHOTS, 'scale-advanced-spms-picture.png') });
    await expectAccessible('assessment of advanced SPMS');
  });

  it('the catheter patient under mitoxantrone: the catheter is drawn on the risk pan, raising the infection risk, and tips the beam', async () => {
    const a = await assessExample('catheter-mitoxantrone', 'mitoxantrone');
    expect(a.result.verdict).toBe('advise-against');
    expect(await riskSideDown()).toBeGreaterThan(0);
    expect(await page.locator('svg.scale g.pan.risk').textContent()).toMatch(/catheter/);
    expect(await page.locator('svg.scale g.pan.benefit').textContent()).not.toMatch(/catheter/);
    expect(await page.locator('svg.scale g.pan.risk .token.factor.effect-against.tipping').count()).toBe(1);
    const cath = page.locator('.risk-items > li[data-kind="patient-factor"]', { hasText: 'catheter' });
    expect(await cath.innerText()).toMatch(/raises infection at the neutrophil nadir/);
    expect(await page.locator('.risk-items > li[data-kind="label-risk"]', { hasText: 'neutrophil nadir' }).innerText()).toContain(
      'raised for this patient by mitoxantrone.infection-risk',
    );
    // The patient is inside both trial boxes: the benefit pan is full, and the catheter still decides.
    expect(await page.locator('svg.scale g.pan.benefit .token.trial.fit-inside').count()).toBe(2);
    await expectTextForEveryToken();
    await screenshot(page, 'scale-catheter-mitoxantrone');
    await page.locator('.scale-and-reasons').screenshot({ path: join(SCREENSHOTS, 'scale-catheter-picture.png') });
    await expectAccessible('assessment of the catheter patient');
  });

  it('raised no script errors in the page', () => {
    expect(errors).toEqual([]);
  });
});

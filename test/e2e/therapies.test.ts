import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess, patientLetter, type Assessment } from '../../src/assess/index.js';
import { historyFromJson } from '../../src/cli/input.js';
import { DRUGS, type AssessDrug } from '../../src/drugs/index.js';
import { addMonths, dayFromDate, formatDay, parseDay, type Day } from '../../src/history/dates.js';
import type { History } from '../../src/history/schema.js';
import { LAB_UNITS } from '../../src/history/units.js';
import type { LabId } from '../../src/history/vocabularies.js';
import {
  ALERT_RULES,
  EXAM_IDS,
  type ExamId,
  type MonitoringTestId,
  defaultSettings,
  isMonitoredDrug,
  monitoringJson,
  monitoringOf,
  monitorPatient,
  type AlertRule,
} from '../../src/monitor/index.js';
import { EXAM_DESCRIPTIONS } from '../../src/monitor/vocabulary.js';
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
  signIn,
  startService,
  type Service,
  appPage,
} from './harness.js';

// Each therapy added after alemtuzumab and mitoxantrone, end to end in Chromium against a real
// `fulcrum serve`: its bundled example assessed in the Assessment tab (the verdict, every trial box
// criterion by criterion, the reasons with their sources, the patient's own risk figure where the
// drug has one, the letter), then the therapy started by saving a new version of the history, its
// monitoring plan listed and an abnormal result raising the alert. What the page must show is what
// the engine gives for the same file (the CLI's answer), never a copy of it; the abnormal value comes
// from the alert rules and the clinic settings' defaults. Every page passes axe-core's WCAG A/AA rules.

if (!chromiumAvailable) describe('each therapy in the web app', () => it.skip(BROWSER_SKIP_REASON, () => {}));

/** The example each therapy's verdict is documented for (examples/README.md), assessed as of its date. */
const CASES: { drug: AssessDrug; example: string }[] = [
  { drug: 'natalizumab', example: 'jcv-positive-natalizumab' },
  { drug: 'ocrelizumab', example: 'early-ppms-ocrelizumab' },
  { drug: 'ofatumumab', example: 'active-spms-ofatumumab' },
  { drug: 'cladribine', example: 'highly-active-cladribine' },
  { drug: 'siponimod', example: 'active-spms-siponimod' },
  { drug: 'ahsct', example: 'highly-active-rrms-ahsct' },
];
const EXAMPLES_AS_OF = '2026-11-01';

const VERDICT_TEXT: Record<string, string> = {
  offer: 'Offer',
  'offer-with-caution': 'Offer with caution',
  'insufficient-data': 'Insufficient data',
  'advise-against': 'Advise against',
  contraindicated: 'Contraindicated',
};

async function readExample(example: string): Promise<{ json: History; history: History }> {
  const json = JSON.parse(readFileSync(join(ROOT, 'examples', `${example}.json`), 'utf8')) as History;
  const { history } = await historyFromJson(json, parseDay(EXAMPLES_AS_OF)!, example);
  return { json, history };
}

/**
 * The history with the therapy started `monthsAgo` months before `today`: an exact start day for a
 * continuously given drug, five consecutive dose days for a course (a stem cell re-infusion for aHSCT,
 * one day), the therapies still running ended the day before. A history already recording the drug is
 * kept as it is.
 */
function started(h: History, drug: AssessDrug, today: Day, monthsAgo: number): History {
  if ((h.therapies ?? []).some((t) => t.drug === drug)) return h;
  const start = addMonths(today, -monthsAgo);
  const m = monitoringOf(drug);
  const days = m.kind === 'continuous' ? [] : Array.from({ length: drug === 'ahsct' ? 1 : 5 }, (_, i) => start + i);
  const therapies = (h.therapies ?? []).map((t) => (t.end === undefined ? { ...t, end: formatDay(start - 1) } : t));
  therapies.push({
    drug,
    start: formatDay(start),
    ...(days.length ? { end: formatDay(days[days.length - 1]!), doses: days.map((d) => ({ date: formatDay(d), amount: 10, unit: 'mg' as const })) } : {}),
  });
  return { ...h, therapies };
}

const isExam = (test: string): test is ExamId => (EXAM_IDS as readonly string[]).includes(test);
/** A result given as a number (a measured lab test), not as negative or positive. */
const measured = (test: MonitoringTestId): boolean => !isExam(test) && LAB_UNITS[test].kind === 'quantitative';

/** The first rule on a lab test for the drug that one result can raise, and a value past its threshold. */
function abnormalResult(drug: AssessDrug): { rule: AlertRule & { test: LabId }; value: number | 'positive' } | undefined {
  const settings = defaultSettings();
  for (const r of ALERT_RULES.filter((x) => x.drugs.includes(drug))) {
    // Examinations (a macular oedema) are monitoring results, not history labs: this test enters labs.
    if (isExam(r.test)) continue;
    const rule = r as AlertRule & { test: LabId };
    const threshold = settings.numbers[rule.setting];
    if (rule.kind === 'below') return { rule, value: threshold / 2 };
    if (rule.kind === 'above') return { rule, value: threshold * 2 };
    if (rule.kind === 'grade-at-least' && LAB_UNITS[rule.test].kind === 'qualitative') return { rule, value: 'positive' };
  }
  return undefined;
}

interface TrialCriterion {
  id: string;
  kind: string;
  allOf?: TrialCriterion[];
  anyOf?: TrialCriterion[];
}
const TRIALS = readdirSync(join(ROOT, 'knowledge', 'trials')).map(
  (f) => JSON.parse(readFileSync(join(ROOT, 'knowledge', 'trials', f), 'utf8')) as { id: string; study: string; criteria: TrialCriterion[] },
);
/** A criterion on years since onset and EDSS alone: what the evidence map draws. */
const onMapAxes = (c: TrialCriterion): boolean =>
  c.kind === 'onset-within' || c.kind === 'edss-range' || ((c.allOf ?? c.anyOf ?? []).length > 0 && (c.allOf ?? c.anyOf)!.every(onMapAxes));

/**
 * Where the evidence map must place the patient in each trial's box, from the engine's statuses of
 * the box's onset and EDSS criteria: outside if one is unmet, inside if all are met.
 */
function expectedPlaces(a: Assessment): { study: string; place: 'inside' | 'outside' }[] {
  const out: { study: string; place: 'inside' | 'outside' }[] = [];
  for (const box of a.evidenceBase) {
    const trial = TRIALS.find((t) => t.id === box.trial || t.study === box.study);
    const axes = new Set((trial?.criteria ?? []).filter(onMapAxes).map((c) => c.id));
    const statuses = box.criteria.filter((c) => axes.has(c.id)).map((c) => c.status);
    if (statuses.length === 0) continue;
    if (statuses.includes('unmet')) out.push({ study: box.study, place: 'outside' });
    else if (statuses.every((x) => x === 'met')) out.push({ study: box.study, place: 'inside' });
  }
  return out;
}

const escapeRegExp = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function expectMapPlaces(page: Page, a: Assessment) {
  const label = (await page.locator('.evidence-map svg').getAttribute('aria-label')) ?? '';
  for (const { study, place } of expectedPlaces(a)) {
    expect(label, `${study} on the evidence map`).toMatch(new RegExp(`${escapeRegExp(study)}: .*?; the patient is ${place}`));
  }
}

describe.skipIf(!chromiumAvailable)('each therapy in the web app', { timeout: 120_000 }, () => {
  let service: Service;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  async function expectAccessible(name: string) {
    const violations = await axe(page);
    expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
  }

  const api = async <T>(path: string, body?: unknown): Promise<T> => {
    const r = await fetch(service.url + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${service.tokens.clinician}`, 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };

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

  describe.each(CASES)('$drug', ({ drug, example }) => {
    let expected: Assessment;
    let history: History;

    it(`the ${example} example assessed in the Assessment tab shows the engine's verdict, trial boxes, reasons with sources and risk figures, accessibly`, async () => {
      const read = await readExample(example);
      history = read.history;
      expected = assess(history, { drug, asOf: parseDay(EXAMPLES_AS_OF)!, label: 'eu' });
      await api('/api/patients', read.json);
      await page.goto(`${service.url}/#/patients/${encodeURIComponent(history.id)}/assessment`);
      await page.getByLabel('Drug').selectOption(drug);
      await page.getByLabel('As of').fill(EXAMPLES_AS_OF);
      await page.getByLabel('Label').selectOption('eu');
      await page.getByRole('button', { name: 'Assess' }).click();
      const heading = page.locator('#verdict-heading', { hasText: DRUGS[drug].name });
      await heading.waitFor();
      expect(await heading.innerText()).toBe(`${DRUGS[drug].name}: ${VERDICT_TEXT[expected.verdict]}`);

      // Each trial box, criterion by criterion, as the engine placed the patient.
      expect(expected.evidenceBase.length).toBeGreaterThan(0);
      const boxes = await page.locator('.evidence').evaluateAll((els) =>
        els.map((e) => ({
          label: e.getAttribute('aria-label'),
          criteria: [...e.querySelectorAll('li.criterion')].map((li) => ({
            status: [...li.classList].find((c) => c.startsWith('criterion-'))?.slice('criterion-'.length),
            id: li.querySelector('strong')?.textContent,
            text: li.textContent ?? '',
          })),
        })),
      );
      expect(boxes.map((b) => b.label)).toEqual(expected.evidenceBase.map((b) => `${b.study}: ${b.fit} the trial's population`));
      for (const [i, box] of expected.evidenceBase.entries()) {
        expect(boxes[i]!.criteria.map((c) => [c.status, c.id])).toEqual(box.criteria.map((c) => [c.status, c.id]));
        for (const [j, c] of box.criteria.entries()) expect(boxes[i]!.criteria[j]!.text).toContain(c.detail);
      }

      // The evidence map places the patient in each box as the engine judged onset and EDSS.
      await expectMapPlaces(page, expected);

      // Every reason with its code and the sources it rests on.
      const reasons = await page.locator('.reasons > li').evaluateAll((els) =>
        els.map((li) => ({
          code: li.querySelector('code')?.textContent ?? '',
          message: li.querySelector('.reason-message')?.textContent ?? '',
          sources: [...li.querySelectorAll('cite')].map((c) => c.textContent ?? ''),
        })),
      );
      const byCode = (xs: { code: string }[]) => [...xs].sort((a, b) => (a.code < b.code ? -1 : 1));
      expect(byCode(reasons)).toEqual(byCode(expected.reasons.map((r) => ({ code: r.code, message: r.message, sources: r.sources }))));

      // The patient's own risk figure from a published table (natalizumab's PML risk), with what would change it.
      const estimates = expected.risks ?? [];
      expect(await page.locator('.patient-risk').count()).toBe(estimates.length);
      for (const r of estimates) {
        const shown = page.locator(`.patient-risk[data-risk="${r.id}"]`);
        const perThousand = (n: number) => `${n.toLocaleString('en-GB')} per 1,000`;
        expect(await shown.locator('.risk-now').innerText()).toBe(`${perThousand(r.perThousand.now)} now`);
        expect(await shown.locator('.risk-in-12-months').innerText()).toBe(`${perThousand(r.perThousand.in12Months)} in 12 months`);
        const text = await shown.innerText();
        expect(text).toContain(r.table.title);
        for (const s of r.sources) expect(await shown.locator('.risk-detail cite', { hasText: s }).count()).toBe(1);
        for (const w of r.whatWouldChange) expect(text).toContain(`With ${w.change}: ${perThousand(w.perThousand.now)} now`);
        expect(await shown.locator('svg.icon-array-1000').getAttribute('aria-label')).toContain(`${r.name} (this patient's estimate now)`);
      }
      if (estimates.length > 0) await page.locator('.patient-risks').screenshot({ path: join(SCREENSHOTS, `therapy-${drug}-patient-risk.png`) });
      await screenshot(page, `therapy-${drug}-assessment`);
      await expectAccessible(`${drug} assessment`);
    });

    it("the patient letter is the engine's letter for that assessment, accessibly", async () => {
      await page.getByRole('link', { name: 'Patient letter (print or PDF)' }).click();
      const letter = page.locator('article.letter');
      await letter.waitFor();
      const shown = (await letter.innerText()).replace(/\s+/g, ' ');
      const lines = patientLetter(expected, history)
        .text.split('\n')
        .map((l) => l.replace(/^- /, '').trim())
        .filter(Boolean);
      expect(lines.length).toBeGreaterThan(3);
      for (const l of lines) expect(shown).toContain(l.replace(/\s+/g, ' '));
      await screenshot(page, `therapy-${drug}-letter`);
      await expectAccessible(`${drug} letter`);
    });

    const monitored = isMonitoredDrug(drug);
    it.skipIf(!monitored)(
      `started by saving a new version of the history, the monitoring tab lists the engine's plan${monitored ? '' : `; skipped: ${drug} has no monitoring entry in knowledge/monitoring/schedules.json`}`,
      async () => {
        const today = dayFromDate(new Date());
        const updated = started(history, drug, today, 3);
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
        await page.getByLabel('History JSON or FHIR Bundle').fill(JSON.stringify(updated, null, 2));
        await page.getByLabel('Replace the history of patient (optional, creates a new version)').fill(history.id);
        await page.getByRole('button', { name: 'Save new version' }).click();
        await page.getByRole('heading', { name: `Patient ${history.id}` }).waitFor();
        await page.getByRole('navigation', { name: 'Patient sections' }).getByRole('link', { name: 'Monitoring' }).click();
        await page.getByRole('heading', { name: 'Monitoring', level: 2 }).waitFor();
        await page.getByRole('button', { name: 'Record result' }).waitFor();
        history = updated;

        // The server's day (its clinic time zone) dates the plan; the engine is asked for the same day.
        const { asOf } = await api<{ asOf: string }>(`/api/patients/${encodeURIComponent(history.id)}/monitoring`);
        const plan = monitoringJson(monitorPatient({ history, asOf: parseDay(asOf)! })).plan;
        expect(plan.filter((p) => p.drug === drug).length).toBeGreaterThan(0);
        await page.getByText('The plan as a list').click();
        const rows = await page
          .locator('details', { hasText: 'The plan as a list' })
          .locator('tbody tr')
          .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '').join(' | ')));
        expect(rows.sort()).toEqual(plan.map((p) => `${p.due} | ${p.label} | ${p.status}`).sort());
        // Each of the drug's scheduled tests is in the calendar legend's words in the list.
        for (const p of plan.filter((x) => x.drug === drug)) expect(rows.some((r) => r.includes(p.label))).toBe(true);
        await screenshot(page, `therapy-${drug}-monitoring-plan`);
        await expectAccessible(`${drug} monitoring plan`);
      },
    );

    const abnormal = monitored ? abnormalResult(drug) : undefined;
    const monitoringNow = async () => (await api<{ asOf: string }>(`/api/patients/${encodeURIComponent(history.id)}/monitoring`)).asOf;
    const recordResult = async (date: string, test: string, value: number | 'positive' | 'negative') => {
      await page.getByLabel('Date').fill(date);
      await page.getByLabel('Test').selectOption(test);
      if (typeof value === 'number') await page.getByLabel('Value').fill(String(value));
      else await page.getByLabel('Value').selectOption(value);
      await page.getByRole('button', { name: 'Record result' }).click();
      await page.getByText(/1 result recorded/).waitFor();
    };

    if (abnormal) {
      it(`an abnormal ${abnormal.rule.test} result entered in the monitoring tab raises the engine's alert (rule ${abnormal.rule.id})`, async () => {
        const { rule, value } = abnormal;
        const asOf = await monitoringNow();
        const unit = LAB_UNITS[rule.test].kind === 'quantitative' ? LAB_UNITS[rule.test].unit : undefined;
        const lab = { date: asOf, test: rule.test, value, ...(unit ? { unit } : {}) } as NonNullable<History['labs']>[number];
        const raised = monitorPatient({ history: { ...history, labs: [...(history.labs ?? []), lab] }, asOf: parseDay(asOf)! }).alerts.filter(
          (a) => a.date === asOf && a.test === rule.test,
        );
        expect(raised.length, `the engine raises no alert for ${rule.test} ${value} (rule ${rule.id})`).toBeGreaterThan(0);

        await recordResult(asOf, rule.test, value);
        // The entered result is flagged (the history may hold earlier abnormal results of the same test,
        // and their alerts: wait for this result's row, so the alerts read are those after it).
        const flagged = page.locator('table.results tr.result-alert', { hasText: rule.test }).filter({ hasText: asOf });
        await flagged.first().waitFor();
        expect(await flagged.count()).toBe(1);
        const alerts = page.locator('ul.alerts > li.alert');
        await alerts.first().waitFor();
        const shown = await alerts.allInnerTexts();
        for (const a of raised) expect(shown.some((t) => t.includes(a.message) && t.includes(a.urgency))).toBe(true);
        await screenshot(page, `therapy-${drug}-monitoring-alert`);
        await expectAccessible(`${drug} monitoring alert`);
      });
    } else if (monitored) {
      // Nothing to alert on: the result that matters is the one that fulfils the plan (the eye
      // examination after siponimod, the PML-vigilance MRI, the post-transplant visit).
      it(`${drug} has no alert rule in knowledge/monitoring/alerts.json: a result entered for a test the plan has open now marks that item done, as the engine does`, async () => {
        const asOf = await monitoringNow();
        const day = parseDay(asOf)!;
        const item = monitoringJson(monitorPatient({ history, asOf: day })).plan.find(
          (p) => p.drug === drug && (p.status === 'due' || p.status === 'overdue') && p.missingTests.length === 1 && !measured(p.missingTests[0]!),
        );
        expect(item, `an open ${drug} plan item whose one missing test is recorded as negative or positive`).toBeDefined();
        const test = item!.missingTests[0]!;
        const after = monitoringJson(monitorPatient({ history, asOf: day, results: [{ day, test, value: 'negative' }] })).plan;
        expect(after.find((p) => p.id === item!.id)?.status).toBe('done');

        await page.getByLabel('Test').selectOption(test);
        if (isExam(test)) expect(await page.locator('#result-test-help').innerText()).toBe(EXAM_DESCRIPTIONS[test]);
        await recordResult(asOf, test, 'negative');
        await page.locator('table.results tr', { hasText: test }).first().waitFor();
        const list = page.locator('details', { hasText: 'The plan as a list' });
        if ((await list.getAttribute('open')) === null) await list.locator('summary').click();
        await expect
          .poll(() => list.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent).join(' | '))))
          .toContain(`${item!.due} | ${item!.label} | done`);
        await screenshot(page, `therapy-${drug}-monitoring-result`);
        await expectAccessible(`${drug} monitoring result`);
      });
    }
  });

  it("ORATORIO's onset limit depends on the EDSS: PPMS 11 years from onset at EDSS 4.5 is outside it on the evidence map, as the engine says", async () => {
    const { json } = await readExample('early-ppms-ocrelizumab');
    const edss = json.edss!.map((e, i, all) => (i === all.length - 1 ? { ...e, score: 4.5 } : e));
    const variant: History = { ...json, id: `${json.id}-11-years`, msOnset: '2015-09', edss };
    const { history } = await historyFromJson(variant, parseDay(EXAMPLES_AS_OF)!, 'variant');
    const a = assess(history, { drug: 'ocrelizumab', asOf: parseDay(EXAMPLES_AS_OF)!, label: 'eu' });
    expect(a.evidenceBase.find((b) => b.study === 'ORATORIO')?.criteria.find((c) => c.id === 'duration')?.status).toBe('unmet');
    await api('/api/patients', variant);
    await page.goto(`${service.url}/#/patients/${encodeURIComponent(variant.id)}/assessment`);
    await page.getByLabel('Drug').selectOption('ocrelizumab');
    await page.getByLabel('As of').fill(EXAMPLES_AS_OF);
    await page.getByRole('button', { name: 'Assess' }).click();
    await page.locator('#verdict-heading', { hasText: DRUGS.ocrelizumab.name }).waitFor();
    expect(expectedPlaces(a)).toContainEqual({ study: 'ORATORIO', place: 'outside' });
    await expectMapPlaces(page, a);
    await page.locator('.evidence-map').screenshot({ path: join(SCREENSHOTS, 'therapy-ocrelizumab-oratorio-steps.png') });
    await expectAccessible('ORATORIO beyond its duration limit');
  });

  it('raised no script errors in the page', () => {
    expect(errors).toEqual([]);
  });
});

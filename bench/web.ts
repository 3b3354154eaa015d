// How fast a long-followed patient's timeline is on screen and answering: navigation start to the
// timeline drawn (the record first, then complete with the course's objective SPMS), then a click
// (zoom to the last 2 years) until the chart has redrawn. Measured in Debian's Chromium against a
// real `fulcrum serve`, each run in a fresh browser context (no cache), with a baseline in the same
// run: a patient with about 3 years of history.
//
//   npx tsx bench/web.ts [runs]
import { cpus, loadavg } from 'node:os';
import { dayFromDate } from '../src/history/dates.js';
import { catheterPatient, twentyYearHistory } from '../test/e2e/fixtures.js';
import { CHROMIUM, buildWeb, chromiumAvailable, launchBrowser, startService } from '../test/e2e/harness.js';

const RUNS = Number(process.argv[2] ?? 7);

if (!chromiumAvailable) {
  console.log(`bench/web: skipped, no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  process.exit(0);
}

interface Sample {
  /** The record drawn (before the course has arrived, when it arrives later). */
  firstMs: number;
  /** The whole timeline, objective SPMS from the course included. */
  drawnMs: number;
  clickMs: number;
}

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return `median ${q(0.5).toFixed(0)} ms, p90 ${q(0.9).toFixed(0)} ms, min ${s[0]!.toFixed(0)}, max ${s[s.length - 1]!.toFixed(0)}`;
}

await buildWeb();
const service = await startService();
const asOf = dayFromDate(new Date());
const long = twentyYearHistory('bench-20y', asOf);
const short = catheterPatient('bench-3y', asOf);
for (const h of [long, short]) {
  const r = await fetch(`${service.url}/api/patients`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${service.tokens.clinician}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(h),
  });
  if (!r.ok) throw new Error(`import ${h.id}: ${r.status} ${await r.text()}`);
}
const browser = await launchBrowser();

async function measure(id: string): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript((token: string) => sessionStorage.setItem('fulcrum.token', token), service.tokens.clinician);
  const page = await context.newPage();
  await page.goto(`${service.url}/#/patients/${id}/timeline`);
  await page.locator('#timeline-chart[data-complete]').waitFor({ timeout: 30_000 });
  const [firstMs, drawnMs] = await page.evaluate(() => [
    performance.getEntriesByName('fulcrum:timeline-drawn')[0]!.startTime,
    performance.getEntriesByName('fulcrum:timeline-complete')[0]!.startTime,
  ]);
  await page.evaluate(() => {
    const w = window as unknown as { clickAt?: number; redrawn?: Promise<number> };
    document.addEventListener('click', (e) => (w.clickAt = e.timeStamp), { capture: true, once: true });
    const box = document.getElementById('timeline-chart')!;
    w.redrawn = new Promise((resolve) => {
      const mo = new MutationObserver(() => {
        mo.disconnect();
        resolve(performance.now());
      });
      mo.observe(box, { attributes: true, attributeFilter: ['data-drawn'] });
    });
  });
  await page.getByRole('button', { name: 'Last 2 years' }).click();
  const clickMs = await page.evaluate(async () => {
    const w = window as unknown as { clickAt: number; redrawn: Promise<number> };
    return (await w.redrawn) - w.clickAt;
  });
  await context.close();
  return { firstMs, drawnMs, clickMs };
}

try {
  const results: Record<string, Sample[]> = { 'bench-3y': [], 'bench-20y': [] };
  await measure('bench-20y'); // warm-up: server caches, JIT
  for (let i = 0; i < RUNS; i++) for (const id of Object.keys(results)) results[id]!.push(await measure(id));
  console.log(`bench/web: timeline render and interaction, ${RUNS} runs each, fresh browser context per run`);
  // Figures from a shared machine are only comparable with the load they were taken under.
  console.log(
    `  machine: ${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (1, 5, 15 min)`,
  );
  console.log(
    `  20-year patient: ${long.edss!.length} EDSS, ${long.relapses!.length} relapses, ${long.mri!.length} MRI, ${long.therapies!.length} therapies, ${long.labs!.length} labs`,
  );
  for (const [id, samples] of Object.entries(results)) {
    const label = id === 'bench-3y' ? 'baseline, 3-year history' : '20-year history         ';
    console.log(`  ${label}  navigation start -> record drawn:   ${stats(samples.map((s) => s.firstMs))}`);
    console.log(`  ${label}  navigation start -> timeline drawn: ${stats(samples.map((s) => s.drawnMs))}  (with the course)`);
    console.log(`  ${label}  click -> chart redrawn:             ${stats(samples.map((s) => s.clickMs))}`);
    console.log(`  ${label}  drawn + click handled:              ${stats(samples.map((s) => s.drawnMs + s.clickMs))}`);
  }
  const worst = Math.max(...results['bench-20y']!.map((s) => s.drawnMs + s.clickMs));
  console.log(`  target: 20-year patient drawn and a click handled within 1000 ms: ${worst <= 1000 ? 'met' : 'NOT met'} (worst run ${worst.toFixed(0)} ms)`);
} finally {
  await browser.close();
  await service.stop();
}

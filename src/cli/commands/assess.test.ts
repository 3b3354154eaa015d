import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../io.js';
import { captureIo } from '../capture-io.js';
import { runCommand } from '../main.js';
import { command } from './assess.js';
import { parseDay } from '../../history/dates.js';
import { AssessmentSchema } from '../../assess/index.js';
import { historyToBundle } from '../../fhir/index.js';
import { readFileSync } from 'node:fs';
import type { History } from '../../history/schema.js';
import type { AssessDrug } from '../../drugs/index.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

// As the dispatcher (main.ts) runs it (Vite cannot follow main.ts's variable dynamic import; one
// test below runs the real dispatcher).
const main = (argv: string[], cli: CliIo): Promise<number> => runCommand(argv[0]!, command, argv.slice(1), cli);

async function run(...argv: string[]) {
  const io = captureIo(parseDay('2026-11-01')!);
  const code = await main(['assess', ...argv], io.cli);
  return { code, out: io.out(), err: io.err() };
}

// Each example shows one verdict (examples/README.md); the CLI must reproduce it from the file.
const EXPECTED: [string, AssessDrug, string][] = [
  ['early-active-rrms', 'alemtuzumab', 'offer'],
  ['long-duration-rrms', 'alemtuzumab', 'offer-with-caution'],
  ['insufficient-data', 'alemtuzumab', 'insufficient-data'],
  ['advanced-spms', 'alemtuzumab', 'advise-against'],
  ['hiv-positive', 'alemtuzumab', 'contraindicated'],
  ['early-active-rrms', 'mitoxantrone', 'advise-against'],
  ['hiv-positive', 'mitoxantrone', 'advise-against'],
  ['worsening-spms-mitoxantrone', 'mitoxantrone', 'offer'],
  ['anthracycline-mitoxantrone', 'mitoxantrone', 'offer-with-caution'],
  ['insufficient-data', 'mitoxantrone', 'insufficient-data'],
  ['catheter-mitoxantrone', 'mitoxantrone', 'advise-against'],
  ['advanced-spms', 'mitoxantrone', 'advise-against'],
  ['mitoxantrone-dose-limit', 'mitoxantrone', 'contraindicated'],
  ['no-ms-diagnosis', 'alemtuzumab', 'not-applicable'],
  ['no-ms-diagnosis', 'mitoxantrone', 'not-applicable'],
  ['jcv-positive-natalizumab', 'natalizumab', 'offer-with-caution'],
  ['early-ppms-ocrelizumab', 'ocrelizumab', 'offer'],
  ['early-active-rrms', 'ocrelizumab', 'offer'],
  ['advanced-spms', 'ocrelizumab', 'advise-against'],
  ['active-spms-ofatumumab', 'ofatumumab', 'offer'],
  ['early-ppms-ocrelizumab', 'ofatumumab', 'advise-against'],
  ['highly-active-cladribine', 'cladribine', 'offer'],
  ['cladribine-year-two-lymphopenia', 'cladribine', 'contraindicated'],
  ['active-spms-siponimod', 'siponimod', 'offer'],
  ['cyp2c9-poor-metaboliser', 'siponimod', 'contraindicated'],
  ['advanced-spms', 'siponimod', 'advise-against'],
  ['highly-active-rrms-ahsct', 'ahsct', 'offer'],
  ['advanced-spms', 'ahsct', 'advise-against'],
];

describe('fulcrum assess', () => {
  for (const [name, drug, verdict] of EXPECTED) {
    it(`examples/${name}.json with --drug ${drug} gives ${verdict}, printed exactly in the output shape with --json`, async () => {
      const r = await run(join(examples, `${name}.json`), '--drug', drug, '--as-of', '2026-11-01', '--json');
      expect(r.code).toBe(0);
      const json = JSON.parse(r.out);
      expect(AssessmentSchema.safeParse(json).success).toBe(true);
      expect(json.verdict).toBe(verdict);
      expect(json.asOf).toBe('2026-11-01');
    });
  }
  it('reads a FHIR R4 Bundle as well: every example as a Bundle gets the same verdict as its JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fulcrum-assess-fhir-'));
    for (const [name, drug, verdict] of EXPECTED) {
      const h = JSON.parse(readFileSync(join(examples, `${name}.json`), 'utf8')) as History;
      const file = join(dir, `${name}.bundle.json`);
      writeFileSync(file, JSON.stringify(historyToBundle(h)));
      const r = await run(file, '--drug', drug, '--as-of', '2026-11-01', '--json');
      expect(r.code, r.err).toBe(0);
      expect(JSON.parse(r.out).verdict, `${name} as a Bundle`).toBe(verdict);
    }
  });
  it('prints a readable report by default and a letter with --explain patient', async () => {
    const report = await run(join(examples, 'advanced-spms.json'), '--drug', 'alemtuzumab', '--as-of', '2026-11-01');
    expect(report.out).toContain('Verdict: ADVISE AGAINST');
    const letter = await run(join(examples, 'advanced-spms.json'), '--drug', 'alemtuzumab', '--as-of', '2026-11-01', '--explain', 'patient');
    expect(letter.out).toContain('We advise against alemtuzumab');
    const json = await run(join(examples, 'advanced-spms.json'), '--drug', 'alemtuzumab', '--as-of', '2026-11-01', '--explain', 'patient', '--json');
    expect(Object.keys(JSON.parse(json.out))).toEqual(['text', 'html']);
  });
  it('--label us applies the US label: one failed therapy is outside it', async () => {
    const r = await run(join(examples, 'early-active-rrms.json'), '--drug', 'alemtuzumab', '--as-of', '2026-11-01', '--label', 'us', '--json');
    const json = JSON.parse(r.out);
    expect(json.label).toBe('us');
    expect(json.verdict).toBe('advise-against');
    expect(json.tipping.map((t: { code: string }) => t.code)).toEqual(['alemtuzumab.outside-license']);
  });
  it("defaults the assessment date to today (from the adapter's clock)", async () => {
    const r = await run(join(examples, 'early-active-rrms.json'), '--drug', 'alemtuzumab', '--json');
    expect(JSON.parse(r.out).asOf).toBe('2026-11-01');
  });
  it('exits 2 on an invalid history, naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fulcrum-assess-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ formatVersion: 1, id: 'x', edss: [{ date: '2026-01-01', score: 0.5 }] }));
    const r = await run(file, '--drug', 'alemtuzumab', '--as-of', '2026-11-01');
    expect(r.code).toBe(2);
    expect(r.err).toContain('$.edss[0].score');
  });
  it('runs through the real dispatcher (fulcrum assess ... --json) in a child process', () => {
    const script = "const { main } = await import('./src/cli/main.ts'); process.exitCode = await main(process.argv.slice(1));";
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
        'assess',
        'examples/hiv-positive.json',
        '--drug',
        'alemtuzumab',
        '--as-of',
        '2026-11-01',
        '--json',
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).verdict).toBe('contraindicated');
  });
  it('exits 2 on a missing file and 64 without --drug or with an unknown drug', async () => {
    expect((await run(join(examples, 'nope.json'), '--drug', 'alemtuzumab')).code).toBe(2);
    expect((await run(join(examples, 'early-active-rrms.json'))).code).toBe(64);
    expect((await run(join(examples, 'early-active-rrms.json'), '--drug', 'fingolimod')).code).toBe(64);
  });
});

import { existsSync, mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDay } from '../../history/dates.js';
import type { CliIo } from '../io.js';
import { runCommand } from '../main.js';
import { command as convert } from './convert.js';
import { command as screen, defaultWorkers } from './screen.js';
import { command as synth } from './synth.js';
import { captureIo } from '../capture-io.js';

// convert, synth and screen as the dispatcher (main.ts) runs them.
const COMMANDS = { convert, screen, synth } as const;
const main = (argv: string[], cli: CliIo): Promise<number> => runCommand(argv[0]!, COMMANDS[argv[0] as keyof typeof COMMANDS], argv.slice(1), cli);

const io = (stderrIsTTY = false) => captureIo(parseDay('2026-11-01')!, { stderrIsTTY });

const dir = mkdtempSync(path.join(tmpdir(), 'fulcrum-fhir-cli-'));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

const bundle = {
  resourceType: 'Bundle',
  type: 'searchset',
  entry: [
    { resource: { resourceType: 'Patient', id: 'p1', gender: 'male', birthDate: '1979' } },
    {
      resource: {
        resourceType: 'Condition',
        subject: { reference: 'Patient/p1' },
        code: { coding: [{ system: 'http://snomed.info/sct', code: '426373005' }] },
        clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      },
    },
    { resource: { resourceType: 'Encounter', id: 'enc', status: 'finished' } },
  ],
};

describe('fulcrum convert', () => {
  it('prints the history and the mapping report of a FHIR Bundle', async () => {
    const t = io();
    expect(await main(['convert', file('b.json', JSON.stringify(bundle))], t.cli)).toBe(0);
    const out = JSON.parse(t.out());
    expect(out.history).toEqual({ formatVersion: 1, id: 'p1', sex: 'male', birthDate: '1979', course: { phenotype: 'RRMS' } });
    expect(out.mappingReport).toEqual([{ resource: 'Encounter/enc', reason: 'the product does not read Encounter resources' }]);
    expect(t.err()).toMatch(/1 resource not used/);
  });

  it('--to fhir writes a Bundle that converts back to the same history', async () => {
    const t = io();
    await main(['convert', file('b2.json', JSON.stringify(bundle)), '--to', 'fhir'], t.cli);
    const back = io();
    await main(['convert', file('b3.json', t.out())], back.cli);
    expect(JSON.parse(back.out())).toEqual({
      history: { formatVersion: 1, id: 'p1', sex: 'male', birthDate: '1979', course: { phenotype: 'RRMS' } },
      mappingReport: [],
    });
  });

  it('invalid FHIR exits 2 with every problem at its FHIRPath location', async () => {
    const bad = structuredClone(bundle);
    delete (bad.entry[1]!.resource as Record<string, unknown>).clinicalStatus;
    (bad.entry[1]!.resource as Record<string, unknown>).code = { coding: [{ system: 'http://snomed.info/sct', code: '86406008' }] };
    (bad.entry[0]!.resource as Record<string, unknown>).gender = 'M';
    const t = io();
    expect(await main(['convert', file('bad.json', JSON.stringify(bad)), '--strict'], t.cli)).toBe(2);
    expect(t.err()).toMatch(/Bundle\.entry\[0\]\.resource\.gender/);
    expect(t.out()).toBe('');
    const oo = io();
    expect(await main(['convert', path.join(dir, 'bad.json'), '--outcome', '--strict'], oo.cli)).toBe(2);
    const outcome = JSON.parse(oo.out());
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue.map((i: { expression: string[] }) => i.expression[0])).toEqual([
      'Bundle.entry[0].resource.gender',
      'Bundle.entry[1].resource.clinicalStatus',
    ]);
  });
});

describe('fulcrum synth', () => {
  it('the same seed gives the same patients; another seed, others', async () => {
    const a = io(),
      b = io(),
      c = io();
    await main(['synth', '--patients', '5', '--seed', '3', '--as-of', '2026-01-01'], a.cli);
    await main(['synth', '--patients', '5', '--seed', '3', '--as-of', '2026-01-01'], b.cli);
    await main(['synth', '--patients', '5', '--seed', '4', '--as-of', '2026-01-01'], c.cli);
    expect(a.out()).toBe(b.out());
    expect(a.out()).not.toBe(c.out());
    expect(a.out().trim().split('\n')).toHaveLength(5);
  });

  it('--fhir writes one Bundle per line; --bulk a folder of NDJSON per resource type with a manifest', async () => {
    const f = io();
    await main(['synth', '--patients', '2', '--seed', '3', '--fhir'], f.cli);
    expect(
      f
        .out()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).resourceType),
    ).toEqual(['Bundle', 'Bundle']);
    const d = path.join(dir, 'bulk');
    expect(await main(['synth', '--patients', '3', '--seed', '3', '--bulk', d], io().cli)).toBe(0);
    expect(readFileSync(path.join(d, 'Patient.ndjson'), 'utf8').trim().split('\n')).toHaveLength(3);
    expect(JSON.parse(readFileSync(path.join(d, 'manifest.json'), 'utf8')).output.map((o: { type: string }) => o.type)).toContain('Observation');
  });

  it('a seed is required: a cohort nobody can reproduce is a usage error', async () => {
    expect(await main(['synth', '--patients', '3'], io().cli)).toBe(64);
  });
});

describe('fulcrum screen', () => {
  it('writes rows to --out, the summary to stderr, and no progress bar when stderr is not a terminal', async () => {
    const s = io();
    await main(['synth', '--patients', '30', '--seed', '9', '--as-of', '2026-11-01'], s.cli);
    const input = file('c.ndjson', s.out());
    const out = path.join(dir, 'rows.csv');
    const summary = path.join(dir, 'summary.json');
    const t = io();
    expect(await main(['screen', input, '--drug', 'mitoxantrone', '--as-of', '2026-11-01', '--out', out, '--summary', summary], t.cli)).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(31);
    expect(t.err()).toMatch(/^screened 30 records/);
    expect(t.err()).not.toMatch(/\r/);
    expect(JSON.parse(readFileSync(summary, 'utf8')).patients).toBe(30);
  });

  it('uses a thread per core (at most 8) from 16 MB of input, file or Bulk folder, and none below', () => {
    const small = file('small.ndjson', '{}\n');
    const large = path.join(dir, 'large.ndjson');
    writeFileSync(large, '');
    truncateSync(large, 16 << 20);
    const bulk = path.join(dir, 'bulk');
    mkdirSync(bulk, { recursive: true });
    for (const name of ['Patient.ndjson', 'Observation.ndjson']) {
      writeFileSync(path.join(bulk, name), '');
      truncateSync(path.join(bulk, name), 8 << 20);
    }
    const cores = Math.min(availableParallelism(), 8);
    expect(defaultWorkers(small)).toBe(0);
    expect(defaultWorkers(large)).toBe(cores);
    expect(defaultWorkers(bulk)).toBe(cores);
    truncateSync(large, (16 << 20) - 1);
    expect(defaultWorkers(large)).toBe(0);
  });

  it('a missing input is an input error, a missing --drug a usage error', async () => {
    expect(await main(['screen', path.join(dir, 'nope.ndjson'), '--drug', 'alemtuzumab'], io().cli)).toBe(2);
    expect(await main(['screen', file('e.ndjson', '')], io().cli)).toBe(64);
    expect(existsSync(dir)).toBe(true);
  });
});

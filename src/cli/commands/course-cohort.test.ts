import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDay } from '../../history/dates.js';
import type { CliIo } from '../io.js';
import { runCommand } from '../main.js';
import { command } from './course.js';
import { command as edss } from './edss.js';

function io(tty = false) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), today: () => parseDay('2024-06-15')!, stdoutIsTTY: false, stderrIsTTY: tty };
  return { cli, out: () => out.join(''), err: () => err.join('') };
}

const dir = mkdtempSync(path.join(tmpdir(), 'fulcrum-cohort-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}
const course = (argv: string[], cli: CliIo) => runCommand('course', command, argv, cli);

// Two made-up subjects in msprog's layout: s1 worsens 2.0 -> 3.5 and holds; s2 has a relapse 20 days
// before its worsening (RAW).
const visits = file(
  'visits.csv',
  [
    'id,date,EDSS,SDMT',
    's1,2020-01-01,2,50',
    's1,2020-07-01,3.5,50',
    's1,2021-01-01,3.5,44',
    's1,2021-07-01,3.5,44',
    '"s2",2020-01-01,2,60',
    '"s2",2020-07-01,3.5,NA',
    '"s2",2021-01-01,3.5,60',
  ].join('\n') + '\n',
);
const relapses = file('relapses.csv', 'id,date\ns2,2020-06-11\n');

describe('fulcrum course on cohort tables', () => {
  it('writes one msprog-shaped row per event and the event counts', async () => {
    const t = io();
    const out = path.join(dir, 'events.csv');
    const counts = path.join(dir, 'counts.csv');
    expect(await course(['--visits', visits, '--relapses', relapses, '--out', out, '--counts', counts], t.cli)).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(
      [
        'id,nevent,event_type,CDW_type,total_fu,bl2event,time2event,sust_days,sust_last',
        's1,1,CDW,PIRA,547,182,182,365,TRUE',
        's2,1,CDW,RAW,366,182,182,184,TRUE',
      ].join('\n') + '\n',
    );
    expect(readFileSync(counts, 'utf8')).toBe('id,event_sequence,CDI,CDW,RAW,PIRA\ns1,PIRA,0,1,0,1\ns2,RAW,0,1,1,0\n');
    expect(t.out()).toBe(`2 subjects, 7 visits: 2 CDW (1 PIRA, 1 RAW), 0 CDI -> ${out}\n`);
    expect(t.err()).toBe('');
  });

  it('takes the outcome from the settings (SDMT falls 6 points) and column names from --columns', async () => {
    const t = io();
    const out = path.join(dir, 'sdmt.csv');
    const settings = file('sdmt.json', JSON.stringify({ outcome: 'sdmt', event: 'multiple' }));
    const columns = file('cols.json', JSON.stringify({ value_col: 'SDMT', include_dates: true, include_stable: false }));
    expect(await course(['--visits', visits, '--settings', settings, '--columns', columns, '--out', out], t.cli)).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'id,nevent,event_type,CDW_type,total_fu,date,bl_date,last_delta_date,bl2event,time2event,sust_days,sust_last,conf84_date,PIRA_conf84_date',
    );
    // Without a relapses table there are no relapses, so every CDW is PIRA, as in msprog (a history
    // without a relapse list leaves it unclassified instead: there, absent means not recorded).
    expect(lines.slice(1)).toEqual(['s1,1,CDW,PIRA,547,2021-01-01,2020-01-01,2020-07-01,366,366,181,TRUE,2021-07-01,2021-07-01']);
  });

  it('draws a progress bar on a terminal only', async () => {
    const t = io(true);
    expect(await course(['--visits', visits, '--out', path.join(dir, 'p.csv')], t.cli)).toBe(0);
    expect(t.err()).toMatch(/\[#{30}\] 100% 2 subjects\n$/);
  });

  it('refuses a table whose subject rows are split, naming the line', async () => {
    const split = file('split.csv', 'id,date,EDSS\na,2020-01-01,1\nb,2020-01-01,1\na,2020-02-01,1\n');
    const t = io();
    expect(await course(['--visits', split, '--out', path.join(dir, 'x.csv')], t.cli)).toBe(2);
    expect(t.err()).toMatch(/line 4: subject "a" appears again/);
  });

  it('names a missing column and a bad setting', async () => {
    const t = io();
    const cols = file('bad-cols.json', JSON.stringify({ value_col: 'EDSS_score' }));
    expect(await course(['--visits', visits, '--columns', cols, '--out', path.join(dir, 'x.csv')], t.cli)).toBe(2);
    expect(t.err()).toMatch(/no column "EDSS_score" \(value_col\)/);
    const u = io();
    const bad = file('bad.json', JSON.stringify({ conf_day: 84 }));
    expect(await course(['--visits', visits, '--settings', bad, '--out', path.join(dir, 'x.csv')], u.cli)).toBe(2);
    expect(u.err()).toMatch(/unknown setting "conf_day"/);
  });
});

describe('fulcrum course FILE --settings', () => {
  const patient = {
    formatVersion: 1,
    id: 'settings-1',
    edss: [
      { date: '2020-01-01', score: 5.5, functionalSystems: { pyramidal: 3 } },
      { date: '2020-07-01', score: 6 },
      { date: '2021-01-01', score: 6 },
      { date: '2021-07-01', score: 0, functionalSystems: { pyramidal: 5, cerebellar: 5, visual: 6 } },
      { date: '2021-08-01', score: 6 },
    ],
    relapses: [],
  };
  const p = file('patient.json', JSON.stringify(patient));

  it("msprog's 0.5 from 5.5 finds the worsening the product default (1.0 from 5.5) does not", async () => {
    const plain = io();
    expect(await course([p, '--as-of', '2024-06-15', '--json'], plain.cli)).toBe(0);
    expect(JSON.parse(plain.out()).progression.status).toBe('unmet');
    const t = io();
    const s = file('msprog.json', JSON.stringify({ delta_fun: 'msprog' }));
    expect(await course([p, '--as-of', '2024-06-15', '--json', '--settings', s], t.cli)).toBe(0);
    const r = JSON.parse(t.out());
    expect(r.progression.status).toBe('met');
    expect(r.progression.events[0]).toMatchObject({ type: 'PIRA', baselineScore: 5.5, eventDate: '2020-07-01' });
  });

  it('warns about a recorded EDSS its own functional systems contradict, keeping the score', async () => {
    const t = io();
    expect(await course([p, '--as-of', '2024-06-15'], t.cli)).toBe(0);
    expect(t.out()).toContain('warning: Recorded EDSS 0 on 2021-07-01; its recorded functional-system scores imply at least 5.0');
  });

  it('--settings replaces the three shorthand options', async () => {
    const t = io();
    const s = file('empty.json', '{}');
    expect(await course([p, '--settings', s, '--baseline', 'roving'], t.cli)).toBe(64);
  });
});

describe('fulcrum edss', () => {
  it('computes the EDSS of each NDJSON line, a lower bound with gaps, and names a bad field', async () => {
    const input = file(
      'fs.ndjson',
      [
        JSON.stringify({
          functionalSystems: { visual: 0, brainstem: 0, pyramidal: 2, cerebellar: 2, sensory: 0, bowelBladder: 0, cerebral: 0, ambulation: 0 },
        }),
        JSON.stringify({ functionalSystems: { ambulation: 10 } }),
        JSON.stringify({ functionalSystems: { pyramidal: 7 } }),
        '',
      ].join('\n'),
    );
    const t = io();
    expect(await runCommand('edss', edss, [input], t.cli)).toBe(2);
    expect(
      t
        .out()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { edss: 2.5 },
      { edssAtLeast: 7, missing: ['visual', 'brainstem', 'pyramidal', 'cerebellar', 'sensory', 'bowelBladder', 'cerebral'] },
      { error: expect.stringMatching(/^line 3: functionalSystems\.pyramidal: /) },
    ]);
  });
});

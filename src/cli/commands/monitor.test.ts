import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, InputError, UsageError, type CliIo } from '../io.js';
import { command } from './monitor.js';
import { parseDay } from '../../history/dates.js';
import type { Lab } from '../../history/schema.js';
import { alemtuzumabHistory, mitoxantroneHistory, normalPanel } from '../../monitor/fixtures.js';

function run(argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), today: () => parseDay('2025-03-10')!, stdoutIsTTY: false, stderrIsTTY: false };
  // As the dispatcher (main.ts) maps errors to exit codes; vitest cannot follow its dynamic import.
  return command
    .run(argv.slice(1), io)
    .catch((e: unknown) => {
      if (e instanceof UsageError) return EXIT.usage;
      if (e instanceof InputError) {
        err += `${e.message}\n`;
        return EXIT.invalidInput;
      }
      throw e;
    })
    .then((code) => ({ code, out, err }));
}

const dir = mkdtempSync(join(tmpdir(), 'fulcrum-monitor-cli-'));
const write = (name: string, content: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};
// Course 6-10 January 2025; baseline bloods in December.
const history = write('h.json', alemtuzumabHistory(['2025-01-06'], { id: 'cli-1', sex: 'male', labs: normalPanel('2024-12-10') }));

describe('fulcrum monitor plan', () => {
  it('prints the plan with statuses and the next due date', async () => {
    const r = await run(['monitor', 'plan', history, '--as-of', '2025-03-10']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Monitoring for cli-1 as of 2025-03-10');
    expect(r.out).toMatch(/2025-02-10 {2}missed {3}Full blood count/);
    expect(r.out).toMatch(/2025-03-10 {2}DUE/);
  });

  it('--json gives the API shape: plan items with window and status, results, alerts, burden', async () => {
    const r = await run(['monitor', 'plan', history, '--as-of', '2025-03-10', '--json']);
    const j = JSON.parse(r.out);
    expect(j.plan[0]).toHaveProperty('window.from');
    expect(j).toHaveProperty('burden.planned');
    expect(j.results).toHaveLength(10);
  });

  it('--ics writes an iCalendar with the given DTSTAMP', async () => {
    const r = await run(['monitor', 'plan', history, '--as-of', '2025-03-10', '--ics', '--stamp', '2025-03-10T09:00:00Z']);
    expect(r.out.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(r.out).toContain('DTSTAMP:20250310T090000Z\r\n');
  });

  it('rejects --json with --ics, and a bad --stamp, as usage errors', async () => {
    expect((await run(['monitor', 'plan', history, '--json', '--ics'])).code).toBe(64);
    expect((await run(['monitor', 'plan', history, '--ics', '--stamp', 'yesterday'])).code).toBe(64);
    expect((await run(['monitor'])).code).toBe(64);
  });
});

describe('fulcrum monitor results', () => {
  it('records CSV results, reports duplicates and the alerts they raise, and keeps them in --into', async () => {
    const csv = write('r.csv', 'date,test,value,unit\n2025-03-03,platelets,25,10^9/L\n2025-03-03,platelets,25,10^9/L\n2025-03-03,tsh,"1,9",mIU/L\n');
    const store = join(dir, 'store.json');
    const r = await run(['monitor', 'results', history, '--add', csv, '--into', store, '--as-of', '2025-03-10', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect([j.recorded, j.duplicates]).toEqual([2, 1]);
    expect(j.alerts.map((a: { ruleId: string }) => a.ruleId)).toEqual(['itp.platelets-critical']);
    expect(JSON.parse(readFileSync(store, 'utf8')).results).toHaveLength(2);
    // Sending the same file again records nothing and loses nothing.
    const again = JSON.parse((await run(['monitor', 'results', history, '--add', csv, '--into', store, '--as-of', '2025-03-10', '--json'])).out);
    expect([again.recorded, again.duplicates]).toEqual([0, 3]);
    expect(JSON.parse(readFileSync(store, 'utf8')).results).toHaveLength(2);
  });

  it('natalizumab: an anti-JCV result turning positive with a high index raises both PML-risk alerts', async () => {
    const h = write('ntz.json', {
      formatVersion: 1,
      id: 'cli-ntz',
      therapies: [{ drug: 'natalizumab', start: '2024-01-10' }],
      labs: [{ date: '2024-01-02', test: 'jcv-antibody', value: 'negative' }],
    });
    const csv = write('ntz.csv', 'date,test,value,unit\n2025-01-08,jcv-antibody,positive,\n2025-01-08,jcv-index,2.1,index\n');
    const r = await run(['monitor', 'results', h, '--add', csv, '--as-of', '2025-03-10', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.alerts.map((a: { ruleId: string; urgency: string }) => [a.ruleId, a.urgency]).sort()).toEqual([
      ['natalizumab.jcv-index-high', 'soon'],
      ['natalizumab.jcv-seroconversion', 'soon'],
    ]);
    const text = await run(['monitor', 'results', h, '--add', csv, '--as-of', '2025-03-10']);
    expect(text.out).toMatch(/PML risk on natalizumab has changed/);
  });

  it('siponimod: an eye examination recorded positive raises the macular oedema alert; negative raises none', async () => {
    const h = write('sip.json', { formatVersion: 1, id: 'cli-sip', therapies: [{ drug: 'siponimod', start: '2024-11-15' }] });
    const alertsFor = async (value: string) => {
      const csv = write(`sip-${value}.csv`, `date,test,value,unit\n2025-02-20,macular-examination,${value},\n`);
      const r = await run(['monitor', 'results', h, '--add', csv, '--as-of', '2025-03-10', '--json']);
      expect(r.code).toBe(0);
      return JSON.parse(r.out).alerts.map((a: { ruleId: string; test: string }) => [a.ruleId, a.test]);
    };
    expect(await alertsFor('negative')).toEqual([]);
    expect(await alertsFor('positive')).toEqual([['siponimod.macular-oedema', 'macular-examination']]);
  });

  it('reads FHIR Observations (LOINC, UCUM units) and reports what it did not use', async () => {
    const bundle = write('obs.json', {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '3016-3' }] },
            effectiveDateTime: '2025-03-04T08:10:00+01:00',
            valueQuantity: { value: 7.2, unit: 'mIU/L', system: 'http://unitsofmeasure.org', code: 'm[IU]/L' },
          },
        },
        {
          resource: {
            resourceType: 'Observation',
            status: 'preliminary',
            code: { coding: [{ system: 'http://loinc.org', code: '777-3' }] },
            effectiveDateTime: '2025-03-04',
            valueQuantity: { value: 10, code: '10*9/L' },
          },
        },
        { resource: { resourceType: 'Patient' } },
      ],
    });
    const r = await run(['monitor', 'results', history, '--add', bundle, '--as-of', '2025-03-10', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.recorded).toBe(1);
    expect(j.alerts.map((a: { ruleId: string }) => a.ruleId)).toEqual(['thyroid.tsh-high']);
    expect(r.err).toContain('preliminary');
    expect(r.err).toContain('Patient is not an Observation');
  });

  it('bad results: exit 2 with every problem named by file and line', async () => {
    const csv = write('bad.csv', 'date,test,value,unit\n2025-03-03,platelet,25,10^9/L\n2025-02-30,tsh,1,mIU/L\n');
    const r = await run(['monitor', 'results', history, '--add', csv, '--as-of', '2025-03-10']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad.csv line 2 (test)');
    expect(r.err).toContain('bad.csv line 3 (date): is not a real calendar date (found "2025-02-30")');
    expect(r.err).toMatch(/bad\.csv line 2 \(test\): unknown test.*\(found "platelet"\)/);
  });

  it('a CSV without the required columns is refused, naming the header', async () => {
    const csv = write('nohead.csv', 'when,what\n2025-03-03,platelets\n');
    const r = await run(['monitor', 'results', history, '--add', csv, '--as-of', '2025-03-10']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/line 1: the header has no "date" column/);
  });
});

describe('fulcrum monitor worklist', () => {
  const wl = join(dir, 'clinic');
  mkdirSync(wl);
  writeFileSync(
    join(wl, 'a.json'),
    JSON.stringify(
      alemtuzumabHistory(['2025-01-06'], {
        id: 'low-platelets',
        sex: 'male',
        labs: [...normalPanel('2024-12-10'), { date: '2025-03-03', test: 'platelets', value: 120, unit: '10^9/L' }],
      }),
    ),
  );
  writeFileSync(join(wl, 'b.json'), JSON.stringify({ history: alemtuzumabHistory(['2025-01-27'], { id: 'overdue', sex: 'male' }) }));
  // Pre-dose LVEF, blood count and liver tests all recorded: nothing to do.
  const preDose = [{ date: '2025-01-09', test: 'lvef', value: 60, unit: '%' }, ...normalPanel('2025-01-08').filter((l) => l.test !== 'tsh')] as Lab[];
  writeFileSync(join(wl, 'c.json'), JSON.stringify(mitoxantroneHistory(['2025-01-10'], undefined, { id: 'mito-ok', labs: preDose })));
  // The same dose without a recorded blood count or liver test, and nothing since: missed safety tests.
  writeFileSync(
    join(wl, 'd.json'),
    JSON.stringify(
      mitoxantroneHistory(['2025-01-10'], undefined, { id: 'mito-no-bloods', labs: [{ date: '2025-01-09', test: 'lvef', value: 60, unit: '%' }] }),
    ),
  );

  it('lists the patients needing action, most urgent first', async () => {
    const r = await run(['monitor', 'worklist', wl, '--as-of', '2025-03-10', '--json']);
    expect(r.code).toBe(0);
    const items = JSON.parse(r.out).items as { patientId: string; urgency: string; missed: { id: string }[]; escalations: { ruleId: string }[] }[];
    expect(items.map((i) => [i.patientId, i.urgency])).toEqual([
      ['low-platelets', 'urgent'],
      ['mito-no-bloods', 'soon'],
      ['overdue', 'routine'],
    ]);
    expect(items[1]!.missed.map((m) => m.id)).toEqual(['mitoxantrone.pre-dose.cbc#d1', 'mitoxantrone.pre-dose.liver#d1']);
    expect(items[1]!.escalations.map((x) => x.ruleId)).toEqual(['missed.nothing-since']);
  });

  it('the text shows recently missed tests and why a patient was raised', async () => {
    const r = await run(['monitor', 'worklist', wl, '--as-of', '2025-03-10']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/SOON\s+mito-no-bloods .*2 missed recently: cbc due 2025-01-10, liver due 2025-01-10 .*SOON: A safety test was missed/);
  });

  it('reads NDJSON; an unreadable record is reported, the others still listed, exit 2', async () => {
    const nd = write(
      'clinic.ndjson',
      [
        JSON.stringify(alemtuzumabHistory(['2025-01-27'], { id: 'overdue', sex: 'male' })),
        '{not json',
        JSON.stringify({ formatVersion: 1, id: 'bad', edss: [{ date: '2024-01-01', score: 0.5 }] }),
      ].join('\n'),
    );
    const r = await run(['monitor', 'worklist', nd, '--as-of', '2025-03-10']);
    expect(r.code).toBe(2);
    expect(r.out).toContain('overdue');
    expect(r.err).toContain('line 2');
    expect(r.err).toContain('$.edss[0].score');
    expect(r.err).toContain('2 patient records could not be read');
  });
});

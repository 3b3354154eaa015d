// msprog 1.0.0's own outputs on its toy data under 11 settings (62 run-subject vectors, from
// ../shared/oracles/msprog-runs): each vector's settings, written in msprog's argument names, go
// through the product's settings parser unchanged (only msprog's function-valued delta_fun is written
// as data) and the scan must give msprog's rows: event type, CDW type, bl2event, time2event,
// sust_days, sust_last, total_fu, and where the run printed them the dates and values.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDay } from '../../src/history/dates.js';
import { computeCourse, scanEvents, msprogRows } from '../../src/course/index.js';
import { parseCourseSettings } from '../../src/course/settings-json.js';
import type { History } from '../../src/history/schema.js';
import { haveOracles, ORACLES, readCsv, SKIP_REASON } from './oracle-data.js';

interface Vector {
  vector_id: string;
  settings: Record<string, unknown>;
  visits: { date: string; value: number }[];
  relapse_onsets: string[];
  expected_events: Record<string, unknown>[];
  total_fu_days: number;
}

/** msprog's settings as its runs record them, in the JSON a researcher would write. */
export function msprogSettingsJson(s: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Output-only arguments (RAW_PIRA, include_*, subjects) and validconf_col (null) are not settings.
  const skip = new Set(['RAW_PIRA', 'include_stable', 'include_dates', 'include_values', 'subjects', 'validconf_col', 'delta_fun']);
  for (const [k, v] of Object.entries(s)) if (!skip.has(k)) out[k] = v;
  const ri = s.relapse_indep as Record<string, unknown>;
  out.relapse_indep = { prec: ri.prec, event: ri.event, conf: ri.conf, prec_type: ri.prec_type };
  const delta = String(s.delta_fun);
  // msprog's delta_fun is an R function; its three runs use its EDSS rule, its SDMT rule and min(ref/10, 3).
  if (delta.startsWith('default EDSS')) out.delta_fun = 'msprog';
  else if (delta.startsWith('custom: min(ref/10, 3)')) out.delta_fun = { percent: 10, max_points: 3 };
  else if (!delta.startsWith('default SDMT')) throw new Error(`unmapped delta_fun ${delta}`);
  return out;
}

const vectors: Vector[] = haveOracles
  ? (JSON.parse(readFileSync(path.join(ORACLES, 'msprog-runs/msprog-vectors.json'), 'utf8')) as { vectors: Vector[] }).vectors
  : [];

describe.skipIf(!haveOracles)('msprog 1.0.0 reference runs (msprog-runs/)', () => {
  it('holds 62 vectors from 11 runs', () => {
    expect(vectors).toHaveLength(62);
  });

  it('the same events through the whole course engine from a history (as `fulcrum course --settings` computes them)', () => {
    let compared = 0;
    for (const v of vectors) {
      const settings = parseCourseSettings(msprogSettingsJson(v.settings));
      const outcome = String(v.settings.outcome);
      const history: History = {
        formatVersion: 1,
        id: v.vector_id,
        ...(outcome === 'edss'
          ? { edss: v.visits.map((x) => ({ date: x.date, score: x.value })) }
          : { performanceTests: v.visits.map((x) => ({ date: x.date, test: 'sdmt' as const, value: x.value })) }),
        relapses: v.relapse_onsets.map((onset) => ({ onset, disabling: true, recovery: 'partial' as const })),
      };
      const last = parseDay(v.visits[v.visits.length - 1]!.date)!;
      const p = computeCourse(history, last, { settings }).progression;
      const got = [
        ...p.events.map((e) => ['CDW', e.timeToEventDays, e.baselineToEventDays]),
        ...p.improvements.map((e) => ['CDI', e.timeToEventDays, e.baselineToEventDays]),
      ].sort((a, b) => (a[1] as number) - (b[1] as number));
      const want = v.expected_events.map((e) => [e.event_type, e.time2event, e.bl2event]);
      expect(got, v.vector_id).toEqual(want);
      compared++;
    }
    expect(compared).toBe(62);
  });

  it.each(vectors.map((v) => [v.vector_id, v] as const))('%s', (_id, v) => {
    const settings = parseCourseSettings(msprogSettingsJson(v.settings));
    const visits = v.visits.map((x) => ({ day: parseDay(x.date)!, value: x.value }));
    const relapses = v.relapse_onsets.map((r) => parseDay(r)!);
    const { events } = scanEvents(visits, relapses, settings);
    const rows = msprogRows(visits, events, { dates: true, values: true, confDays: settings.confDays });
    const expected = v.expected_events;
    if (expected.length === 0) {
      // A subject without events: msprog's stable row, time2event = total follow-up.
      expect(rows).toEqual([expect.objectContaining({ nevent: 0, event_type: '', time2event: v.total_fu_days, total_fu: v.total_fu_days })]);
      return;
    }
    expect(rows.length).toBe(expected.length);
    rows.forEach((row, i) => {
      const want = expected[i]!;
      const got: Record<string, unknown> = {};
      for (const k of Object.keys(want)) if (k !== 'nevent') got[k] = row[k as keyof typeof row];
      const wanted = { ...want };
      delete wanted.nevent;
      // msprog prints an EDSS of 6 as 6; the CDW_type column is only printed when RAW/PIRA was asked.
      expect(got).toEqual(wanted);
      expect(row.nevent).toBe(want.nevent);
    });
  });
});

// msprog 1.0.1 (CRAN) on the same toy data, through the settings scan as a researcher would call it.
describe.skipIf(!haveOracles)('msprog 1.0.1 runs (msprog-multiple-*.csv) through the settings scan', () => {
  const visits = haveOracles ? readCsv('msprog-toydata-visits.csv') : [];
  const relapses = haveOracles ? readCsv('msprog-toydata-relapses.csv') : [];
  const ids = [...new Set(visits.map((v) => v.id!))];
  for (const [file, json] of [
    ['msprog-multiple-default.csv', { event: 'multiple', delta_fun: 'msprog' }],
    ['msprog-multiple-roving-24w.csv', { event: 'multiple', delta_fun: 'msprog', baseline: 'roving', conf_days: 168 }],
  ] as const) {
    it(`${file}: every row`, () => {
      const settings = parseCourseSettings(json);
      const got = ids.flatMap((id) => {
        const vs = visits
          .filter((v) => v.id === id)
          .map((v) => ({ day: parseDay(v.date!)!, value: Number(v.EDSS) }))
          .sort((a, b) => a.day - b.day);
        const rel = relapses.filter((r) => r.id === id).map((r) => parseDay(r.date!)!);
        return msprogRows(vs, scanEvents(vs, rel, settings).events, { confDays: settings.confDays }).map((r) =>
          [id, r.nevent === 0 ? '' : r.event_type, r.total_fu, r.bl2event ?? 'NA', r.time2event, r.sust_days, r.sust_last].join(','),
        );
      });
      const want = readCsv(file).map((r) =>
        [r.id, r.event_type ?? '', r.total_fu, r.bl2event ?? 'NA', r.time2event, r.sust_days ?? 0, r.sust_last === 'TRUE'].join(','),
      );
      expect(got).toEqual(want);
    });
  }
});

if (!haveOracles) describe('msprog 1.0.0 reference runs', () => it.skip(SKIP_REASON, () => {}));

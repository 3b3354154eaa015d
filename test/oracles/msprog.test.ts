// msprog 1.0.1 (Montobbio) on its toy dataset: MSprog(..., event = "multiple") with defaults, and with
// baseline = "roving", conf_days = 168. Compared row by row: event type (CDW/CDI), bl2event,
// time2event, sust_days, sust_last and total_fu.
//
// Deliberate difference, made explicit here: msprog's compute_delta asks +0.5 from a baseline of 5.5,
// the product (Kappos 2020, as the issue states) +1.0. The oracle is reproduced with
// deltaScheme 'msprog'; the product default is checked to differ exactly where baseline is 5.5.

import { describe, expect, it } from 'vitest';
import { parseDay } from '../../src/history/dates.js';
import { DEFAULT_PROGRESSION_OPTIONS, detectEvents, type ProgressionOptions, type ScoreVisit } from '../../src/course/index.js';
import { haveOracles, readCsv, SKIP_REASON } from './oracle-data.js';

interface Row {
  id: string;
  type: string;
  totalFu: number;
  bl2event?: number;
  time2event: number;
  sustDays?: number;
  sustLast: boolean;
}

function toy() {
  const visits = readCsv('msprog-toydata-visits.csv');
  const relapses = readCsv('msprog-toydata-relapses.csv');
  const ids = [...new Set(visits.map((v) => v.id!))];
  return ids.map((id) => ({
    id,
    visits: visits.filter((v) => v.id === id).map((v): ScoreVisit => ({ day: parseDay(v.date!)!, score: Number(v.EDSS) })),
    relapses: relapses.filter((r) => r.id === id).map((r) => parseDay(r.date!)!),
  }));
}

function ours(options: Partial<ProgressionOptions>): Row[] {
  const rows: Row[] = [];
  for (const p of toy()) {
    p.visits.sort((a, b) => a.day - b.day);
    const o = { ...DEFAULT_PROGRESSION_OPTIONS, ...options };
    const { events } = detectEvents(p.visits, p.relapses, o);
    const first = p.visits[0]!.day;
    const totalFu = p.visits[p.visits.length - 1]!.day - first;
    if (events.length === 0) rows.push({ id: p.id, type: '', totalFu, time2event: totalFu, sustLast: false });
    for (const e of events) {
      const ev = p.visits[e.eventIndex]!;
      rows.push({
        id: p.id,
        type: e.kind,
        totalFu,
        bl2event: ev.day - p.visits[e.baselineIndex]!.day,
        time2event: ev.day - first,
        sustDays: p.visits[e.sustainedIndex]!.day - ev.day,
        sustLast: e.sustainedIndex === p.visits.length - 1,
      });
    }
  }
  return rows;
}

function theirs(file: string): Row[] {
  return readCsv(file).map((r) => ({
    id: r.id!,
    type: r.event_type ?? '',
    totalFu: Number(r.total_fu),
    ...(r.bl2event !== undefined ? { bl2event: Number(r.bl2event) } : {}),
    time2event: Number(r.time2event),
    ...(r.sust_days !== undefined ? { sustDays: Number(r.sust_days) } : {}),
    sustLast: r.sust_last === 'TRUE',
  }));
}

describe.skipIf(!haveOracles)('msprog toy data', () => {
  it('reproduces MSprog(event = "multiple") with default options, row by row (12/12)', () => {
    const expected = theirs('msprog-multiple-default.csv');
    expect(ours({ event: 'multiple', deltaScheme: 'msprog' })).toEqual(expected);
    expect(expected).toHaveLength(12);
  });

  it('reproduces MSprog(event = "multiple", baseline = "roving", conf_days = 168), row by row (7/7)', () => {
    const expected = theirs('msprog-multiple-roving-24w.csv');
    expect(ours({ event: 'multiple', deltaScheme: 'msprog', baseline: 'roving', confDays: 168 })).toEqual(expected);
  });

  it('with the product delta (1.0 from 5.5) only events counted from a 5.5 baseline change', () => {
    const msprog = ours({ event: 'multiple', deltaScheme: 'msprog' });
    const product = ours({ event: 'multiple' });
    // Patient 1 starts at 5.5 and reaches 6.0: a 0.5 step, CDW for msprog, not for Kappos 2020.
    expect(msprog.filter((r) => r.id === '1' && r.type === 'CDW')).toHaveLength(2);
    expect(product.filter((r) => r.id === '1' && r.type === 'CDW')).toHaveLength(0);
    // Patients whose baselines never sit at 5.5 agree.
    for (const id of ['2', '3', '7']) expect(product.filter((r) => r.id === id)).toEqual(msprog.filter((r) => r.id === id));
  });
});

// Without the reference folder the comparisons are reported as skipped, saying why.
if (!haveOracles) describe('msprog toy data', () => it.skip(SKIP_REASON, () => {}));

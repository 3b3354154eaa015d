import { describe, expect, it } from 'vitest';
import type { History } from '../api/types.js';
import { buildTimeline, toTime } from './timeline.js';
import { timelineOption } from './timeline-chart.js';

type S = { id: string; data: unknown[]; markArea?: { data: unknown[] }; markLine?: { data: { name: string; xAxis: number }[] } };
const series = (o: Record<string, unknown>, id: string) => (o.series as S[]).find((s) => s.id === id)!;

const h: History = {
  formatVersion: 1,
  id: 'c',
  msOnset: '2005',
  msDiagnosis: '2007-06-12',
  edss: [
    { date: '2010-01-01', score: 3 },
    { date: '2016-01-01', score: 6 },
  ],
  therapies: [{ drug: 'mitoxantrone', start: '2012-01-01', end: '2013-01-01', doses: [{ date: '2012-01-01', amount: 12, unit: 'mg/m2' }] }],
};

describe('the timeline chart', () => {
  it('all three plots share one time axis with the same bounds', () => {
    const o = timelineOption(buildTimeline(h, '2017-01-01'));
    const xs = o.xAxis as { min: number; max: number }[];
    expect(xs).toHaveLength(3);
    expect(new Set(xs.map((x) => `${x.min}-${x.max}`)).size).toBe(1);
    const zoom = o.dataZoom as { xAxisIndex: number[] }[];
    expect(zoom.every((z) => z.xAxisIndex.length === 3)).toBe(true);
  });
  it('an uncertain onset is a shaded span and an exact diagnosis a line', () => {
    const edss = series(timelineOption(buildTimeline(h, '2017-01-01')), 'edss');
    expect(edss.markArea?.data).toHaveLength(1);
    expect(edss.markLine?.data.map((d) => d.name)).toEqual(['Diagnosis 2007-06-12']);
  });
  it('objective SPMS is marked on its date only when met', () => {
    const met = buildTimeline(h, '2017-01-01', { objectiveSpms: { status: 'met', date: '2016-01-01', basis: [], detail: '' } } as never);
    expect(series(timelineOption(met), 'edss').markLine?.data).toContainEqual(
      expect.objectContaining({ name: 'Objective SPMS met', xAxis: toTime('2016-01-01') }),
    );
    const unknown = buildTimeline(h, '2017-01-01', { objectiveSpms: { status: 'unknown', basis: [], detail: '' } } as never);
    expect(series(timelineOption(unknown), 'edss').markLine?.data.some((d) => d.name.includes('SPMS'))).toBe(false);
  });
  it("therapies are bars from start to end and doses are marks on the drug's lane", () => {
    const o = timelineOption(buildTimeline(h, '2017-01-01'));
    expect((series(o, 'therapies').data[0] as { value: number[] }).value).toEqual([toTime('2012-01-01'), toTime('2013-01-01'), 0]);
    expect((series(o, 'doses').data[0] as { value: unknown[] }).value).toEqual([toTime('2012-01-01'), 'mitoxantrone']);
  });
});

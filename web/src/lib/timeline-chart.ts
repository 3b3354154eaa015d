import type { TimelineModel } from './timeline.js';
import { toTime } from './timeline.js';

// The ECharts option for the timeline: three stacked plots sharing one time axis (zooming one zooms
// all) — EDSS with the SPMS point; relapses and MRI activity; therapies as bars with infusions as
// marks. Onset and diagnosis are shaded across all three as the spans their partial dates cover.

export const COLORS = {
  edss: '#1d4e89',
  relapse: '#b3261e',
  mriActive: '#a14a00',
  mriQuiet: '#5f6368',
  spms: '#6a1b9a',
  onset: 'rgba(46, 125, 50, 0.16)',
  diagnosis: 'rgba(21, 101, 192, 0.14)',
  dose: '#111111',
  therapy: ['#2e7d32', '#00695c', '#4527a0', '#ad1457', '#5d4037', '#37474f', '#1565c0', '#827717'],
} as const;

const GRIDS = [
  { top: 36, height: 170 },
  { top: 246, height: 70 },
  { top: 356, height: 0 }, // height set from the number of therapy lanes
];

export function chartHeight(m: TimelineModel): number {
  return GRIDS[2]!.top + therapyHeight(m) + 40;
}

function therapyHeight(m: TimelineModel): number {
  return Math.max(1, m.lanes.length) * 26 + 10;
}

type Opt = Record<string, unknown>;

function spanMarks(m: TimelineModel, withLabels: boolean): { markArea?: Opt; markLine?: Opt } {
  const areas: unknown[] = [];
  const lines: unknown[] = [];
  // Onset and diagnosis are often close together: the diagnosis label sits a line lower so the two
  // never print over each other.
  const add = (s: TimelineModel['onset'], name: string, color: string, row: number) => {
    if (!s) return;
    const label = `${name} ${s.recorded}`;
    const offset = { label: { offset: [0, row * 14] } };
    if (s.exact) lines.push({ name: label, xAxis: toTime(s.from), lineStyle: { color: color.replace(/[\d.]+\)$/, '0.9)'), type: 'dashed' } });
    else areas.push([{ name: label, xAxis: toTime(s.from), itemStyle: { color }, ...offset }, { xAxis: toTime(s.to) + 86_400_000 }]);
  };
  add(m.onset, 'Onset', COLORS.onset, 0);
  add(m.diagnosis, 'Diagnosis', COLORS.diagnosis, 1);
  const label = withLabels ? { show: true, position: 'insideTopLeft', color: '#1b1b1b', fontSize: 11 } : { show: false };
  return {
    ...(areas.length ? { markArea: { silent: false, label, data: areas } } : {}),
    ...(lines.length
      ? {
          markLine: {
            symbol: 'none',
            label: withLabels ? { show: true, formatter: '{b}', position: 'insideEndTop', color: '#1b1b1b' } : { show: false },
            data: lines,
          },
        }
      : {}),
  };
}

export function timelineOption(m: TimelineModel): Opt {
  const min = toTime(m.from);
  const max = toTime(m.to);
  const grids = GRIDS.map((g, i) => ({ left: 120, right: 28, top: g.top, height: i === 2 ? therapyHeight(m) : g.height, containLabel: false }));
  const xAxis = grids.map((_, i) => ({
    type: 'time',
    gridIndex: i,
    min,
    max,
    axisLabel: { show: i === 2, color: '#1b1b1b' },
    axisTick: { show: i === 2 },
    splitLine: { show: true, lineStyle: { color: '#e3e3e3' } },
  }));
  const lanes = ['Relapses', 'MRI spine', 'MRI brain'];
  const therapyLanes = m.lanes.length ? m.lanes : ['(no therapy recorded)'];
  const yAxis = [
    { type: 'value', gridIndex: 0, min: 0, max: 10, interval: 1, name: 'EDSS', nameLocation: 'middle', nameGap: 36, axisLabel: { color: '#1b1b1b' } },
    { type: 'category', gridIndex: 1, data: lanes, axisLabel: { color: '#1b1b1b' }, axisTick: { show: false } },
    { type: 'category', gridIndex: 2, data: therapyLanes, inverse: true, axisLabel: { color: '#1b1b1b' }, axisTick: { show: false } },
  ];

  const spmsMark =
    m.spms?.status === 'met' && m.spms.date
      ? {
          markLine: {
            symbol: 'none',
            lineStyle: { color: COLORS.spms, width: 2 },
            label: { show: true, formatter: 'Objective SPMS', color: COLORS.spms, position: 'insideEndTop' },
            data: [{ name: 'Objective SPMS met', xAxis: toTime(m.spms.date) }],
          },
        }
      : {};
  const edssMarks = spanMarks(m, true);

  const series: Opt[] = [
    {
      id: 'edss',
      name: 'EDSS',
      type: 'line',
      xAxisIndex: 0,
      yAxisIndex: 0,
      data: m.edss.map((e) => [toTime(e.date), e.score, e.date]),
      color: COLORS.edss,
      symbol: 'circle',
      symbolSize: 6,
      lineStyle: { width: 2 },
      markArea: edssMarks.markArea,
      markLine: {
        symbol: 'none',
        data: [...((edssMarks.markLine?.data as unknown[]) ?? []), ...((spmsMark.markLine?.data as unknown[]) ?? [])],
        label: { show: true, formatter: '{b}', position: 'insideEndTop', color: '#1b1b1b' },
        lineStyle: { color: COLORS.spms, width: 2 },
      },
      tooltip: { valueFormatter: (v: unknown) => `EDSS ${Number(v).toFixed(1)}` },
    },
    {
      id: 'relapses',
      name: 'Relapses',
      type: 'scatter',
      xAxisIndex: 1,
      yAxisIndex: 1,
      symbol: 'triangle',
      symbolSize: 12,
      data: m.relapses.map((r) => ({
        value: [toTime(r.date), 'Relapses'],
        name: `Relapse ${r.date}${r.disabling ? ' (disabling)' : ''}, recovery ${r.recovery}`,
        itemStyle: r.disabling ? { color: COLORS.relapse } : { color: '#ffffff', borderColor: COLORS.relapse, borderWidth: 2 },
      })),
      color: COLORS.relapse,
      ...spanMarks(m, false),
    },
    {
      id: 'mri',
      name: 'MRI',
      type: 'scatter',
      xAxisIndex: 1,
      yAxisIndex: 1,
      data: m.mri.map((x) => {
        const active = x.gd + x.t2 > 0;
        return {
          value: [toTime(x.date), x.region === 'spine' ? 'MRI spine' : 'MRI brain'],
          name: `MRI ${x.region} ${x.date}: ${x.gd} Gd+, ${x.t2} new/enlarging T2`,
          symbolSize: active ? Math.min(22, 8 + 2 * (x.gd + x.t2)) : 7,
          itemStyle: active ? { color: COLORS.mriActive } : { color: '#ffffff', borderColor: COLORS.mriQuiet, borderWidth: 1.5 },
        };
      }),
      color: COLORS.mriActive,
    },
    {
      id: 'therapies',
      name: 'Therapies',
      type: 'custom',
      xAxisIndex: 2,
      yAxisIndex: 2,
      encode: { x: [0, 1], y: 2 },
      data: m.therapies.map((t) => ({
        value: [toTime(t.start), toTime(t.end), Math.max(0, m.lanes.indexOf(t.drug))],
        name: `${t.drug} ${t.start} to ${t.ongoing ? 'ongoing' : t.endUnknown ? 'a day not recorded' : t.end}${t.stopReason ? ` (stopped: ${t.stopReason})` : ''}`,
        itemStyle: { color: COLORS.therapy[Math.max(0, m.lanes.indexOf(t.drug)) % COLORS.therapy.length] },
      })),
      renderItem: therapyBar,
      ...spanMarks(m, false),
    },
    {
      id: 'doses',
      name: 'Infusions and doses',
      type: 'scatter',
      xAxisIndex: 2,
      yAxisIndex: 2,
      symbol: 'diamond',
      symbolSize: 9,
      z: 5,
      data: m.doses.map((d) => ({ value: [toTime(d.date), d.drug], name: `${d.drug} ${d.amount} ${d.unit} on ${d.date}` })),
      itemStyle: { color: COLORS.dose, borderColor: '#ffffff', borderWidth: 1 },
    },
  ];

  return {
    animation: false,
    textStyle: { fontFamily: 'system-ui, sans-serif' },
    grid: grids,
    xAxis,
    yAxis,
    series,
    tooltip: { trigger: 'item', formatter: tooltip },
    dataZoom: [{ type: 'inside', xAxisIndex: [0, 1, 2], filterMode: 'none' }],
  };
}

function tooltip(p: unknown): string {
  const x = p as { seriesId?: string; name?: string; value?: unknown[]; componentType?: string };
  if (x.seriesId === 'edss' && Array.isArray(x.value) && x.componentType === 'series') return `EDSS ${Number(x.value[1]).toFixed(1)} on ${String(x.value[2])}`;
  return escapeHtml(x.name ?? '');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface RenderApi {
  value(dim: number): number;
  coord(v: [number, number]): [number, number];
  size(v: [number, number]): [number, number];
  style(): Record<string, unknown>;
}
interface RenderParams {
  coordSys: { x: number; y: number; width: number; height: number };
}

/** A therapy from start to end on its drug's lane, clipped to the visible window. */
function therapyBar(params: unknown, api: unknown): unknown {
  const a = api as RenderApi;
  const cs = (params as RenderParams).coordSys;
  const lane = a.value(2);
  const [x0, y] = a.coord([a.value(0), lane]);
  const [x1] = a.coord([a.value(1), lane]);
  const h = a.size([0, 1])[1] * 0.55;
  const left = Math.max(x0, cs.x);
  const right = Math.min(Math.max(x1, x0 + 2), cs.x + cs.width);
  if (right <= left) return null;
  return { type: 'rect', shape: { x: left, y: y - h / 2, width: right - left, height: h, r: 3 }, style: a.style() };
}

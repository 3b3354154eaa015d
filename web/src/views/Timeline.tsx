import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { takeCourse } from '../api/prefetch.js';
import type { CourseResult, PatientRecord } from '../api/types.js';
import { useLoad } from '../hooks.js';
import { buildTimeline, toTime, type TimelineModel } from '../lib/timeline.js';
import { chartHeight, timelineOption } from '../lib/timeline-chart.js';
import { ErrorBox, today } from './common.js';

type Range = 'all' | '10y' | '2y';

export function TimelineTab({ record }: { record: PatientRecord }) {
  const [asOf, setAsOf] = useState(today());
  const [course] = useLoad(() => takeCourse(record.id, asOf), [record.id, record.version, asOf]);
  const courseData = course.state === 'ok' ? course.data : undefined;
  const model = useMemo(() => buildTimeline(record.history, courseData?.asOf ?? asOf, courseData), [record, courseData, asOf]);

  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      <form class="inline-form no-print" onSubmit={(e) => e.preventDefault()}>
        <label for="timeline-asof">As of</label>
        <input id="timeline-asof" type="date" value={asOf} onChange={(e) => setAsOf((e.target as HTMLInputElement).value || today())} />
      </form>
      {course.state === 'error' && <ErrorBox error={course.error} title="The course could not be computed; the record is shown without it" />}
      {/* The record is drawn at once; the course (objective SPMS) is added when the server has computed it. */}
      <Chart model={model} complete={course.state !== 'loading'} />
      {course.state === 'loading' && (
        <p role="status" class="muted">
          Computing the course…
        </p>
      )}
      <Legend model={model} />
      {courseData && <CourseSummary course={courseData} />}
      <TimelineTables model={model} />
    </section>
  );
}

function describe(m: TimelineModel): string {
  const parts = [`Timeline from ${m.from.slice(0, 4)} to ${m.to.slice(0, 4)}`];
  parts.push(
    `${m.edss.length} EDSS scores${m.edss.length ? `, latest ${m.edss[m.edss.length - 1]!.score.toFixed(1)} on ${m.edss[m.edss.length - 1]!.date}` : ''}`,
  );
  parts.push(`${m.relapses.length} relapses`, `${m.mri.length} MRI scans`, `${m.therapies.length} therapies`, `${m.doses.length} doses or infusions`);
  if (m.onset) parts.push(`onset ${m.onset.recorded}`);
  if (m.diagnosis) parts.push(`diagnosis ${m.diagnosis.recorded}`);
  if (m.spms?.status === 'met') parts.push(`objective SPMS met on ${m.spms.date}`);
  return `${parts.join('; ')}. The same data are in the tables below.`;
}

interface EChart {
  dispatchAction(a: unknown): void;
  dispose(): void;
  resize(o?: { height?: number }): void;
  setOption(o: unknown, opts?: { notMerge?: boolean }): void;
  on(event: string, fn: () => void): void;
}

function Chart({ model, complete }: { model: TimelineModel; complete: boolean }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChart | null>(null);
  const completeRef = useRef(complete);
  completeRef.current = complete;
  const [ready, setReady] = useState(false);
  const [range, setRange] = useState<Range>('all');
  const [failed, setFailed] = useState<Error | null>(null);

  // The chart is created once; later models (the course arriving, another as-of date) update it.
  useEffect(() => {
    let disposed = false;
    const node = el.current!;
    const box = node.parentElement!;
    const onResize = () => chart.current?.resize();
    // ECharts is loaded on first use so the patient list does not wait for it.
    import('../lib/echarts.js')
      .then(({ echarts }) => {
        if (disposed) return;
        performance.mark('fulcrum:chart-code-loaded');
        const c = echarts.init(node, undefined, { renderer: 'canvas' }) as unknown as EChart;
        chart.current = c;
        c.on('finished', () => {
          if (box.getAttribute('data-drawn') === null) performance.mark('fulcrum:timeline-drawn');
          box.setAttribute('data-drawn', String(performance.now()));
          if (completeRef.current && box.getAttribute('data-complete') === null) {
            performance.mark('fulcrum:timeline-complete');
            box.setAttribute('data-complete', String(performance.now()));
          }
        });
        addEventListener('resize', onResize);
        setReady(true);
      })
      .catch((e: Error) => setFailed(e));
    return () => {
      disposed = true;
      removeEventListener('resize', onResize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!ready || !c) return;
    el.current!.style.height = `${chartHeight(model)}px`;
    c.resize();
    c.setOption(timelineOption(model), { notMerge: true });
    setRange('all');
  }, [ready, model]);

  function zoom(r: Range) {
    setRange(r);
    const years = r === '10y' ? 10 : r === '2y' ? 2 : undefined;
    const end = toTime(model.to);
    const start = years ? Math.max(toTime(model.from), end - years * 365.25 * 86_400_000) : toTime(model.from);
    chart.current?.dispatchAction({ type: 'dataZoom', startValue: start, endValue: end });
    performance.mark(`fulcrum:zoom-${r}`);
  }

  if (failed) return <ErrorBox error={failed} title="The chart could not be drawn; the tables below hold the same data" />;
  return (
    <>
      <div class="zoom no-print" role="group" aria-label="Time range">
        {(['all', '10y', '2y'] as const).map((r) => (
          <button key={r} type="button" aria-pressed={range === r} onClick={() => zoom(r)}>
            {r === 'all' ? 'Whole history' : r === '10y' ? 'Last 10 years' : 'Last 2 years'}
          </button>
        ))}
      </div>
      <div id="timeline-chart" class="chart" role="img" aria-label={describe(model)}>
        <div ref={el} aria-hidden="true" style={{ height: `${chartHeight(model)}px` }} />
      </div>
    </>
  );
}

function Legend({ model }: { model: TimelineModel }) {
  return (
    <ul class="legend" aria-label="Legend">
      <li>
        <span class="key key-edss" aria-hidden="true" /> EDSS
      </li>
      <li>
        <span class="key key-relapse" aria-hidden="true" /> Relapse (filled: disabling)
      </li>
      <li>
        <span class="key key-mri" aria-hidden="true" /> MRI with new activity (size: lesions); hollow: no activity
      </li>
      <li>
        <span class="key key-therapy" aria-hidden="true" /> Therapy; <span class="key key-dose" aria-hidden="true" /> dose or infusion
      </li>
      <li>
        <span class="key key-onset" aria-hidden="true" /> Onset
        {model.onset && !model.onset.exact ? ` (${model.onset.recorded}: uncertain within ${model.onset.from} – ${model.onset.to})` : ''}
      </li>
      <li>
        <span class="key key-diagnosis" aria-hidden="true" /> Diagnosis
        {model.diagnosis && !model.diagnosis.exact ? ` (${model.diagnosis.recorded}: ${model.diagnosis.from} – ${model.diagnosis.to})` : ''}
      </li>
      <li>
        <span class="key key-spms" aria-hidden="true" /> Objective SPMS met
      </li>
    </ul>
  );
}

function CourseSummary({ course }: { course: CourseResult }) {
  const rows: [string, string][] = [
    ['Objective SPMS', withStatus(course.objectiveSpms.status, course.objectiveSpms.detail)],
    ['Activity (last 12 months)', withStatus(course.activity.status, course.activity.detail)],
    ['Phenotype', course.phenotype.detail],
  ];
  if (course.durationFromOnset) rows.push(['Years since onset', yearsText(course.durationFromOnset.minYears, course.durationFromOnset.maxYears)]);
  if (course.durationFromDiagnosis)
    rows.push(['Years since diagnosis', yearsText(course.durationFromDiagnosis.minYears, course.durationFromDiagnosis.maxYears)]);
  if (course.disabilityEdss)
    rows.push([
      'Current EDSS',
      `${course.disabilityEdss.score.toFixed(1)} on ${course.disabilityEdss.date}${course.disabilityEdss.recent ? '' : ' (older than 12 months)'}`,
    ]);
  return (
    <table class="course-summary">
      <caption>The course as of {course.asOf}</caption>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The engine's sentence usually starts with its finding ("Met on ...", "Active between ..."); say the status only when it does not. */
function withStatus(status: string, detail: string): string {
  const head = detail.slice(0, 12).toLowerCase();
  return head.startsWith(status) || (status === 'met' && head.startsWith('active')) ? detail : `${status}: ${detail}`;
}

function yearsText(min: number, max: number): string {
  return Math.abs(max - min) < 0.01 ? min.toFixed(1) : `between ${min.toFixed(1)} and ${max.toFixed(1)} (partial dates)`;
}

function TimelineTables({ model }: { model: TimelineModel }) {
  return (
    <details class="timeline-tables">
      <summary>The timeline as tables</summary>
      <table>
        <caption>EDSS</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Score</th>
          </tr>
        </thead>
        <tbody>
          {model.edss.map((e) => (
            <tr key={e.date}>
              <td>{e.date}</td>
              <td>{e.score.toFixed(1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>Relapses</caption>
        <thead>
          <tr>
            <th scope="col">Onset</th>
            <th scope="col">Disabling</th>
            <th scope="col">Recovery</th>
          </tr>
        </thead>
        <tbody>
          {model.relapses.map((r) => (
            <tr key={r.date}>
              <td>{r.date}</td>
              <td>{r.disabling ? 'yes' : 'no'}</td>
              <td>{r.recovery}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>MRI</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Region</th>
            <th scope="col">Gd+ lesions</th>
            <th scope="col">New or enlarging T2</th>
          </tr>
        </thead>
        <tbody>
          {model.mri.map((m, i) => (
            <tr key={i}>
              <td>{m.date}</td>
              <td>{m.region}</td>
              <td>{m.gd}</td>
              <td>{m.t2}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>Therapies</caption>
        <thead>
          <tr>
            <th scope="col">Drug</th>
            <th scope="col">Start</th>
            <th scope="col">End</th>
            <th scope="col">Doses</th>
          </tr>
        </thead>
        <tbody>
          {model.therapies.map((t, i) => (
            <tr key={i}>
              <td>{t.drug}</td>
              <td>{t.start}</td>
              <td>
                {t.ongoing ? 'ongoing' : t.endUnknown ? 'stopped, day not recorded' : t.end}
                {t.stopReason ? ` (${t.stopReason})` : ''}
              </td>
              <td>
                {model.doses
                  .filter((d) => d.drug === t.drug && d.date >= t.start && d.date <= t.end)
                  .map((d) => `${d.date} ${d.amount} ${d.unit}`)
                  .join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

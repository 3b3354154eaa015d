import { useState } from 'preact/hooks';
import { enc, getBlob, getJson, postJson } from '../api/client.js';
import type { Alert, MonitoringView, PatientRecord, PlanItem } from '../api/types.js';
import type { Me } from '../app.js';
import { useLoad } from '../hooks.js';
import { dueDate, itemLabel, itemStatus, monthGrid, planMonths } from '../lib/calendar.js';
import { ErrorBox, Loaded, StatusBadge, today } from './common.js';
import { alertedResults, isAcknowledged } from '../lib/alerts.js';
import { LAB_UNITS } from '../../../src/history/units.js';
import { LAB_IDS, type LabId } from '../../../src/history/vocabularies.js';
import { EXAM_DESCRIPTIONS, EXAM_IDS, type ExamId, type MonitoringTestId } from '../../../src/monitor/vocabulary.js';

const isExam = (test: MonitoringTestId): test is ExamId => (EXAM_IDS as readonly string[]).includes(test);

/** Whether the result is a number: measured lab tests; examinations and qualitative tests are negative or positive. */
const measured = (test: MonitoringTestId): test is LabId => !isExam(test) && LAB_UNITS[test].kind === 'quantitative';

/** The unit a result is entered in: the product's unit for measured tests, none for graded or qualitative ones or examinations. */
const entryUnit = (test: MonitoringTestId): string => (measured(test) ? (LAB_UNITS[test].unit ?? '') : '');

const canRecord = (role: string) => role === 'clinician' || role === 'nurse' || role === 'admin';

export function MonitoringTab({ record, me }: { record: PatientRecord; me: Me }) {
  const [load, reload] = useLoad(() => getJson<MonitoringView>(`/api/patients/${enc(record.id)}/monitoring`), [record.id]);
  const [icsError, setIcsError] = useState<Error | null>(null);

  async function downloadIcs() {
    setIcsError(null);
    try {
      const blob = await getBlob(`/api/patients/${enc(record.id)}/monitoring.ics`, 'text/calendar');
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `monitoring-${record.id}.ics`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setIcsError(e as Error);
    }
  }

  return (
    <section aria-labelledby="monitoring-heading">
      <h2 id="monitoring-heading">Monitoring</h2>
      <Loaded load={load} what="monitoring">
        {(m) => (
          <>
            <PlanSummary view={m} />
            <Alerts alerts={m.alerts} me={me} onChange={reload} />
            {canRecord(me.role) && <RecordResult patientId={record.id} onRecorded={reload} />}
            <Results results={m.results} alerts={m.alerts} />
            <section aria-labelledby="plan-heading">
              <h3 id="plan-heading">Plan</h3>
              <p class="no-print">
                <button type="button" onClick={downloadIcs}>
                  Download the plan as a calendar file (.ics)
                </button>
              </p>
              {icsError && <ErrorBox error={icsError} title="The calendar file could not be downloaded" />}
              <PlanCalendar plan={m.plan} />
            </section>
          </>
        )}
      </Loaded>
    </section>
  );
}

function PlanSummary({ view }: { view: MonitoringView }) {
  const b = view.burden as { planned?: number; done?: number; outstanding?: number; missed?: number; from?: string; to?: string } | undefined;
  const missing = Array.isArray(view.missing) ? (view.missing as { field?: string; why?: string }[]) : [];
  return (
    <>
      {b && typeof b.planned === 'number' && (
        <p>
          {b.planned} planned items{b.from ? ` from ${b.from} to ${b.to}` : ''}: {b.done ?? 0} done, {b.outstanding ?? 0} outstanding, {b.missed ?? 0} missed.
        </p>
      )}
      {missing.length > 0 && (
        <ul class="missing">
          {missing.map((x, i) => (
            <li key={i}>
              <code>{x.field}</code>: {x.why}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function alertText(a: Alert): string {
  return a.message;
}

function Alerts({ alerts, me, onChange }: { alerts: Alert[]; me: Me; onChange: () => void }) {
  const open = alerts.filter((a) => !isAcknowledged(a));
  const done = alerts.filter(isAcknowledged);
  return (
    <section aria-labelledby="alerts-heading">
      <h3 id="alerts-heading">Alerts</h3>
      {alerts.length === 0 && <p>No alerts.</p>}
      {open.length > 0 && (
        <ul class="alerts">
          {open.map((a) => (
            <AlertItem key={a.id} alert={a} me={me} onChange={onChange} />
          ))}
        </ul>
      )}
      {done.length > 0 && (
        <details>
          <summary>
            {done.length} acknowledged alert{done.length === 1 ? '' : 's'}
          </summary>
          <ul class="alerts">
            {done.map((a) => (
              <li key={a.id} class="alert acknowledged">
                <StatusBadge status="acknowledged">Acknowledged</StatusBadge> {alertText(a)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function AlertItem({ alert, me, onChange }: { alert: Alert; me: Me; onChange: () => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const urgency = alert.urgency;
  const values = Array.isArray(alert.values) ? (alert.values as { date?: string; value?: unknown; unit?: string; test?: string }[]) : [];
  async function ack(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      await postJson<Alert>(`/api/alerts/${enc(alert.id)}/acknowledge`, note.trim() ? { note: note.trim() } : {});
      onChange();
    } catch (err) {
      setError(err as Error);
    }
  }
  const noteId = `ack-note-${alert.id}`;
  return (
    <li class={`alert urgency-${urgency}`}>
      <p>
        <StatusBadge status={`urgency-${urgency}`}>{urgency}</StatusBadge> <strong>{alertText(alert)}</strong>
        <span class="muted"> ({alert.date})</span>
      </p>
      {alert.action ? <p>Action: {String(alert.action)}</p> : null}
      {values.length > 0 && (
        <p class="muted">
          Values: {values.map((v) => `${v.test ? `${v.test} ` : ''}${String(v.value)}${v.unit ? ` ${v.unit}` : ''}${v.date ? ` on ${v.date}` : ''}`).join('; ')}
        </p>
      )}
      {Array.isArray(alert.sources) && alert.sources.length > 0 && <p class="muted">Sources: {(alert.sources as string[]).join(', ')}</p>}
      {canRecord(me.role) && (
        <form class="inline-form" onSubmit={ack}>
          <label for={noteId}>Note (optional)</label>
          <input id={noteId} type="text" value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
          <button type="submit">Acknowledge alert</button>
        </form>
      )}
      {error && <ErrorBox error={error} title="The alert was not acknowledged" />}
    </li>
  );
}

function RecordResult({ patientId, onRecorded }: { patientId: string; onRecorded: () => void }) {
  const [date, setDate] = useState(today());
  const [test, setTest] = useState<MonitoringTestId>('platelets');
  const [value, setValue] = useState('');
  const [unit, setUnit] = useState(entryUnit('platelets'));
  const [error, setError] = useState<Error | null>(null);
  const [valueError, setValueError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const qualitative = !measured(test);
  const exam = isExam(test);
  const describedBy = [exam ? 'result-test-help' : '', valueError ? 'result-value-error' : ''].filter(Boolean).join(' ') || undefined;

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    setStatus(null);
    const v = value.trim();
    let parsed: number | string;
    if (qualitative) parsed = v;
    else {
      const n = Number(v.replace(',', '.'));
      if (!v || !Number.isFinite(n)) {
        setValueError('Enter the result as a number.');
        document.getElementById('result-value')?.focus();
        return;
      }
      parsed = n;
    }
    if (!v) {
      setValueError('Choose the result.');
      return;
    }
    setValueError(null);
    try {
      const r = await postJson<{ recorded: number; duplicates: number }>(`/api/patients/${enc(patientId)}/results`, {
        results: [{ date, test, value: parsed, ...(qualitative ? {} : { unit }) }],
      });
      setStatus(`${r.recorded} result recorded${r.duplicates ? `, ${r.duplicates} duplicate ignored` : ''}.`);
      setValue('');
      onRecorded();
    } catch (err) {
      setError(err as Error);
    }
  }

  return (
    <section aria-labelledby="record-heading">
      <h3 id="record-heading">Record a result</h3>
      <form class="inline-form record-result" onSubmit={submit} noValidate>
        <div>
          <label for="result-date">Date</label>
          <input id="result-date" type="date" value={date} onChange={(e) => setDate((e.target as HTMLInputElement).value)} />
        </div>
        <div>
          <label for="result-test">Test</label>
          <select
            id="result-test"
            value={test}
            onChange={(e) => {
              // The options are LAB_IDS and EXAM_IDS, so the value is one of them.
              const t = (e.target as HTMLSelectElement).value as MonitoringTestId;
              setTest(t);
              setUnit(entryUnit(t));
              setValue('');
            }}
          >
            <optgroup label="Laboratory tests">
              {LAB_IDS.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </optgroup>
            <optgroup label="Examinations">
              {EXAM_IDS.map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <div>
          <label for="result-value">Value</label>
          {qualitative ? (
            <select
              id="result-value"
              value={value}
              onChange={(e) => setValue((e.target as HTMLSelectElement).value)}
              aria-invalid={valueError ? 'true' : undefined}
              aria-describedby={describedBy}
            >
              <option value="">Choose…</option>
              <option value="negative">negative</option>
              <option value="positive">positive</option>
            </select>
          ) : (
            <input
              id="result-value"
              type="text"
              inputMode="decimal"
              value={value}
              aria-invalid={valueError ? 'true' : undefined}
              aria-describedby={valueError ? 'result-value-error' : undefined}
              onInput={(e) => setValue((e.target as HTMLInputElement).value)}
            />
          )}
        </div>
        {!qualitative && (
          <div>
            <label for="result-unit">Unit</label>
            <input id="result-unit" type="text" value={unit} onInput={(e) => setUnit((e.target as HTMLInputElement).value)} />
          </div>
        )}
        <button type="submit">Record result</button>
      </form>
      {exam && (
        <p id="result-test-help" class="muted">
          {EXAM_DESCRIPTIONS[test]}
        </p>
      )}
      {valueError && (
        <p id="result-value-error" class="field-error" role="alert">
          {valueError}
        </p>
      )}
      {status && (
        <p role="status" class="saved">
          {status}
        </p>
      )}
      {error && <ErrorBox error={error} title="The result was not recorded" />}
    </section>
  );
}

function Results({ results, alerts }: { results: MonitoringView['results']; alerts: Alert[] }) {
  const raised = alertedResults(alerts);
  const sorted = [...results].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return (
    <section aria-labelledby="results-heading">
      <h3 id="results-heading">Results</h3>
      {sorted.length === 0 ? (
        <p>No results recorded.</p>
      ) : (
        <table class="results">
          <caption>{sorted.length} results, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Test</th>
              <th scope="col">Value</th>
              <th scope="col">Alert</th>
            </tr>
          </thead>
          <tbody>
            {sorted.slice(0, 200).map((r, i) => {
              const hits = raised.get(`${r.test}|${r.date}`) ?? [];
              return (
                <tr key={i} class={hits.length ? 'result-alert' : undefined}>
                  <td>{r.date}</td>
                  <td>{r.test}</td>
                  <td>
                    {String(r.value)}
                    {r.unit ? ` ${r.unit}` : ''}
                  </td>
                  <td>
                    {hits.map((a) => (
                      <StatusBadge key={a.id} status={isAcknowledged(a) ? 'acknowledged' : `urgency-${String(a.urgency ?? 'alert')}`}>
                        {isAcknowledged(a) ? 'acknowledged' : String(a.urgency ?? 'alert')}
                      </StatusBadge>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function PlanCalendar({ plan }: { plan: PlanItem[] }) {
  const asOf = today();
  const months = planMonths(plan, asOf);
  // Open at the current month, where the clinic works; earlier (missed) and later months are a click away.
  const focus = asOf.slice(0, 7);
  const found = months.findIndex((m) => `${m.year}-${String(m.month).padStart(2, '0')}` >= focus);
  const startIdx = found === -1 ? Math.max(0, months.length - 2) : found;
  const [idx, setIdx] = useState(startIdx);
  const shown = months.slice(idx, idx + 2);
  if (plan.length === 0) return <p>No monitoring is planned.</p>;
  return (
    <div class="calendar">
      <div class="calendar-nav no-print">
        <button type="button" disabled={idx === 0} onClick={() => setIdx(Math.max(0, idx - 2))}>
          Earlier months
        </button>
        <button type="button" disabled={idx + 2 >= months.length} onClick={() => setIdx(idx + 2)}>
          Later months
        </button>
        <span class="muted">
          {plan.length} planned item{plan.length === 1 ? '' : 's'} from {months[0] ? `${MONTHS[months[0].month - 1]} ${months[0].year}` : ''} to{' '}
          {months.length ? `${MONTHS[months[months.length - 1]!.month - 1]} ${months[months.length - 1]!.year}` : ''}
        </span>
      </div>
      <ul class="legend" aria-label="Plan item status">
        {['done', 'due', 'overdue', 'missed', 'upcoming'].map((st) => (
          <li key={st}>
            <span class={`plan-item plan-${st}`}>{st}</span>
          </li>
        ))}
      </ul>
      <div class="months">
        {shown.map(({ year, month }) => {
          const g = monthGrid(year, month, plan);
          return (
            <table key={`${year}-${month}`} class="month">
              <caption>
                {MONTHS[month - 1]} {year}
              </caption>
              <thead>
                <tr>
                  {WEEKDAYS.map((d) => (
                    <th key={d} scope="col">
                      {d}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {g.weeks.map((w, i) => (
                  <tr key={i}>
                    {w.map((d) => (
                      <td key={d.date} class={`${d.inMonth ? '' : 'out'}${d.date === asOf ? ' today' : ''}`}>
                        {d.inMonth && (
                          <>
                            <span class="day-no">{Number(d.date.slice(8))}</span>
                            {d.items.map((it, j) => (
                              <span key={j} class={`plan-item plan-${itemStatus(it)}`} title={`${itemLabel(it)}: ${itemStatus(it)}`}>
                                {itemLabel(it)} <span class="visually-hidden">({itemStatus(it)})</span>
                              </span>
                            ))}
                          </>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          );
        })}
      </div>
      <details>
        <summary>The plan as a list</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Due</th>
              <th scope="col">What</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {[...plan]
              .sort((a, b) => ((dueDate(a) ?? '') < (dueDate(b) ?? '') ? -1 : 1))
              .map((p, i) => (
                <tr key={p.id ?? i}>
                  <td>{dueDate(p) ?? '—'}</td>
                  <td>{itemLabel(p)}</td>
                  <td>{itemStatus(p)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

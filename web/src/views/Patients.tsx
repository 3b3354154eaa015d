import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../api/client.js';
import { DRUGS, type PatientSummary } from '../api/types.js';
import { useLoad } from '../hooks.js';
import { href } from '../lib/router.js';
import { Loaded, StatusBadge, VerdictBadge, drugName } from './common.js';
import { ImportForm } from './ImportForm.js';

const PAGE = 50;

const MONITORING_TEXT: Record<string, string> = {
  none: 'No monitoring',
  ok: 'Up to date',
  due: 'Tests due',
  overdue: 'Overdue',
  alert: 'Alert',
};

export function Patients() {
  const [query, setQuery] = useState('');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  // Searching as one types, without a request per keystroke.
  useEffect(() => {
    const t = setTimeout(() => {
      setQ(query.trim());
      setOffset(0);
    }, 250);
    return () => clearTimeout(t);
  }, [query]);
  const [load, reload] = useLoad(() => getJson<{ items: PatientSummary[]; total: number }>('/api/patients', { q, limit: PAGE, offset }), [q, offset]);

  return (
    <>
      <h1 tabIndex={-1}>Patients</h1>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading" class="visually-hidden">
          Patient list
        </h2>
        <form class="search" role="search" onSubmit={(e) => e.preventDefault()}>
          <label for="patient-search">Search patients by id</label>
          <input id="patient-search" type="search" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        </form>
        <Loaded load={load} what="patients">
          {({ items, total }) =>
            items.length === 0 ? (
              <p>{q ? `No patient id contains “${q}”.` : 'No patients yet. Import a history below.'}</p>
            ) : (
              <>
                <table class="patients">
                  <caption>
                    {total} patient{total === 1 ? '' : 's'}
                    {q ? ` matching “${q}”` : ''}
                    {total > PAGE ? `, showing ${offset + 1}–${Math.min(total, offset + PAGE)}` : ''}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Patient</th>
                      <th scope="col">Latest verdicts</th>
                      <th scope="col">Monitoring</th>
                      <th scope="col">Updated</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((p) => (
                      <tr key={p.id}>
                        <th scope="row">
                          <a href={href({ view: 'patient', id: p.id, tab: 'timeline' })}>{p.id}</a>
                          <span class="muted"> v{p.version}</span>
                        </th>
                        <td>
                          {DRUGS.some((d) => p.latestAssessments?.[d]) ? (
                            DRUGS.map((d) => {
                              const a = p.latestAssessments?.[d];
                              return a ? (
                                <a key={d} class="verdict-link" href={href({ view: 'patient', id: p.id, tab: 'assessment', assessmentId: a.assessmentId })}>
                                  <VerdictBadge verdict={a.verdict} drug={drugName(d)} />
                                </a>
                              ) : null;
                            })
                          ) : (
                            <span class="muted">Not assessed</span>
                          )}
                        </td>
                        <td>
                          <StatusBadge status={p.monitoring?.status ?? 'none'}>
                            {MONITORING_TEXT[p.monitoring?.status ?? 'none'] ?? p.monitoring?.status}
                          </StatusBadge>
                          {p.monitoring?.openAlerts ? (
                            <span>
                              {' '}
                              {p.monitoring.openAlerts} open alert{p.monitoring.openAlerts === 1 ? '' : 's'}
                            </span>
                          ) : null}
                          {p.monitoring?.overdueItems ? <span> {p.monitoring.overdueItems} overdue</span> : null}
                        </td>
                        <td>{p.updatedAt?.slice(0, 10)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {total > PAGE && (
                  <nav class="pager" aria-label="Pages">
                    <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                      Previous
                    </button>
                    <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
                      Next
                    </button>
                  </nav>
                )}
              </>
            )
          }
        </Loaded>
      </section>
      <ImportForm
        onImported={(id) => {
          reload();
          location.hash = href({ view: 'patient', id, tab: 'timeline' });
        }}
      />
    </>
  );
}

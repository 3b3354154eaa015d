import { getJson } from '../api/client.js';
import { useLoad } from '../hooks.js';
import { dueDate, itemLabel } from '../lib/calendar.js';
import { href } from '../lib/router.js';
import { missedCount, missedGroupText, missedGroups, type WorklistEntry } from '../lib/worklist.js';
import { Loaded, StatusBadge } from './common.js';

export function Worklist() {
  const [load] = useLoad(() => getJson<{ items: WorklistEntry[] }>('/api/worklist'), []);
  return (
    <>
      <h1 tabIndex={-1}>Monitoring worklist</h1>
      <Loaded load={load} what="the worklist">
        {({ items }) =>
          items.length === 0 ? (
            <p>Nothing is overdue or recently missed and there are no open alerts.</p>
          ) : (
            <table class="worklist">
              <caption>
                {items.length} patient{items.length === 1 ? '' : 's'} need{items.length === 1 ? 's' : ''} attention, most urgent first. Missed: tests whose
                window closed recently without a result (the clinic's look-back, 6 months by default).
              </caption>
              <thead>
                <tr>
                  <th scope="col">Patient</th>
                  <th scope="col">Urgency</th>
                  <th scope="col">Open alerts</th>
                  <th scope="col">Overdue</th>
                  <th scope="col">Missed</th>
                </tr>
              </thead>
              <tbody>
                {items.map((w) => {
                  const missed = missedCount(w);
                  const escalations = w.escalations ?? [];
                  return (
                    <tr key={w.patientId}>
                      <th scope="row">
                        <a href={href({ view: 'patient', id: w.patientId, tab: 'monitoring' })}>{w.patientId}</a>
                      </th>
                      <td>
                        <StatusBadge status={`urgency-${w.urgency}`}>{w.urgency}</StatusBadge>
                        {escalations.map((x) => (
                          <p key={x.ruleId} class="escalation">
                            {x.message} {x.action}
                          </p>
                        ))}
                      </td>
                      <td>{w.alerts.length ? w.alerts.map((a) => a.message).join('; ') : '—'}</td>
                      <td>{w.overdue.length ? w.overdue.map((p) => `${itemLabel(p)} (due ${dueDate(p) ?? '?'})`).join('; ') : '—'}</td>
                      <td>
                        {missed === 0 ? (
                          '—'
                        ) : (
                          <>
                            <strong>{missed} missed</strong>
                            <ul class="missed">
                              {missedGroups(w).map((g) => (
                                <li key={g.label}>{missedGroupText(g)}</li>
                              ))}
                            </ul>
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </>
  );
}

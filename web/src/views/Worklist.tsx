import { getJson } from '../api/client.js';
import type { WorklistItem } from '../api/types.js';
import { useLoad } from '../hooks.js';
import { dueDate, itemLabel } from '../lib/calendar.js';
import { href } from '../lib/router.js';
import { Loaded, StatusBadge } from './common.js';

export function Worklist() {
  const [load] = useLoad(() => getJson<{ items: WorklistItem[] }>('/api/worklist'), []);
  return (
    <>
      <h1 tabIndex={-1}>Monitoring worklist</h1>
      <Loaded load={load} what="the worklist">
        {({ items }) =>
          items.length === 0 ? (
            <p>Nothing is overdue and there are no open alerts.</p>
          ) : (
            <table class="worklist">
              <caption>
                {items.length} patient{items.length === 1 ? '' : 's'} need{items.length === 1 ? 's' : ''} attention, most urgent first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Patient</th>
                  <th scope="col">Urgency</th>
                  <th scope="col">Open alerts</th>
                  <th scope="col">Overdue</th>
                </tr>
              </thead>
              <tbody>
                {items.map((w) => (
                  <tr key={w.patientId}>
                    <th scope="row">
                      <a href={href({ view: 'patient', id: w.patientId, tab: 'monitoring' })}>{w.patientId}</a>
                    </th>
                    <td>
                      <StatusBadge status={`urgency-${w.urgency}`}>{w.urgency}</StatusBadge>
                    </td>
                    <td>{w.alerts.length ? w.alerts.map((a) => String(a.message ?? a.code ?? a.test ?? 'alert')).join('; ') : '—'}</td>
                    <td>{w.overdue.length ? w.overdue.map((p) => `${itemLabel(p)} (due ${dueDate(p) ?? '?'})`).join('; ') : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </>
  );
}

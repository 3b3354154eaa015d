import { formatDay } from '../history/dates.js';
import { MONITORED_DRUGS } from './knowledge.js';
import type { PatientMonitoring } from './monitoring.js';
import type { ItemStatus } from './status.js';

const MARK: Record<ItemStatus, string> = { done: 'done', upcoming: 'upcoming', due: 'DUE', overdue: 'OVERDUE', missed: 'missed' };

/** "a or b", "a, b or c". */
function anyOf(xs: readonly string[]): string {
  return xs.length <= 2 ? xs.join(' or ') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;
}

/** The plan as a calendar for a terminal: summary, open alerts, then every item by due date. */
export function monitoringText(m: PatientMonitoring): string {
  const out: string[] = [];
  const s = m.summary;
  out.push(`Monitoring for ${m.patientId} as of ${formatDay(m.asOf)}`);
  if (m.drugs.length === 0) {
    out.push(`No ${anyOf(MONITORED_DRUGS)} treatment recorded: nothing to monitor.`);
  } else {
    out.push(`Treatment: ${m.drugs.join(', ')}${m.followUpEnds.map((f) => `; ${f.drug} follow-up until ${formatDay(f.end)}`).join('')}`);
    out.push(
      `Status: ${s.status} (${s.openAlerts} open alert${s.openAlerts === 1 ? '' : 's'}, ${s.overdueItems} overdue, ${s.dueItems} due, ${s.missedItems} missed)${s.nextDue !== undefined ? `; next due ${formatDay(s.nextDue)}` : ''}`,
    );
  }
  for (const x of m.missing) out.push(`Missing: ${x.field}: ${x.why}`);
  const open = m.alerts.filter((a) => !a.acknowledged);
  if (open.length) {
    out.push('', 'Open alerts:');
    for (const a of open) {
      const vals = a.values.map((v) => `${v.role} ${v.test} ${String(v.value)}${v.unit && v.unit !== 'grade' ? ` ${v.unit}` : ''} on ${v.date}`).join('; ');
      out.push(
        `  ${a.urgency.toUpperCase().padEnd(9)} ${a.date} ${a.message} [${vals}]`,
        `            Action: ${a.action} (${a.sources.join(', ')}; id ${a.id})`,
      );
    }
  }
  if (m.states.length) {
    out.push('', 'Plan:');
    let month = '';
    for (const st of m.states) {
      const due = formatDay(st.item.due);
      if (due.slice(0, 7) !== month) {
        month = due.slice(0, 7);
        out.push(`  ${month}`);
      }
      const extra =
        st.status === 'done'
          ? ` on ${formatDay(st.completedOn!)}${st.late ? ' (late)' : ''}`
          : st.status === 'upcoming'
            ? ''
            : st.results.length
              ? ` (missing ${st.missingTests.join(', ')})`
              : '';
      out.push(`    ${due}  ${MARK[st.status].padEnd(8)} ${st.item.label}${extra}   [${formatDay(st.item.from)}..${formatDay(st.item.to)}]`);
    }
  }
  return out.join('\n') + '\n';
}

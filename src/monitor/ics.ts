import { formatDay, type Day } from '../history/dates.js';
import type { ItemState } from './status.js';

// iCalendar (RFC 5545) export of a patient's monitoring dates, one all-day event per day with tests due,
// so a patient can put them in their own calendar. Lines end in CRLF and are folded at 75 octets.

export interface IcsOptions {
  /** DTSTAMP: when the calendar was produced; the adapter passes its clock. */
  stamp: Date;
  /** Which items to export: what is still to do (default), or the whole plan. */
  include?: 'outstanding' | 'all';
  calendarName?: string;
}

const ymd = (d: Day) => formatDay(d).replaceAll('-', '');

function utcStamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** TEXT value escaping (RFC 5545 3.3.11). */
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line into lines of at most 75 octets, never splitting a UTF-8 character (RFC 5545 3.1). */
export function foldLine(line: string): string {
  const enc = new TextEncoder();
  if (enc.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let cur = '';
  let curBytes = 0;
  let limit = 75;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    if (curBytes + n > limit) {
      parts.push(cur);
      cur = '';
      curBytes = 0;
      limit = 74; // continuation lines begin with one space
    }
    cur += ch;
    curBytes += n;
  }
  parts.push(cur);
  return parts.join('\r\n ');
}

/** A short stable hash, so the UID does not carry the clinic's patient identifier. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function monitoringIcs(patientId: string, states: readonly ItemState[], options: IcsOptions): string {
  const include = options.include ?? 'outstanding';
  const byDay = new Map<Day, ItemState[]>();
  for (const s of states) {
    if (include === 'outstanding' && (s.status === 'done' || s.status === 'missed')) continue;
    const l = byDay.get(s.item.due);
    if (l) l.push(s);
    else byDay.set(s.item.due, [s]);
  }
  const stamp = utcStamp(options.stamp);
  const pid = fnv1a(patientId);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Fulcrum//Safety monitoring//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.calendarName ?? 'Monitoring tests')}`,
  ];
  for (const due of [...byDay.keys()].sort((a, b) => a - b)) {
    const items = byDay.get(due)!;
    const labels = [...new Set(items.map((s) => s.item.label))];
    const from = Math.min(...items.map((s) => s.item.from));
    const to = Math.max(...items.map((s) => s.item.to));
    const description = [
      `Tests due: ${labels.join('; ')}.`,
      `They count if taken between ${formatDay(from)} and ${formatDay(to)}.`,
      ...items.filter((s) => s.status === 'overdue').map((s) => `Overdue: ${s.item.label}.`),
    ].join('\n');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${ymd(due)}-${pid}@monitoring.fulcrum`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${ymd(due)}`,
      `DTEND;VALUE=DATE:${ymd(due + 1)}`,
      `SUMMARY:${escapeText(`Monitoring tests (${labels.length}): ${labels.join(', ')}`)}`,
      `DESCRIPTION:${escapeText(description)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

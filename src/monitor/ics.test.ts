import { describe, expect, it } from 'vitest';
import { alemtuzumabHistory, day } from './fixtures.js';
import { escapeText, foldLine, monitoringIcs } from './ics.js';
import { monitorPatient } from './monitoring.js';

const m = monitorPatient({ history: alemtuzumabHistory(['2024-03-04'], { sex: 'male' }), asOf: day('2024-04-15') });
const ics = monitoringIcs('MRN-0042', m.states, { stamp: new Date('2024-04-15T08:30:00Z') });

describe('iCalendar export (RFC 5545)', () => {
  it('uses CRLF line ends only and wraps events in a VCALENDAR with VERSION and PRODID', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('every content line is at most 75 octets, continuation lines start with a space', () => {
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(ics).toMatch(/\r\n [^\r\n]/);
  });

  it('events are all-day (VALUE=DATE), with a UID without the patient identifier and DTSTAMP from the parameter', () => {
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('DTSTART;VALUE=DATE:20240408\r\nDTEND;VALUE=DATE:20240409');
    expect(unfolded).toContain('DTSTAMP:20240415T083000Z');
    expect(unfolded).not.toContain('MRN-0042');
    const uids = unfolded.match(/^UID:.*$/gm)!;
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids.length).toBe(unfolded.match(/BEGIN:VEVENT/g)!.length);
  });

  it('the same plan and stamp give the same calendar (stable UIDs, so re-import updates rather than duplicates)', () => {
    expect(monitoringIcs('MRN-0042', m.states, { stamp: new Date('2024-04-15T08:30:00Z') })).toBe(ics);
  });

  it('exports what is still to do: no event for months already past', () => {
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).not.toContain('DTSTART;VALUE=DATE:20240304'); // baseline, missed
    expect(unfolded).toContain('Overdue:');
  });

  it('escapes commas, semicolons, backslashes and newlines in text', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('folds at 75 octets without splitting a multi-byte character', () => {
    const line = 'SUMMARY:' + 'é'.repeat(60);
    const folded = foldLine(line);
    const parts = folded.split('\r\n ');
    for (const p of parts) expect(new TextEncoder().encode(p).length).toBeLessThanOrEqual(74 + (p === parts[0] ? 1 : 0));
    expect(parts.join('')).toBe(line);
  });
});

// Cohort tables in and out, as researchers keep them for msprog and MSoutcomes: long CSV tables of
// visits (one row per subject and date) and relapse onsets, and msprog-shaped results (one row per
// event) with an event-count table. Pure: lines in, lines out; the CLI streams the files.

import { parseDay, type Day } from '../history/dates.js';
import { msprogRows, type MsprogRow } from './msprog-rows.js';
import { scanEvents, type ValueVisit } from './scan.js';
import type { ScanSettings } from './scan-settings.js';
import { z } from 'zod';

/**
 * Column names, by msprog's argument names (subj_col, value_col, date_col, rsubj_col, rdate_col), plus
 * MSoutcomes' layout, where relapses are a days-since-relapse column of the visits table.
 */
export const CohortColumnsSchema = z.strictObject({
  subj_col: z.string().min(1).optional(),
  value_col: z.string().min(1).optional(),
  date_col: z.string().min(1).optional(),
  rsubj_col: z.string().min(1).optional(),
  rdate_col: z.string().min(1).optional(),
  /** MSoutcomes' daysPostRelapse: days since the latest relapse onset (its sign is ignored, as MSoutcomes does). */
  days_post_relapse_col: z.string().min(1).optional(),
  /** msprog's date_format = "day": dates are day numbers; otherwise YYYY-MM-DD. */
  date_format: z.enum(['iso', 'day']).optional(),
  include_dates: z.boolean().optional(),
  include_values: z.boolean().optional(),
  include_stable: z.boolean().optional(),
});
export type CohortColumnsJson = z.infer<typeof CohortColumnsSchema>;

export interface CohortColumns {
  subj: string;
  value: string;
  date: string;
  rsubj: string;
  rdate: string;
  daysPostRelapse?: string;
  dayNumbers: boolean;
  dates: boolean;
  values: boolean;
  stable: boolean;
}

const VALUE_COLUMN: Record<ScanSettings['outcome'], string> = { edss: 'EDSS', sdmt: 'SDMT', nhpt: 'NHPT', t25fw: 'T25FW', custom: 'value' };

/**
 * The columns to read: those given, else guessed from the header (MSoutcomes' ID/dateEDSS layout, or
 * msprog's toy-data names id/date/EDSS), else an error naming what is missing.
 */
export function resolveColumns(header: readonly string[], given: CohortColumnsJson, outcome: ScanSettings['outcome']): CohortColumns {
  const has = (c: string) => header.includes(c);
  const msoutcomes = has('ID') && has('dateEDSS');
  const subj = given.subj_col ?? (msoutcomes ? 'ID' : 'id');
  const date = given.date_col ?? (msoutcomes ? 'dateEDSS' : 'date');
  const value = given.value_col ?? VALUE_COLUMN[outcome];
  const dpr = given.days_post_relapse_col ?? (msoutcomes && has('daysPostRelapse') ? 'daysPostRelapse' : undefined);
  for (const [what, c] of [
    ['subj_col', subj],
    ['date_col', date],
    ['value_col', value],
    ['days_post_relapse_col', dpr],
  ] as const) {
    if (c !== undefined && !has(c)) throw new CohortTableError(`visits table has no column "${c}" (${what}); its columns are ${header.join(', ')}`);
  }
  return {
    subj,
    value,
    date,
    rsubj: given.rsubj_col ?? subj,
    rdate: given.rdate_col ?? date,
    ...(dpr ? { daysPostRelapse: dpr } : {}),
    dayNumbers: given.date_format === 'day',
    dates: given.include_dates ?? false,
    values: given.include_values ?? false,
    stable: given.include_stable ?? true,
  };
}

export class CohortTableError extends Error {}

/** One CSV line into fields: commas, double-quoted fields with "" for a quote. */
export function csvFields(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else q = false;
      } else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const MISSING = new Set(['', 'NA', 'NaN', 'null']);

export function readDay(text: string, dayNumbers: boolean, where: string): Day {
  const d = dayNumbers ? Number(text) : parseDay(text);
  if (d === undefined || !Number.isFinite(d)) {
    throw new CohortTableError(`${where}: "${text}" is not ${dayNumbers ? 'a day number' : 'a date YYYY-MM-DD'}`);
  }
  return d;
}

/** A visit row: its subject and visit, or undefined when the value or date is missing (msprog drops those). */
export function visitOf(f: readonly string[], idx: { subj: number; date: number; value: number; dpr: number }, c: CohortColumns, where: string) {
  const subj = f[idx.subj] ?? '';
  const v = f[idx.value] ?? '';
  const dt = f[idx.date] ?? '';
  if (MISSING.has(subj) || MISSING.has(v) || MISSING.has(dt)) return undefined;
  const value = Number(v);
  if (!Number.isFinite(value)) throw new CohortTableError(`${where}: ${c.value} "${v}" is not a number`);
  const day = readDay(dt, c.dayNumbers, where);
  let relapseOnset: Day | undefined;
  if (idx.dpr >= 0) {
    const p = f[idx.dpr] ?? '';
    if (!MISSING.has(p)) {
      const n = Number(p);
      if (!Number.isFinite(n)) throw new CohortTableError(`${where}: ${c.daysPostRelapse} "${p}" is not a number`);
      relapseOnset = day - Math.abs(n);
    }
  }
  return { subj, visit: { day, value }, relapseOnset };
}

export interface SubjectResult {
  rows: MsprogRow[];
  counts: { CDI: number; CDW: number; RAW: number; PIRA: number; sequence: string };
}

/** One subject's visits (any order; the last of a day kept, as msprog) and relapse onsets through the scan. */
export function subjectResult(visits: ValueVisit[], relapses: Day[], s: ScanSettings, c: CohortColumns): SubjectResult {
  const ordered = visits
    .map((v, i) => ({ v, i }))
    .sort((a, b) => a.v.day - b.v.day || a.i - b.i)
    .map((x) => x.v);
  const one = ordered.filter((v, i) => i === ordered.length - 1 || ordered[i + 1]!.day !== v.day);
  const rel = [...new Set(relapses)].sort((a, b) => a - b);
  const { events } = scanEvents(one, rel, s);
  const rows = msprogRows(one, events, { dates: c.dates, values: c.values, confDays: s.confDays, stable: c.stable });
  const counts = { CDI: 0, CDW: 0, RAW: 0, PIRA: 0, sequence: events.map((e) => e.type).join(', ') };
  for (const e of events) {
    if (e.type === 'CDI') counts.CDI++;
    else {
      counts.CDW++;
      if (e.type === 'RAW') counts.RAW++;
      if (e.type === 'PIRA') counts.PIRA++;
    }
  }
  return { rows, counts };
}

/** msprog's results columns in its order, for the options of the run. */
export function resultColumns(s: ScanSettings, c: CohortColumns): string[] {
  const cols = ['nevent', 'event_type', 'CDW_type', 'total_fu'];
  if (c.dates) cols.push('date');
  if (c.values) cols.push('value');
  if (c.dates) cols.push('bl_date');
  if (c.values) cols.push('bl_value');
  if (c.dates) cols.push('last_delta_date');
  if (c.values) cols.push('last_delta_value');
  cols.push('bl2event', 'time2event', 'sust_days', 'sust_last');
  for (const cd of s.confDays) {
    if (c.dates) cols.push(`conf${cd}_date`);
    if (c.values) cols.push(`conf${cd}_value`);
  }
  for (const cd of s.confDays) {
    if (c.dates) cols.push(`PIRA_conf${cd}_date`);
    if (c.values) cols.push(`PIRA_conf${cd}_value`);
  }
  return cols;
}

export function csvCell(v: unknown): string {
  if (v === undefined || v === null) return 'NA';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const t = String(v);
  return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

export function resultLines(subj: string, r: SubjectResult, cols: readonly string[]): string {
  let out = '';
  for (const row of r.rows) {
    out += csvCell(subj);
    for (const k of cols) out += ',' + csvCell((row as unknown as Record<string, unknown>)[k]);
    out += '\n';
  }
  return out;
}

export const COUNT_COLUMNS = ['event_sequence', 'CDI', 'CDW', 'RAW', 'PIRA'] as const;

export function countLine(subj: string, r: SubjectResult): string {
  const c = r.counts;
  return [subj, c.sequence, c.CDI, c.CDW, c.RAW, c.PIRA].map(csvCell).join(',') + '\n';
}

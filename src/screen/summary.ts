import { ASSESSABLE_DRUGS } from '../drugs/index.js';
import type { ScreenRow } from './record.js';

// Counts only: memory stays flat however many patients are screened (distinct reason codes and
// error kinds are bounded; error kinds are capped all the same).

const MAX_ERROR_KINDS = 200;

export interface SummaryJson {
  patients: number;
  byVerdict: Record<string, number>;
  topReasons: { code: string; patients: number }[];
  topTipping: { code: string; patients: number }[];
  topMissing: { field: string; patients: number }[];
  rejected: { count: number; byError: { error: string; count: number }[] };
  /** Patients outside Fulcrum's purpose (no MS diagnosis recorded): counted apart, in no verdict. */
  notMs: number;
  candidates?: number;
  /** `--drug all`: each drug's verdicts counted over the records that got one (rejected records get none). */
  byDrug?: Record<string, Record<string, number>>;
}

/** A summary's counts as plain data (Maps survive the copy between threads). */
export interface SummaryCounts {
  patients: number;
  candidates: number;
  byVerdict: Map<string, number>;
  reasons: Map<string, number>;
  tipping: Map<string, number>;
  missing: Map<string, number>;
  errors: Map<string, number>;
  rejectedCount: number;
  notMs: number;
  /** `--drug all`: per drug (ASSESSABLE_DRUGS order), its verdict counts. */
  byDrug: Map<string, number>[];
}

export class Summary implements SummaryCounts {
  patients = 0;
  candidates = 0;
  readonly byVerdict = new Map<string, number>();
  readonly reasons = new Map<string, number>();
  readonly tipping = new Map<string, number>();
  readonly missing = new Map<string, number>();
  readonly errors = new Map<string, number>();
  rejectedCount = 0;
  notMs = 0;
  readonly byDrug: Map<string, number>[] = [];

  add(row: ScreenRow): void {
    this.patients++;
    if (row.verdicts) {
      for (let i = 0; i < row.verdicts.length; i++) inc((this.byDrug[i] ??= new Map()), row.verdicts[i]!);
    }
    if (row.verdict === 'not-applicable') {
      this.notMs++;
      return;
    }
    inc(this.byVerdict, row.verdict);
    incEach(this.reasons, row.reasons);
    incEach(this.tipping, row.tipping);
    incEach(this.missing, row.missing);
    if (row.verdict === 'rejected') {
      this.rejectedCount++;
      // Group by the kind of problem: the first issue's message without the record's own values.
      const kind = (row.error ?? '')
        .split(' | ')[0]!
        .replace(/\d{4}-\d{2}(-\d{2})?/g, 'DATE')
        .replace(/\[\d+\]/g, '[n]')
        .replace(/"[^"]*"/g, '"…"');
      this.countError(kind, 1);
    }
  }

  /** Kinds beyond the cap are counted together. */
  private countError(kind: string, n: number): void {
    inc(this.errors, this.errors.has(kind) || this.errors.size < MAX_ERROR_KINDS ? kind : '(other kinds)', n);
  }

  counts(): SummaryCounts {
    const { patients, candidates, byVerdict, reasons, tipping, missing, errors, rejectedCount, notMs, byDrug } = this;
    return { patients, candidates, byVerdict, reasons, tipping, missing, errors, rejectedCount, notMs, byDrug };
  }

  /** Adds the counts of a part of the cohort (a chunk screened by a worker thread). */
  merge(part: SummaryCounts): void {
    this.patients += part.patients;
    this.candidates += part.candidates;
    this.rejectedCount += part.rejectedCount;
    this.notMs += part.notMs;
    for (const [k, n] of part.byVerdict) inc(this.byVerdict, k, n);
    for (const [k, n] of part.reasons) inc(this.reasons, k, n);
    for (const [k, n] of part.tipping) inc(this.tipping, k, n);
    for (const [k, n] of part.missing) inc(this.missing, k, n);
    for (const [k, n] of part.errors) this.countError(k, n);
    part.byDrug.forEach((m, i) => {
      const into = (this.byDrug[i] ??= new Map());
      for (const [k, n] of m) inc(into, k, n);
    });
  }

  toJson(top = 10): SummaryJson {
    const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return {
      patients: this.patients,
      byVerdict: Object.fromEntries(sorted(this.byVerdict)),
      topReasons: sorted(this.reasons)
        .slice(0, top)
        .map(([code, patients]) => ({ code, patients })),
      topTipping: sorted(this.tipping)
        .slice(0, top)
        .map(([code, patients]) => ({ code, patients })),
      topMissing: sorted(this.missing)
        .slice(0, top)
        .map(([field, patients]) => ({ field, patients })),
      rejected: { count: this.rejectedCount, byError: sorted(this.errors).map(([error, count]) => ({ error, count })) },
      notMs: this.notMs,
      ...(this.candidates > 0 ? { candidates: this.candidates } : {}),
      ...(this.byDrug.length > 0
        ? { byDrug: Object.fromEntries(ASSESSABLE_DRUGS.map((d, i) => [d, Object.fromEntries(sorted(this.byDrug[i] ?? new Map()))])) }
        : {}),
    };
  }

  toText(): string {
    const j = this.toJson();
    const L = [`screened ${j.patients} record${j.patients === 1 ? '' : 's'}`];
    L.push(j.byDrug ? 'by most permissive verdict over all drugs:' : 'by verdict:');
    for (const [v, n] of Object.entries(j.byVerdict)) L.push(`  ${v.padEnd(20)} ${n}`);
    if (j.byDrug) {
      for (const [drug, counts] of Object.entries(j.byDrug)) {
        L.push(
          `${drug}: ${Object.entries(counts)
            .map(([v, n]) => `${v} ${n}`)
            .join(', ')}`,
        );
      }
    }
    if (j.topReasons.length > 0) {
      L.push('most frequent reasons:');
      for (const r of j.topReasons) L.push(`  ${r.code.padEnd(50)} ${r.patients}`);
    }
    if (j.topMissing.length > 0) {
      L.push('most frequent missing data:');
      for (const m of j.topMissing) L.push(`  ${m.field.padEnd(50)} ${m.patients}`);
    }
    L.push(`not MS: ${j.notMs}`);
    L.push(`rejected: ${j.rejected.count}`);
    for (const e of j.rejected.byError.slice(0, 20)) L.push(`  ${e.count} × ${e.error}`);
    if (j.candidates !== undefined) L.push(`trial candidates: ${j.candidates}`);
    return L.join('\n') + '\n';
  }
}

/** Counts each distinct key of a short list once (a row's codes are a handful: no Set needed). */
function incEach(m: Map<string, number>, keys: readonly string[]): void {
  for (let i = 0; i < keys.length; i++) if (keys.indexOf(keys[i]!) === i) inc(m, keys[i]!);
}

function inc(m: Map<string, number>, k: string, n = 1): void {
  m.set(k, (m.get(k) ?? 0) + n);
}

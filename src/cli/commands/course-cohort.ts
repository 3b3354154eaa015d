// `fulcrum course --visits ... --out ...`: the course engine over cohort tables, streamed. The visits
// table is read line by line and each subject's rows are scanned as soon as the next subject starts,
// so memory holds one subject at a time (the table must keep each subject's rows together, as msprog's
// and MSoutcomes' exports do; a subject met again later is an error, not a silent split).

import { createReadStream, createWriteStream, statSync, type WriteStream } from 'node:fs';
import {
  COUNT_COLUMNS,
  CohortColumnsSchema,
  CohortTableError,
  countLine,
  csvCell,
  csvFields,
  readDay,
  resolveColumns,
  resultColumns,
  resultLines,
  subjectResult,
  visitOf,
  type CohortColumns,
  type CohortColumnsJson,
} from '../../course/cohort-table.js';
import { DEFAULT_SCAN_SETTINGS, type ScanSettings, type ValueVisit } from '../../course/index.js';
import type { Day } from '../../history/dates.js';
import { parseArgs, stringOption } from '../args.js';
import { EXIT, InputError, readJsonFile, UsageError, type CliIo } from '../io.js';
import { loadCourseSettings } from './course-settings.js';

export async function runCohort(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, {
    visits: { value: true },
    relapses: { value: true },
    settings: { value: true },
    columns: { value: true },
    out: { value: true },
    counts: { value: true },
  });
  if (args.positionals.length > 0) throw new UsageError('with --visits, give no history FILE');
  const visitsFile = stringOption(args, 'visits')!;
  const out = stringOption(args, 'out');
  if (!out) throw new UsageError('--visits needs --out EVENTS.csv');
  const settingsFile = stringOption(args, 'settings');
  const settings = settingsFile ? loadCourseSettings(settingsFile) : DEFAULT_SCAN_SETTINGS;
  // Cohort tables are msprog's results rows; the Bern scan's annotations do not fit them.
  if (settings.bern)
    throw new InputError(`${settingsFile}: scan: "bern" is for one history at a time (fulcrum course FILE --settings); cohort tables take msprog's scan`);
  const columnsFile = stringOption(args, 'columns');
  let given: CohortColumnsJson = {};
  if (columnsFile) {
    const r = CohortColumnsSchema.safeParse(readJsonFile(columnsFile));
    if (!r.success) throw new InputError(`${columnsFile}: ${r.error.issues.map((i) => `${i.path.join('.') || '(columns)'}: ${i.message}`).join('; ')}`);
    given = r.data;
  }
  try {
    const summary = await cohort({ visitsFile, relapsesFile: stringOption(args, 'relapses'), out, counts: stringOption(args, 'counts'), settings, given, io });
    io.out(
      `${summary.subjects} subjects, ${summary.visits} visits: ${summary.cdw} CDW (${summary.pira} PIRA, ${summary.raw} RAW), ${summary.cdi} CDI -> ${out}\n`,
    );
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CohortTableError) throw new InputError(e.message);
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError(`cannot read ${(e as NodeJS.ErrnoException).path ?? 'file'}: ENOENT`);
    throw e;
  }
}

export interface CohortRun {
  visitsFile: string;
  /** False: read and parse the tables only (the benchmark's baseline), writing no rows. */
  scan?: boolean;
  relapsesFile: string | undefined;
  out: string;
  counts: string | undefined;
  settings: ScanSettings;
  given: CohortColumnsJson;
  io: CliIo;
}

/**
 * The lines of a file, a chunk at a time: each chunk's lines are handled synchronously (an async
 * iterator per line, as readline gives, cost more than parsing the rows).
 */
async function eachLine(input: NodeJS.ReadableStream, handle: (line: string) => void, afterChunk?: () => Promise<void>): Promise<void> {
  let rest = '';
  for await (const chunk of input) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      handle(text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
    if (afterChunk) await afterChunk();
  }
  if (rest !== '') handle(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
}

/** Buffers output and waits for the file to drain, so a large cohort is not held in memory. */
class Sink {
  private buf = '';
  constructor(private readonly w: WriteStream) {}
  write(text: string): void {
    this.buf += text;
  }
  /** Hands the buffer to the file, waiting while the file is behind. */
  async drain(): Promise<void> {
    if (this.buf.length < 1 << 16) return;
    const chunk = this.buf;
    this.buf = '';
    if (!this.w.write(chunk)) await new Promise<void>((resolve) => this.w.once('drain', resolve));
  }
  async close(): Promise<void> {
    if (this.buf) this.w.write(this.buf);
    await new Promise<void>((resolve, reject) => this.w.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

async function readRelapses(file: string, given: CohortColumnsJson): Promise<{ header: string[]; rows: Map<string, Day[]> }> {
  const rows = new Map<string, Day[]>();
  let header: string[] | undefined;
  let n = 0;
  await eachLine(createReadStream(file, { encoding: 'utf8' }), (line) => {
    n++;
    if (line === '') return;
    const f = csvFields(line);
    if (!header) {
      header = f;
      return;
    }
    const subjCol = given.rsubj_col ?? given.subj_col ?? (header.includes('ID') ? 'ID' : 'id');
    const dateCol = given.rdate_col ?? given.date_col ?? 'date';
    const si = header.indexOf(subjCol),
      di = header.indexOf(dateCol);
    if (si < 0 || di < 0)
      throw new CohortTableError(
        `${file}: relapses table needs columns "${subjCol}" and "${dateCol}" (rsubj_col, rdate_col); its columns are ${header.join(', ')}`,
      );
    const subj = f[si] ?? '';
    const d = f[di] ?? '';
    if (subj === '' || d === '' || d === 'NA') return;
    const day = readDay(d, given.date_format === 'day', `${file} line ${n}`);
    let list = rows.get(subj);
    if (!list) rows.set(subj, (list = []));
    list.push(day);
  });
  return { header: header ?? [], rows };
}

export async function cohort(r: CohortRun) {
  const relapses = r.relapsesFile ? (await readRelapses(r.relapsesFile, r.given)).rows : new Map<string, Day[]>();
  const size = statSync(r.visitsFile).size;
  const input = createReadStream(r.visitsFile, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const events = new Sink(createWriteStream(r.out));
  const counts = r.counts ? new Sink(createWriteStream(r.counts)) : undefined;
  const progress = r.io.stderrIsTTY ? new Progress(r.io, size, () => input.bytesRead) : undefined;
  let c: CohortColumns | undefined;
  let idx = { subj: -1, date: -1, value: -1, dpr: -1 };
  let cols: string[] = [];
  let current: string | undefined;
  let visits: ValueVisit[] = [];
  let onsets: Day[] = [];
  const finished = new Set<string>();
  const sum = { subjects: 0, visits: 0, cdw: 0, pira: 0, raw: 0, cdi: 0 };
  const flush = () => {
    if (current === undefined) return;
    if (r.scan === false) {
      sum.subjects++;
      finished.add(current);
      return;
    }
    const rel = relapses.get(current);
    const res = subjectResult(visits, rel ? [...rel, ...onsets] : onsets, r.settings, c!);
    sum.subjects++;
    sum.cdw += res.counts.CDW;
    sum.pira += res.counts.PIRA;
    sum.raw += res.counts.RAW;
    sum.cdi += res.counts.CDI;
    events.write(resultLines(current, res, cols));
    if (counts) counts.write(countLine(current, res));
    finished.add(current);
    progress?.tick(sum.subjects);
  };
  let n = 0;
  await eachLine(
    input,
    (line) => {
      n++;
      if (line === '') return;
      const f = csvFields(line);
      if (!c) {
        c = resolveColumns(f, r.given, r.settings.outcome);
        idx = { subj: f.indexOf(c.subj), date: f.indexOf(c.date), value: f.indexOf(c.value), dpr: c.daysPostRelapse ? f.indexOf(c.daysPostRelapse) : -1 };
        cols = resultColumns(r.settings, c);
        events.write([c.subj, ...cols].map(csvCell).join(',') + '\n');
        if (counts) counts.write([c.subj, ...COUNT_COLUMNS].map(csvCell).join(',') + '\n');
        return;
      }
      const row = visitOf(f, idx, c, `${r.visitsFile} line ${n}`);
      if (!row) return;
      sum.visits++;
      if (row.subj !== current) {
        flush();
        if (finished.has(row.subj)) {
          throw new CohortTableError(
            `${r.visitsFile} line ${n}: subject "${row.subj}" appears again after other subjects; keep each subject's rows together (sort the table by subject)`,
          );
        }
        current = row.subj;
        visits = [];
        onsets = [];
      }
      visits.push(row.visit);
      if (row.relapseOnset !== undefined) onsets.push(row.relapseOnset);
    },
    async () => {
      await events.drain();
      if (counts) await counts.drain();
    },
  );
  if (!c) throw new CohortTableError(`${r.visitsFile} is empty: it needs a header line`);
  flush();
  progress?.done(sum.subjects);
  await events.close();
  if (counts) await counts.close();
  return sum;
}

/** A progress bar on a terminal's standard error, redrawn at most five times a second. */
class Progress {
  private last = 0;
  constructor(
    private readonly io: CliIo,
    private readonly size: number,
    private readonly read: () => number,
  ) {}
  tick(subjects: number): void {
    const now = performance.now();
    if (now - this.last < 200) return;
    this.last = now;
    this.draw(subjects, this.size > 0 ? Math.min(1, this.read() / this.size) : 0);
  }
  done(subjects: number): void {
    this.draw(subjects, 1);
    this.io.err('\n');
  }
  private draw(subjects: number, share: number): void {
    const width = 30;
    const full = Math.round(share * width);
    this.io.err(`\r[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${Math.round(share * 100)}% ${subjects.toLocaleString('en')} subjects`);
  }
}

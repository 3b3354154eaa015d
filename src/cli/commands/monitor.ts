import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { flag, parseArgs, stringOption } from '../args.js';
import { EXIT, InputError, UsageError, parseAsOf, parseJsonText, readJsonFile, readTextFile, writeOutputFile, type CliIo } from '../io.js';
import { problemsText, valueAtPath, type Problem } from '../problems.js';
import { historyFromJson, loadHistoryFile } from '../input.js';
import type { Command } from '../main.js';
import { parseDay, type Day } from '../../history/dates.js';
// The modules each part needs, not the monitoring barrel: reading results files (and the schema
// library that checks them) loads only for a command given results.
import type { Acknowledgement } from '../../monitor/alerts.js';
import { monitoringIcs } from '../../monitor/ics.js';
import { monitorPatient, monitoringJson, type MonitoringInput } from '../../monitor/monitoring.js';
import { recordResults, resultJson, resultsFromHistory, type MonitoringResult } from '../../monitor/results.js';
import { resolveSettings, type ClinicSettings } from '../../monitor/settings.js';
import { monitoringText } from '../../monitor/text.js';
import { dayInTimeZone } from '../../monitor/timezone.js';
import { clinicWorklist, worklistJson, worklistText } from '../../monitor/worklist.js';

type ResultsInput = typeof import('../../monitor/results-input.js');
let resultsInput: ResultsInput | undefined;

const USAGE = `Usage:
  fulcrum monitor plan FILE [--results R]... [--acks A.json] [--as-of YYYY-MM-DD] [--json | --ics [--stamp ISO] [--all]]
  fulcrum monitor results FILE --add R [--add R]... [--into STORE.json] [--as-of YYYY-MM-DD] [--json]
  fulcrum monitor worklist DIR|FILE.ndjson [--as-of YYYY-MM-DD] [--json]
  Common: [--settings SETTINGS.json]  clinic settings { "timeZone": "Europe/Berlin", "numbers": { "plateletsLowerLimit": 140 } }

  FILE is a patient history (JSON) or a FHIR R4 Bundle. Results files R are CSV (header date,test,value,unit),
  JSON (a list of { date, test, value, unit? } or { "results": [...] }), or a FHIR Observation or Bundle of them;
  the history's own labs always count.
  plan      the monitoring plan with each item done/due/overdue/missed/upcoming, open alerts; --ics writes an
            iCalendar (RFC 5545) of what is still to do (--all: every item), DTSTAMP from --stamp or now.
  results   validates new results, reports which were recorded and which were duplicates, and the alerts they
            raise; --into keeps the recorded results in a JSON file (created if absent, never shortened).
  worklist  every patient with an open alert, an overdue test or a recently missed test (window closed within the
            last missedLookbackMonths, default 6), most urgent first; missed safety tests (two monthly in a row, or
            one with no result since) raise a patient to 'soon' (knowledge/monitoring/missed.json). DIR holds one
            JSON file per patient; an NDJSON file holds one per line. Each is a history, or
            { "history", "results", "acknowledgements" }.
  Exit 0 on success, 2 on invalid input (every problem listed), 64 on a usage error.`;

const COMMON = { 'as-of': { value: true }, settings: { value: true }, json: {} } as const;

export const command: Command = {
  summary: 'safety monitoring: plan and calendar, recording results, alerts, the clinic worklist',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'plan' || rest.includes('--results')) resultsInput = await import('../../monitor/results-input.js');
    if (sub === 'plan') return plan(rest, io);
    if (sub === 'results') return results(rest, io);
    if (sub === 'worklist') return worklistCommand(rest, io);
    throw new UsageError(sub === undefined ? 'give a subcommand: plan, results or worklist' : `unknown subcommand "${sub}"`);
  },
};

function settingsFrom(path: string | undefined): ClinicSettings {
  if (path === undefined) return resolveSettings();
  try {
    return resolveSettings(readJsonFile(path) as Parameters<typeof resolveSettings>[0]);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${path}: ${(e as Error).message}`);
  }
}

/** Today in the clinic's time zone unless --as-of says otherwise; the clock lives here, in the adapter. */
function asOfFor(value: string | undefined, settings: ClinicSettings, io: CliIo): Day {
  if (value !== undefined || settings.timeZone === 'UTC') return parseAsOf(value, io);
  return dayInTimeZone(new Date(), settings.timeZone);
}

const readText = readTextFile;

/** Reads a results file of any accepted shape and validates it, naming each problem by file and line or path. */
function loadResults(path: string, asOf: Day, io: CliIo): MonitoringResult[] {
  const text = readText(path);
  const trimmed = text.trimStart();
  let raw;
  let json: unknown;
  if (path.toLowerCase().endsWith('.csv') || !(trimmed.startsWith('[') || trimmed.startsWith('{'))) raw = resultsInput!.parseResultsCsv(text, basename(path));
  else {
    json = parseJsonText(text, path);
    raw = resultsInput!.resultsFromJson(json);
  }
  for (const s of raw.skipped) io.err(`${path}: ${s.path}: not used: ${s.reason}\n`);
  const v = resultsInput!.checkRawResults(raw, asOf);
  if (!v.ok)
    throw new InputError(
      problemsText(
        path,
        v.issues.map((i) => resultProblem(path, i, json, text)),
      ),
    );
  return v.results;
}

/**
 * A results issue in the CLI's one shape. CSV issues name the file's own name then the line ("bad.csv
 * line 2 (test)"); JSON issues a path and the field ("$[0] (date)"), whose value is shown.
 */
function resultProblem(file: string, issue: { path: string; message: string }, json: unknown, text: string): Problem {
  const base = basename(file);
  const at = issue.path.startsWith(`${base} `) ? issue.path.slice(base.length + 1) : issue.path === base ? undefined : issue.path;
  const field = /^(\$.*) \(([A-Za-z]+)\)$/.exec(issue.path);
  const cell = json === undefined && at ? /^line (\d+) \(([A-Za-z]+)\)$/.exec(at) : null;
  const value = json !== undefined && field ? valueAtPath(json, `${field[1]}.${field[2]}`) : cell ? csvCell(text, Number(cell[1]), cell[2]!) : undefined;
  return { file, ...(at === undefined ? {} : { at }), message: issue.message, ...(value !== null && typeof value === 'object' ? {} : { value }) };
}

/** The cell of a column on a line of a results CSV (unquoted, as the results files are), for showing it. */
function csvCell(text: string, line: number, column: string): string | undefined {
  const lines = text.split(/\r?\n/);
  const header = lines
    .find((l) => l.trim() !== '')
    ?.split(',')
    .map((h) => h.trim().toLowerCase());
  const i = header?.indexOf(column.toLowerCase()) ?? -1;
  return i === -1 ? undefined : lines[line - 1]?.split(',')[i]?.trim();
}

function loadAcks(path: string | undefined): Acknowledgement[] {
  if (path === undefined) return [];
  const json = readJsonFile(path);
  const list = Array.isArray(json) ? json : undefined;
  if (!list?.every((a) => a && typeof a === 'object' && typeof a.alertId === 'string' && typeof a.at === 'string' && typeof a.by === 'string')) {
    throw new InputError(`${path}: expected a list of { "alertId", "at", "by", "note"? }`);
  }
  return list as Acknowledgement[];
}

function oneFile(positionals: string[]): string {
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('give exactly one FILE');
  return file;
}

async function plan(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { ...COMMON, results: { value: true, multiple: true }, acks: { value: true }, ics: {}, stamp: { value: true }, all: {} });
  const file = oneFile(args.positionals);
  if (flag(args, 'json') && flag(args, 'ics')) throw new UsageError('choose --json or --ics');
  if (!flag(args, 'ics') && (args.options.stamp !== undefined || flag(args, 'all'))) throw new UsageError('--stamp and --all go with --ics');
  const settings = settingsFrom(stringOption(args, 'settings'));
  const asOf = asOfFor(stringOption(args, 'as-of'), settings, io);
  const { history } = await loadHistoryFile(file, asOf);
  const extra = ((args.options.results as string[] | undefined) ?? []).flatMap((p) => loadResults(p, asOf, io));
  const m = monitorPatient({ history, asOf, results: extra, acknowledgements: loadAcks(stringOption(args, 'acks')), settings });
  if (flag(args, 'ics')) {
    const stampText = stringOption(args, 'stamp');
    const stamp = stampText === undefined ? new Date() : new Date(stampText);
    if (Number.isNaN(stamp.getTime())) throw new UsageError(`--stamp must be an ISO date-time such as 2026-01-31T09:00:00Z, not "${stampText}"`);
    io.out(monitoringIcs(history.id, m.states, { stamp, include: flag(args, 'all') ? 'all' : 'outstanding' }));
  } else if (flag(args, 'json')) io.out(JSON.stringify(monitoringJson(m), null, 2) + '\n');
  else io.out(monitoringText(m));
  return EXIT.ok;
}

async function results(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { ...COMMON, add: { value: true, multiple: true }, into: { value: true } });
  const file = oneFile(args.positionals);
  const adds = (args.options.add as string[] | undefined) ?? [];
  if (adds.length === 0) throw new UsageError('--add RESULTS is required (CSV, JSON or FHIR)');
  const settings = settingsFrom(stringOption(args, 'settings'));
  const asOf = asOfFor(stringOption(args, 'as-of'), settings, io);
  const { history } = await loadHistoryFile(file, asOf);
  const into = stringOption(args, 'into');
  const stored = into !== undefined && existsSync(into) ? loadResults(into, asOf, io) : [];
  const incoming = adds.flatMap((p) => loadResults(p, asOf, io));
  const held = recordResults(resultsFromHistory(history), stored).results;
  const rec = recordResults(held, incoming);
  const m = monitorPatient({ history, asOf, results: rec.results, settings });
  const newKeys = new Set(rec.recorded.map((r) => `${r.day}|${r.test}`));
  const raised = m.alerts.filter((a) => a.values.some((v) => v.role === 'result' && newKeys.has(`${parseDay(v.date)}|${v.test}`)));
  if (into !== undefined) {
    const keep = recordResults(stored, rec.recorded).results;
    writeOutputFile(into, JSON.stringify({ results: keep.map(resultJson) }, null, 2) + '\n');
  }
  if (flag(args, 'json')) {
    io.out(
      JSON.stringify({ recorded: rec.recorded.length, duplicates: rec.duplicates.length, alerts: raised, summary: monitoringJson(m).summary }, null, 2) + '\n',
    );
  } else {
    io.out(`${history.id}: recorded ${rec.recorded.length}, duplicates ${rec.duplicates.length}${into !== undefined ? ` (kept in ${into})` : ''}\n`);
    for (const a of raised) io.out(`  ${a.urgency.toUpperCase()} ${a.date} ${a.message} Action: ${a.action}\n`);
    io.out(`Status: ${m.summary.status} (${m.summary.openAlerts} open alerts, ${m.summary.overdueItems} overdue)\n`);
  }
  return EXIT.ok;
}

interface PatientEntry {
  history: unknown;
  results?: unknown;
  acknowledgements?: unknown;
}

function entryOf(json: unknown): PatientEntry {
  if (json && typeof json === 'object' && !Array.isArray(json) && 'history' in json) return json as PatientEntry;
  return { history: json };
}

async function worklistCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, COMMON);
  const source = oneFile(args.positionals);
  const settings = settingsFrom(stringOption(args, 'settings'));
  const asOf = asOfFor(stringOption(args, 'as-of'), settings, io);
  const inputs: { origin: string; json: unknown }[] = [];
  if (existsSync(source) && statSync(source).isDirectory()) {
    for (const f of readdirSync(source)
      .filter((n) => n.endsWith('.json'))
      .sort())
      inputs.push({ origin: join(source, f), json: readJsonFile(join(source, f)) });
  } else {
    readText(source)
      .split(/\r?\n/)
      .forEach((line, i) => {
        if (line.trim() === '') return;
        try {
          inputs.push({ origin: `${source} line ${i + 1}`, json: parseJsonText(line, `${source} line ${i + 1}`) });
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          io.err(`${e.message}\n`);
          inputs.push({ origin: `${source} line ${i + 1}`, json: undefined });
        }
      });
  }
  const patients: MonitoringInput[] = [];
  let invalid = 0;
  for (const { origin, json } of inputs) {
    if (json === undefined) {
      invalid++;
      continue;
    }
    try {
      const e = entryOf(json);
      const { history } = await historyFromJson(e.history, asOf, origin);
      const extra = e.results === undefined ? [] : checked(resultsInput!.checkRawResults(resultsInput!.resultsFromJson(e.results), asOf), origin);
      const acks = Array.isArray(e.acknowledgements) ? (e.acknowledgements as Acknowledgement[]) : [];
      patients.push({ history, asOf, results: extra, acknowledgements: acks, settings });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      // One unreadable record must not hide the others' alerts: list it, carry on, exit 2 at the end.
      invalid++;
      io.err(`${err.message}\n`);
    }
  }
  const list = clinicWorklist(patients);
  io.out(flag(args, 'json') ? JSON.stringify(worklistJson(list), null, 2) + '\n' : worklistText(list));
  if (invalid > 0) io.err(`${invalid} patient record${invalid === 1 ? '' : 's'} could not be read and ${invalid === 1 ? 'is' : 'are'} NOT on this worklist\n`);
  return invalid > 0 ? EXIT.invalidInput : EXIT.ok;
}

function checked(v: ReturnType<ResultsInput['checkRawResults']>, origin: string): MonitoringResult[] {
  if (!v.ok) throw new InputError(`${origin}: results: ${v.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return v.results;
}

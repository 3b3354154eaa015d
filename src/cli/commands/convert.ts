import { choiceOption, flag, parseArgs, stringOption } from '../args.js';
import { EXIT, UsageError, parseAsOf, readJsonFile } from '../io.js';
import { InvalidHistoryError, historyFromJson, isFhirResource } from '../input.js';
import type { Command } from '../main.js';
import { historyToBundle } from '../../fhir/to-bundle.js';
import { coverageSummary } from '../coverage.js';

const USAGE = `Usage: fulcrum convert FILE [--to history|fhir] [--as-of YYYY-MM-DD] [--outcome] [--strict]
       fulcrum convert FOLDER|FILE --summary [--as-of YYYY-MM-DD] [--strict]
  FILE is a FHIR R4 Bundle or a patient history (JSON); - reads standard input.
  --to history  (default) print the history and the mapping report: every resource not used or not
                readable, and why (an unreadable entry is left out with its FHIRPath; the rest is read)
  --to fhir     print a FHIR R4 Bundle (type collection) of the history
  --outcome     on invalid input, print the problems as a FHIR OperationOutcome on standard output
  --strict      refuse a FHIR record for any unreadable entry (a data-quality check)
  --summary     a cohort's coverage: every FHIR Bundle (*.json) in FOLDER read, and counted: records
                read and refused, resources read / not read / unreadable by type, problems listed for
                review, and the codes not read with how often each was sent (so a site can map them)
  Exit 0 on success, 2 on invalid input (every problem listed, with FHIRPath locations for FHIR).`;

export const command: Command = {
  summary: 'convert between FHIR R4 Bundles and patient histories, with a mapping report',
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(argv, { to: { value: true }, 'as-of': { value: true }, outcome: {}, strict: {}, summary: {} });
    const [file] = args.positionals;
    if (!file || args.positionals.length > 1) throw new UsageError('give exactly one FILE');
    const to = choiceOption(args, 'to', ['history', 'fhir'] as const, 'history')!;
    const asOf = parseAsOf(stringOption(args, 'as-of'), io);
    const strict = flag(args, 'strict');
    if (flag(args, 'summary')) {
      const summary = await coverageSummary(file, asOf, strict);
      io.out(JSON.stringify(summary, null, 2) + '\n');
      return EXIT.ok;
    }
    const json = readJsonFile(file);
    let loaded;
    try {
      loaded = await historyFromJson(json, asOf, file, { strict });
    } catch (e) {
      if (!(e instanceof InvalidHistoryError) || !flag(args, 'outcome')) throw e;
      // The outcome's module (and its schema library) only for an input that has problems.
      const { operationOutcome } = await import('../../fhir/outcome.js');
      io.out(JSON.stringify(operationOutcome(e.issues), null, 2) + '\n');
      return EXIT.invalidInput;
    }
    const { history, mappingReport } = loaded;
    if (to === 'fhir') {
      io.out(JSON.stringify(historyToBundle(history), null, 2) + '\n');
      return EXIT.ok;
    }
    const report = isFhirResource(json) ? (mappingReport ?? []) : [];
    io.out(JSON.stringify({ history, mappingReport: report, ...(loaded.unrecognised?.length ? { unrecognised: loaded.unrecognised } : {}) }, null, 2) + '\n');
    const unreadable = report.filter((e) => e.status === 'unreadable').length;
    const unused = report.filter((e) => e.status !== 'unreadable' && e.status !== 'read').length;
    if (unused > 0) io.err(`${file}: ${unused} resource${unused === 1 ? '' : 's'} not used (see mappingReport)\n`);
    if (unreadable > 0) io.err(`${file}: ${unreadable} resource${unreadable === 1 ? '' : 's'} unreadable, left out (see mappingReport)\n`);
    return EXIT.ok;
  },
};

import { choiceOption, parseArgs, stringOption } from '../args.js';
import { EXIT, UsageError, parseAsOf, readJsonFile } from '../io.js';
import { historyFromJson, isFhirResource } from '../input.js';
import type { Command } from '../main.js';
import { historyToBundle } from '../../fhir/index.js';

const USAGE = `Usage: fulcrum convert FILE [--to history|fhir] [--as-of YYYY-MM-DD]
  FILE is a FHIR R4 Bundle or a patient history (JSON); - reads standard input.
  --to history  (default) print the history and the mapping report: every resource not used, and why
  --to fhir     print a FHIR R4 Bundle (type collection) of the history
  Exit 0 on success, 2 on invalid input (every problem listed, with FHIRPath locations for FHIR).`;

export const command: Command = {
  summary: 'convert between FHIR R4 Bundles and patient histories, with a mapping report',
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(argv, { to: { value: true }, 'as-of': { value: true } });
    const [file] = args.positionals;
    if (!file || args.positionals.length > 1) throw new UsageError('give exactly one FILE');
    const to = choiceOption(args, 'to', ['history', 'fhir'] as const, 'history')!;
    const asOf = parseAsOf(stringOption(args, 'as-of'), io);
    const json = readJsonFile(file);
    const { history, mappingReport } = await historyFromJson(json, asOf, file);
    if (to === 'fhir') {
      io.out(JSON.stringify(historyToBundle(history), null, 2) + '\n');
      return EXIT.ok;
    }
    const report = isFhirResource(json) ? mappingReport ?? [] : [];
    io.out(JSON.stringify({ history, mappingReport: report }, null, 2) + '\n');
    if (report.length > 0) io.err(`${file}: ${report.length} resource${report.length === 1 ? '' : 's'} not used (see mappingReport)\n`);
    return EXIT.ok;
  },
};

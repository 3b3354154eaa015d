import { choiceOption, flag, parseArgs, stringOption } from '../args.js';
import { EXIT, UsageError, parseAsOf, readJsonFile } from '../io.js';
import { historyFromJson } from '../input.js';
import type { Command } from '../main.js';
import { compareTherapies } from '../../assess/compare.js';
import { renderComparisonText } from '../../assess/compare-text.js';
import { ASSESSABLE_DRUGS, type AssessDrug } from '../../drugs/index.js';

const USAGE = `Usage: fulcrum compare FILE [--drugs a,b,...] [--as-of YYYY-MM-DD] [--label eu|us] [--json]
  FILE is a patient history (JSON, docs/history-format.md) or a FHIR R4 Bundle; - reads standard input.
  --drugs   the therapies to weigh, comma-separated (default all: ${ASSESSABLE_DRUGS.join(', ')})
  --as-of   the date of the assessment (default today); events after it are errors
  --label   the regulator's label where they differ (default eu)
  --json    { asOf, label, orderingRule, order, assessments }: each therapy's full assessment, in order
  Every therapy is assessed exactly as \`fulcrum assess\` would; the therapies are listed from most to
  least suitable, and the rule that orders them is printed with them.
  Exit 0 with a comparison, 2 on invalid input, 64 on a usage error.
Example:
  fulcrum compare examples/advanced-spms.json --as-of 2026-11-01`;

export const command: Command = {
  summary: 'weigh every therapy for one patient side by side, most suitable first',
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(argv, { drugs: { value: true }, 'as-of': { value: true }, label: { value: true }, json: {} });
    const [file] = args.positionals;
    if (!file || args.positionals.length > 1) throw new UsageError('give exactly one FILE');
    const drugs = parseDrugList(stringOption(args, 'drugs'));
    const label = choiceOption(args, 'label', ['eu', 'us'] as const, 'eu')!;
    const asOf = parseAsOf(stringOption(args, 'as-of'), io);
    const { history } = await historyFromJson(readJsonFile(file), asOf, file);
    const c = compareTherapies(history, { asOf, label, drugs });
    io.out(flag(args, 'json') ? JSON.stringify(c, null, 2) + '\n' : renderComparisonText(c));
    return EXIT.ok;
  },
};

export function parseDrugList(value: string | undefined): AssessDrug[] {
  if (value === undefined || value === 'all') return [...ASSESSABLE_DRUGS];
  const names = value.split(',').map((s) => s.trim());
  const out: AssessDrug[] = [];
  for (const n of names) {
    if (!(ASSESSABLE_DRUGS as readonly string[]).includes(n)) {
      throw new UsageError(`--drugs: unknown therapy "${n.slice(0, 40)}"; known: ${ASSESSABLE_DRUGS.join(', ')} (or all)`);
    }
    if (out.includes(n as AssessDrug)) throw new UsageError(`--drugs: "${n}" is given twice`);
    out.push(n as AssessDrug);
  }
  return out;
}

import { parseArgs, stringOption } from '../args.js';
import { EXIT, UsageError, parseAsOf, readJsonFile } from '../io.js';
import { InvalidHistoryError, validateLazily } from '../input.js';
import type { Command } from '../main.js';

export const command: Command = {
  summary: 'check a patient history against the format; every problem at once (exit 2 if any)',
  usage:
    'Usage: fulcrum validate FILE [--as-of YYYY-MM-DD] [--json]\n  FILE may be - for standard input. Events after --as-of (default today) are errors.\n  The format: docs/history-format.md; its JSON Schema: `fulcrum schema`.\nExample:\n  fulcrum validate examples/early-active-rrms.json --as-of 2026-11-01',
  async run(argv, io) {
    const args = parseArgs(argv, { 'as-of': { value: true }, json: {} });
    const [file] = args.positionals;
    if (!file || args.positionals.length > 1) throw new UsageError('give exactly one FILE');
    const asOf = parseAsOf(stringOption(args, 'as-of'), io);
    const json = readJsonFile(file);
    const result = await validateLazily(json, asOf);
    if (args.options.json) {
      io.out(JSON.stringify(result.ok ? { valid: true } : { valid: false, issues: result.issues }, null, 2) + '\n');
    } else if (result.ok) {
      io.out(`${file}: valid\n`);
    } else {
      throw new InvalidHistoryError(file === '-' ? 'standard input' : file, result.issues, json);
    }
    return result.ok ? EXIT.ok : EXIT.invalidInput;
  },
};

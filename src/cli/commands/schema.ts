import { parseArgs } from '../args.js';
import { EXIT, UsageError } from '../io.js';
import type { Command } from '../main.js';
import { historyJsonSchema } from '../../history/index.js';

export const command: Command = {
  summary: 'print the JSON Schema of the patient history format',
  usage: 'Usage: fulcrum schema',
  async run(argv, io) {
    const args = parseArgs(argv, {});
    if (args.positionals.length) throw new UsageError('schema takes no arguments');
    io.out(JSON.stringify(historyJsonSchema(), null, 2) + '\n');
    return EXIT.ok;
  },
};

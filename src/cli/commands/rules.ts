import { choiceOption, parseArgs } from '../args.js';
import { EXIT, UsageError } from '../io.js';
import type { Command } from '../main.js';
import { ASSESSABLE_DRUGS, LABELS } from '../../drugs/index.js';
import { rulebook, rulebookMarkdown } from '../../assess/rulebook.js';

export const command: Command = {
  summary: 'print the rulebook: every rule, check and trial box with its thresholds and sources',
  usage: [
    `Usage: fulcrum rules [--drug ${ASSESSABLE_DRUGS.join('|')}] [--label ${LABELS.join('|')}] [--format md|json]`,
    '  Every rule the assessment applies, generated from the rule data (knowledge/): its code, plain title,',
    '  effect under each label, thresholds, what it reads from the record and its sources; the data each',
    "  drug needs, its pre-treatment checks and its trials' eligibility boxes. docs/rulebook.md is this",
    '  output for every drug and label (Markdown, the default format).',
    '  Example: fulcrum rules --drug mitoxantrone --label us',
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(argv, { drug: { value: true }, label: { value: true }, format: { value: true } });
    if (args.positionals.length) throw new UsageError('rules takes no file');
    const drug = choiceOption(args, 'drug', ASSESSABLE_DRUGS);
    const label = choiceOption(args, 'label', LABELS);
    const format = choiceOption(args, 'format', ['md', 'json'] as const, 'md');
    const book = rulebook({ ...(drug ? { drugs: [drug] } : {}), ...(label ? { label } : {}) });
    io.out(format === 'json' ? `${JSON.stringify(book, null, 2)}\n` : rulebookMarkdown(book, label ? [label] : LABELS));
    return EXIT.ok;
  },
};

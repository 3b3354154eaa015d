import { choiceOption, flag, parseArgs, stringOption } from '../args.js';
import { EXIT, UsageError, parseAsOf } from '../io.js';
import { loadHistoryFile } from '../input.js';
import type { Command } from '../main.js';
import { courseWithRecordChecks, DEFAULT_PROGRESSION_OPTIONS, formatCourse } from '../../course/index.js';

export const command: Command = {
  summary: 'what can be said of the disease: durations, relapse rate, activity, EDSS, CDW/PIRA/RAW, objective SPMS',
  usage: [
    'Usage: fulcrum course FILE [--as-of YYYY-MM-DD] [--json] [--confirmation-months 3|6] [--baseline fixed|roving]',
    '                           [--event firstCDW|first|multiple] [--settings SETTINGS.json]',
    '       fulcrum course --visits VISITS.csv [--relapses RELAPSES.csv] [--settings SETTINGS.json]',
    '                      [--columns COLUMNS.json] --out EVENTS.csv [--counts COUNTS.csv]',
    '  FILE is a patient history (JSON) or a FHIR R4 Bundle; - reads standard input.',
    "  --settings             msprog's arguments by msprog's names (docs/course-settings.md), instead of the three below",
    '  --visits/--relapses    cohort tables (msprog or MSoutcomes layout); --out gets one row per event, msprog-shaped',
    '  --as-of                the assessment date (default today); later events are errors',
    '  --confirmation-months  worsening confirmed 3 months (12 weeks, default) or 6 months (24 weeks) on',
    '  --baseline             fixed (first valid score, default) or roving (moves after each event)',
    '  --event                firstCDW (default, as msprog), first, or multiple (every event)',
    'Exit codes: 0 ok, 2 invalid history, 64 usage.',
    'Example:',
    '  fulcrum course examples/advanced-spms.json --as-of 2026-11-01',
  ].join('\n'),
  async run(argv, io) {
    if (argv.includes('--visits') || argv.some((a) => a.startsWith('--visits='))) {
      const { runCohort } = await import('./course-cohort.js');
      return runCohort(argv, io);
    }
    const args = parseArgs(argv, {
      'as-of': { value: true },
      json: {},
      'confirmation-months': { value: true },
      baseline: { value: true },
      event: { value: true },
      settings: { value: true },
    });
    const [file] = args.positionals;
    if (!file || args.positionals.length > 1) throw new UsageError('give exactly one FILE');
    const asOf = parseAsOf(stringOption(args, 'as-of'), io);
    const months = choiceOption(args, 'confirmation-months', ['3', '6'] as const, '3')!;
    const baseline = choiceOption(args, 'baseline', ['fixed', 'roving'] as const, 'fixed')!;
    const event = choiceOption(args, 'event', ['firstCDW', 'first', 'multiple'] as const, 'firstCDW')!;
    const settingsFile = stringOption(args, 'settings');
    if (settingsFile !== undefined && ['confirmation-months', 'baseline', 'event'].some((o) => args.options[o] !== undefined)) {
      throw new UsageError('--settings replaces --confirmation-months, --baseline and --event: give conf_days, baseline and event in the settings');
    }
    // The settings' checker (and the schema library) is loaded only when settings are given.
    const settings = settingsFile === undefined ? undefined : (await import('./course-settings.js')).loadCourseSettings(settingsFile);
    const { history } = await loadHistoryFile(file, asOf);
    // msprog's conf_days: 12 weeks (84 days) or 24 weeks (168 days).
    const progression = { ...DEFAULT_PROGRESSION_OPTIONS, confDays: months === '6' ? 168 : 84, baseline, event };
    const result = courseWithRecordChecks(history, asOf, settings ? { progression, settings } : { progression });
    io.out(flag(args, 'json') ? JSON.stringify(result, null, 2) + '\n' : formatCourse(result));
    return EXIT.ok;
  },
};

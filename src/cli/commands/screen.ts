import { closeSync, createWriteStream, existsSync, openSync, readSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { choiceOption, flag, intOption, parseArgs, stringOption } from '../args.js';
import { EXIT, FileProblemError, UsageError, openOutputFile, parseAsOf } from '../io.js';
import type { Command } from '../main.js';
import { screen } from '../../screen/index.js';
import { ASSESSABLE_DRUGS } from '../../drugs/index.js';

const USAGE = `Usage: fulcrum screen INPUT --drug ${ASSESSABLE_DRUGS.join('|')}|all [--as-of YYYY-MM-DD] [--out FILE]
                     [--format csv|ndjson] [--workers N] [--label eu|us] [--candidates] [--summary FILE]
  INPUT: an NDJSON file of patient histories, an NDJSON file of FHIR R4 Bundles (one patient each),
  or a FHIR Bulk Data export folder (one NDJSON file per resource type), joined by patient on disk.
  One row per patient: id, verdict, reason codes, tipping reasons, missing data (rejected records are
  rows too, with their error; they never stop the run). The summary goes to standard error.
  --drug all     every therapy at once: the most permissive verdict, then one verdict column per
                 therapy (${ASSESSABLE_DRUGS.join(', ')}), then the codes of all
  --out FILE     write rows to FILE (default standard output)
  --format       csv (default) or ndjson
  --workers N    screen in N worker threads; 0: in this thread. Default: one per core (at most 8)
                 for inputs of 16 MB and more (about 5,000 patients), else 0: each thread takes a
                 fraction of a second to start and a few thousand patients to reach full speed
  --candidates   instead of rows, a de-identified export of the patients a trial of the drug in
                 progressive MS would want: advised against only for the progressive course or the
                 evidence gaps, with no contraindication
  --summary FILE also write the summary as JSON
  A progress bar with rate and ETA is shown on a terminal, never when standard error is piped or in CI.`;

const LARGE_INPUT_BYTES = 16 << 20;

/** One thread per core for a large cohort; none for a small one, where starting them costs more than they save. */
export function defaultWorkers(input: string): number {
  const st = statSync(input);
  const bytes = st.isDirectory() ? readdirSync(input).reduce((a, f) => a + statSync(join(input, f)).size, 0) : st.size;
  return bytes >= LARGE_INPUT_BYTES ? Math.min(availableParallelism(), 8) : 0;
}

/** A binary file would give a rejected row, with its bytes, for every line-like run: refused whole instead. */
function refuseBinary(input: string): void {
  if (statSync(input).isDirectory()) return;
  const fd = openSync(input, 'r');
  try {
    const head = Buffer.alloc(1 << 16);
    const zero = head.subarray(0, readSync(fd, head, 0, head.length, 0)).indexOf(0);
    if (zero !== -1) throw new FileProblemError({ file: input, message: `is binary data, not text (a zero byte at byte ${zero + 1}); NDJSON was expected` });
  } finally {
    closeSync(fd);
  }
}

export const command: Command = {
  summary: 'screen a cohort (NDJSON or FHIR Bulk export) for one drug or all: a row per patient and a summary',
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(argv, {
      drug: { value: true },
      'as-of': { value: true },
      out: { value: true },
      format: { value: true },
      workers: { value: true },
      label: { value: true },
      candidates: {},
      summary: { value: true },
    });
    const [input] = args.positionals;
    if (!input || args.positionals.length > 1) throw new UsageError('give exactly one INPUT (file or Bulk export folder)');
    if (!existsSync(input)) throw new FileProblemError({ file: input, message: 'cannot read: no such file or folder' });
    refuseBinary(input);
    const drug = choiceOption(args, 'drug', [...ASSESSABLE_DRUGS, 'all'] as const);
    if (!drug) throw new UsageError(`--drug is required (${ASSESSABLE_DRUGS.join(', ')} or all)`);
    if (drug === 'all' && flag(args, 'candidates')) throw new UsageError('--candidates is for one drug: a trial of that drug is what the candidates are for');
    const format = choiceOption(args, 'format', ['csv', 'ndjson'] as const, 'csv')!;
    const label = choiceOption(args, 'label', ['eu', 'us'] as const, 'eu')!;
    const workers = intOption(args, 'workers', defaultWorkers(input))!;
    if (workers > 64) throw new UsageError('--workers must be at most 64');
    const asOf = parseAsOf(stringOption(args, 'as-of'), io);
    const outPath = stringOption(args, 'out');
    // Both outputs are opened before the run, so a wrong path is said at once, not after the cohort.
    const summaryPath = stringOption(args, 'summary');
    const summaryFd = summaryPath ? openOutputFile(summaryPath) : undefined;
    const stream = outPath ? createWriteStream('', { fd: openOutputFile(outPath) }) : undefined;
    const write = (text: string): void | Promise<void> => {
      if (!stream) return io.out(text);
      if (stream.write(text)) return;
      return new Promise((resolve) => stream.once('drain', () => resolve()));
    };
    const summary = await screen({
      input,
      drug,
      asOf,
      label,
      candidates: flag(args, 'candidates'),
      format,
      workers,
      write,
      sink: { err: io.err, stderrIsTTY: io.stderrIsTTY, now: () => performance.now() },
    });
    if (stream) await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
    io.err(summary.toText());
    if (summaryFd !== undefined) {
      writeFileSync(summaryFd, JSON.stringify(summary.toJson(), null, 2) + '\n');
      closeSync(summaryFd);
    }
    return EXIT.ok;
  },
};

import { choiceOption, flag, parseArgs, stringOption } from '../args.js';
import { EXIT, InputError, UsageError, parseAsOf, readJsonFile } from '../io.js';
import { historyFromJson, InvalidHistoryError, isFhirResource, type UnrecognisedProblem } from '../input.js';
import { sourceMsScope } from '../../fhir/source-scope.js';
import type { History } from '../../history/schema.js';
import type { Command } from '../main.js';
import { assess } from '../../assess/assess.js';
import { renderAssessmentText } from '../../assess/text.js';
import { ASSESSABLE_DRUGS } from '../../drugs/index.js';

const USAGE = `Usage: fulcrum assess FILE --drug ${ASSESSABLE_DRUGS.join('|')} [--as-of YYYY-MM-DD] [--label eu|us] [--json] [--explain patient] [--strict]
  FILE is a patient history (JSON, docs/history-format.md) or a FHIR R4 Bundle; - reads standard input.
  --drug            the therapy to weigh (required)
  --as-of           the date of the assessment (default today); events after it are errors
  --json            the assessment as data (docs/clinical-reasoning.md, "Reading an assessment")
  --label           the regulator's label where they differ (default eu)
  --explain patient a plain-language letter for the patient instead of the clinician's report
                    (with --json: { text, html }, as the API's letter endpoint)
  --strict          refuse a FHIR record for any unreadable entry (by default that entry is left
                    out and the rest is read; its problem is in the mapping report)
  Exit 0 with an assessment, 2 on invalid input, 64 on a usage error.
Example:
  fulcrum assess examples/advanced-spms.json --drug alemtuzumab --as-of 2026-11-01`;

export const command: Command = {
  summary: `weigh ${ASSESSABLE_DRUGS.join(' or ')} for one patient: verdict, reasons, evidence, checks`,
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(argv, {
      drug: { value: true },
      'as-of': { value: true },
      label: { value: true },
      json: {},
      explain: { value: true },
      strict: {},
    });
    const [file] = args.positionals;
    if (!file || args.positionals.length > 1) throw new UsageError('give exactly one FILE');
    const drug = choiceOption(args, 'drug', ASSESSABLE_DRUGS);
    if (!drug) throw new UsageError(`--drug is required (${ASSESSABLE_DRUGS.join(', ')})`);
    const label = choiceOption(args, 'label', ['eu', 'us'] as const, 'eu')!;
    const explain = choiceOption(args, 'explain', ['patient'] as const);
    const asOf = parseAsOf(stringOption(args, 'as-of'), io);
    const json = readJsonFile(file);
    let history: History;
    let unrecognised: UnrecognisedProblem[] | undefined;
    try {
      ({ history, unrecognised } = await historyFromJson(json, asOf, file, { strict: flag(args, 'strict') }));
    } catch (e) {
      // A FHIR record with no MS Condition is outside Fulcrum's purpose (docs/scope.md): what in it
      // cannot be read does not matter, and the answer is not-applicable, not a list of problems.
      if (!(e instanceof InvalidHistoryError) || !isFhirResource(json) || sourceMsScope(json) !== undefined) throw e;
      io.err(
        `${file}: no MS diagnosis recorded; the record was not read further (${e.issues.length} problem${e.issues.length === 1 ? '' : 's'} in it left aside)\n`,
      );
      history = { formatVersion: 1, id: patientIdOf(json) };
    }
    const a = assess(history, { drug, asOf, label, ...(unrecognised ? { unrecognised } : {}) });
    if (explain === 'patient') {
      // The letter's module is loaded only when a letter is asked for.
      const { NoLetterError, patientLetter } = await import('../../assess/letter.js');
      if (a.verdict === 'not-applicable') throw new InputError(new NoLetterError(drug).message);
      const letter = patientLetter(a, history);
      io.out(flag(args, 'json') ? JSON.stringify(letter, null, 2) + '\n' : letter.text);
    } else if (flag(args, 'json')) io.out(JSON.stringify(a, null, 2) + '\n');
    else io.out(renderAssessmentText(a));
    return EXIT.ok;
  },
};

function patientIdOf(bundle: unknown): string {
  const entries = (bundle as { entry?: { resource?: { resourceType?: unknown; id?: unknown } }[] }).entry;
  const patient = Array.isArray(entries) ? entries.find((e) => e?.resource?.resourceType === 'Patient')?.resource : undefined;
  return typeof patient?.id === 'string' && patient.id !== '' ? patient.id : 'unknown';
}

// `fulcrum edss`: the EDSS implied by functional-system and ambulation scores, one NDJSON line in,
// one out. A line with every score gives {"edss": x}; with gaps, {"edssAtLeast": x, "missing": [...]}.

import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import { isFunctionalSystems } from '../../history/fast-path.js';
import type { FunctionalSystems } from '../../history/schema.js';
import { edssFromFunctionalSystems } from '../../course/index.js';
import { parseArgs } from '../args.js';
import { EXIT, UsageError } from '../io.js';
import type { Command } from '../main.js';

export const command: Command = {
  summary: 'the EDSS implied by functional-system and ambulation scores (NDJSON in and out)',
  usage: [
    'Usage: fulcrum edss [FILE]',
    '  Reads NDJSON lines {"functionalSystems": {"visual": 0-6, "brainstem": 0-5, "pyramidal": 0-6, "cerebellar": 0-5,',
    '  "sensory": 0-6, "bowelBladder": 0-6, "cerebral": 0-5, "ambulation": 0-16}} (visual and bowel-bladder raw, as',
    '  recorded) from FILE or standard input, and writes one line each: {"edss": x} when every score is given,',
    '  {"edssAtLeast": x, "missing": [...]} with gaps (missing scores count as 0), or {"error": ...} naming the field.',
    '  Neurostatus/Kurtzke step rules (knowledge/definitions/edss-from-fs.json): a cross-check, not a replacement',
    "  for the examining neurologist's score.",
    'Exit codes: 0 every line computed, 2 some line invalid, 64 usage.',
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(argv, {});
    if (args.positionals.length > 1) throw new UsageError('give at most one FILE');
    const file = args.positionals[0] ?? '-';
    const input = file === '-' ? process.stdin : createReadStream(file);
    let bad = 0;
    let n = 0;
    const lines = createInterface({ input, crlfDelay: Infinity });
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      const out = await edssLine(line, n);
      if ('error' in out) bad++;
      io.out(JSON.stringify(out) + '\n');
    }
    return bad > 0 ? EXIT.invalidInput : EXIT.ok;
  },
};

export async function edssLine(line: string, n: number): Promise<Record<string, unknown>> {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { error: `line ${n}: not valid JSON` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !('functionalSystems' in json)) {
    return { error: `line ${n}: expected {"functionalSystems": {...}}` };
  }
  const extra = Object.keys(json).filter((k) => k !== 'functionalSystems');
  if (extra.length > 0) return { error: `line ${n}: unknown field ${extra.map((k) => `"${k}"`).join(', ')}` };
  const scores = (json as { functionalSystems: unknown }).functionalSystems;
  if (!isFunctionalSystems(scores)) {
    // The schema (and its library) only to say what is wrong with a line the one-pass check refused.
    const { FunctionalSystemsSchema } = await import('../../history/schema.js');
    const fs = FunctionalSystemsSchema.safeParse(scores);
    if (!fs.success) {
      return { error: `line ${n}: ${fs.error.issues.map((i) => `functionalSystems${i.path.length ? '.' + i.path.join('.') : ''}: ${i.message}`).join('; ')}` };
    }
  }
  const implied = edssFromFunctionalSystems(scores as FunctionalSystems);
  if (!implied) return { error: `line ${n}: functionalSystems has no score` };
  return implied.complete ? { edss: implied.edss } : { edssAtLeast: implied.edss, missing: implied.missing };
}

import { mkdirSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { flag, intOption, parseArgs, stringOption } from '../args.js';
import { EXIT, UsageError, parseAsOf } from '../io.js';
import type { Command } from '../main.js';
import { historyToBundle } from '../../fhir/index.js';
import { formatDay } from '../../history/dates.js';
import { synthHistory } from '../../synth/index.js';

const USAGE = `Usage: fulcrum synth --patients N --seed S [--fhir | --bulk DIR] [--as-of YYYY-MM-DD]
  Realistic synthetic MS histories for demos, tests and benchmarks; the same seed gives the same
  patients. Default: NDJSON of patient histories on standard output.
  --fhir      NDJSON of FHIR R4 Bundles (one per patient) instead
  --bulk DIR  a FHIR Bulk Data export folder: one NDJSON file per resource type (Patient.ndjson, ...)
  --as-of     the date the histories end (default today); nothing happens after it`;

export const command: Command = {
  summary: 'generate realistic synthetic MS histories (NDJSON, FHIR Bundles or a Bulk export)',
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(argv, { patients: { value: true }, seed: { value: true }, fhir: {}, bulk: { value: true }, 'as-of': { value: true } });
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    const n = intOption(args, 'patients');
    if (n === undefined) throw new UsageError('--patients N is required');
    const seedText = stringOption(args, 'seed');
    if (seedText === undefined || !/^-?\d+$/.test(seedText)) throw new UsageError('--seed S (a whole number) is required: it makes the cohort reproducible');
    const seed = Number(seedText) | 0;
    const bulk = stringOption(args, 'bulk');
    const fhir = flag(args, 'fhir');
    if (bulk && fhir) throw new UsageError('--fhir and --bulk are alternatives');
    const asOf = parseAsOf(stringOption(args, 'as-of'), io);
    if (bulk) {
      writeBulk(bulk, n, seed, asOf);
      io.err(`wrote a Bulk export of ${n} patients to ${bulk} (as of ${formatDay(asOf)})\n`);
      return EXIT.ok;
    }
    let buf = '';
    for (let i = 0; i < n; i++) {
      const h = synthHistory(seed, i, asOf);
      buf += JSON.stringify(fhir ? historyToBundle(h) : h) + '\n';
      if (buf.length > 1 << 20) {
        io.out(buf);
        buf = '';
      }
    }
    if (buf) io.out(buf);
    return EXIT.ok;
  },
};

/** One NDJSON file per resource type, resources referring to their Patient, as $export writes them. */
function writeBulk(dir: string, n: number, seed: number, asOf: number): void {
  mkdirSync(dir, { recursive: true });
  const fds = new Map<string, { fd: number; buf: string[]; size: number }>();
  const out = (type: string, line: string) => {
    let f = fds.get(type);
    if (!f) fds.set(type, (f = { fd: openSync(join(dir, `${type}.ndjson`), 'w'), buf: [], size: 0 }));
    f.buf.push(line, '\n');
    f.size += line.length;
    if (f.size > 1 << 20) {
      writeSync(f.fd, f.buf.join(''));
      f.buf = [];
      f.size = 0;
    }
  };
  for (let i = 0; i < n; i++) {
    const b = historyToBundle(synthHistory(seed, i, asOf));
    const pid = (b.entry![0]!.resource as { id: string }).id;
    for (const e of b.entry ?? []) {
      const r = e.resource!;
      // Bulk exports carry server-wide ids: prefix ours with the patient so they stay unique.
      if (r.resourceType !== 'Patient') r.id = `${pid}-${r.id}`;
      const refs = (r as { supportingInformation?: { reference: string }[] }).supportingInformation;
      if (refs) for (const s of refs) s.reference = s.reference.replace(/\/(.*)$/, `/${pid}-$1`);
      out(r.resourceType, JSON.stringify(r));
    }
  }
  for (const f of fds.values()) {
    if (f.buf.length) writeSync(f.fd, f.buf.join(''));
    closeSync(f.fd);
  }
  const manifest = {
    transactionTime: `${formatDay(asOf)}T00:00:00Z`,
    request: '$export',
    requiresAccessToken: false,
    output: [...fds.keys()].sort().map((type) => ({ type, url: `${type}.ndjson` })),
    error: [],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}

// Reads the reference outputs in ../shared/oracles (never copied into the repository). Tests skip,
// saying why, when the folder is absent.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// FULCRUM_ORACLES points elsewhere (or at nothing, to see the skips as a fresh clone does).
export const ORACLES = path.resolve(repoRoot, process.env.FULCRUM_ORACLES ?? '../shared/oracles');
export const haveOracles = existsSync(path.join(ORACLES, 'README.md'));
export const SKIP_REASON = `skipped: the reference outputs are not at ${ORACLES} (they live beside the repository, never in it), so the oracle comparisons do not run`;

/** A small CSV reader for the R exports: quoted strings, NA for missing, no embedded commas. */
export function readCsv(file: string): Record<string, string | undefined>[] {
  const lines = readFileSync(path.join(ORACLES, file), 'utf8').trim().split(/\r?\n/);
  const header = lines[0]!.split(',').map((h) => h.replace(/"/g, ''));
  return lines.slice(1).map((line) => {
    const cells = line.split(',').map((c) => c.replace(/"/g, ''));
    return Object.fromEntries(header.map((h, i) => [h, cells[i] === 'NA' ? undefined : cells[i]]));
  });
}

export function num(x: string | undefined): number | undefined {
  return x === undefined || x === '' ? undefined : Number(x);
}

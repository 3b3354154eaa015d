// Reads the reference outputs in ../shared/oracles (never copied into the repository). Tests skip,
// saying why, when the folder is absent.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ORACLES = path.resolve(repoRoot, '../shared/oracles');
export const haveOracles = existsSync(path.join(ORACLES, 'README.md'));
export const SKIP_REASON = `reference outputs not found at ${ORACLES}; oracle comparisons skipped`;

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

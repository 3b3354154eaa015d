#!/usr/bin/env node
// Runs every benchmark in bench/ one after another (never in parallel: they would measure each other).
// `npm run bench -- course assess` runs only the named ones (with each bench's default arguments).
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(here)
  // built.ts is the benches' shared build step, not a bench.
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'built.ts')
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.ts$/, '')))
  .sort();
// The benches time the compiled code (bench/built.ts): compiled once here for all of them.
const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: join(here, '..'), stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
// As bench/built.ts and `npm run build` do: the knowledge check recorded after the compile, or every
// `fulcrum` process a bench starts would check the knowledge files again (the record is refused when
// the code was compiled since).
const checked = spawnSync(process.execPath, [join(here, '..', 'dist', 'knowledge', 'write-checked.js')], { cwd: join(here, '..'), stdio: 'inherit' });
if (checked.status !== 0) process.exit(1);
process.env.FULCRUM_BENCH_BUILT = '1';
let failed = 0;
for (const file of benches) {
  process.stdout.write(`\n=== bench/${file}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;

// The benches time the code as it ships: the JavaScript that `npm install` compiles into dist/ and
// `fulcrum` runs, compiled here from the current sources first. Timing the TypeScript sources through
// tsx would time tsx's transform as well: it wraps every named closure in a __name() call (esbuild's
// keepNames), which made the engine's lazily built texts cost 20% more than they do in the product.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export function buildDist(): void {
  // Once per run: child processes of a bench inherit the mark.
  if (process.env.FULCRUM_BENCH_BUILT === '1') return;
  const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the TypeScript build failed: the benches time the compiled code');
  // The knowledge files checked once, as `npm run build` does (src/knowledge/write-checked.ts).
  const k = spawnSync(process.execPath, [join(ROOT, 'dist', 'knowledge', 'write-checked.js')], { cwd: ROOT, stdio: 'inherit' });
  if (k.status !== 0) throw new Error('the knowledge files failed their check');
  process.env.FULCRUM_BENCH_BUILT = '1';
}

/** A whole number of at least `min` read from the command line (`what` names it), the fallback when absent, else a clear refusal. */
export function wholeNumber(text: string | undefined, fallback: number, min: number, what: string): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (text === '' || !Number.isInteger(v) || v < min) throw new Error(`${what} must be a whole number of at least ${min} (found ${JSON.stringify(text)})`);
  return v;
}

/** The whole number after `--name` on the command line (at least `min`), or the fallback. */
export function numberOption(name: string, fallback: number, min = 0): number {
  const args = process.argv.slice(2);
  if (args.some((a) => a.startsWith(`--${name}=`))) throw new Error(`write --${name} N, not --${name}=N`);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? wholeNumber(args[i + 1] ?? '', fallback, min, `--${name}`) : fallback;
}

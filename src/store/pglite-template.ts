// A new PGlite data folder needs initdb, which in WebAssembly takes seconds and most of a gigabyte.
// `npm install` runs it once (scripts/pglite-template.mjs) and keeps the empty cluster as a tarball
// beside the compiled code; a new data folder starts as a copy of it. Without the tarball (a build
// without `npm install`, or tests run from source) a folder is created the slow way, as before.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The PGlite release, so that a template from another release (after an upgrade) is never used. */
function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      const j = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string; version?: string };
      if (j.name === '@electric-sql/pglite' && j.version) return j.version;
    }
    const up = dirname(dir);
    if (up === dir) return 'unknown';
    dir = up;
  }
}

/** In dist/ of the checkout, whether this module runs compiled (dist/store) or from source (src/store, tests). */
export function templatePath(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', `pglite-template-${pgliteVersion()}.tar.gz`);
}

/** The template to start a new data folder from, when `npm install` made one and the folder is new. */
export function templateFor(dataDir: string, path = templatePath()): Blob | undefined {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return undefined;
  return existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
}

export async function writeTemplate(path = templatePath()): Promise<string> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = await PGlite.create();
  try {
    const dump = await pg.dumpDataDir('gzip');
    writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pg.close();
  }
  return path;
}

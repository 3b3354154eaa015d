#!/usr/bin/env node
// Run by `npm install` after the build: initdb once, so that the first `fulcrum token issue` or
// `fulcrum serve` in a new data folder copies an empty database instead of creating one (see
// src/store/pglite-template.ts). Without it everything still works, only slower the first time: a
// failure here is a warning, never a failed install.
import { writeTemplate } from '../dist/store/pglite-template.js';

const t = performance.now();
try {
  const path = await writeTemplate();
  process.stdout.write(`fulcrum: embedded database template written to ${path} (${((performance.now() - t) / 1000).toFixed(1)} s)\n`);
} catch (e) {
  process.stderr.write(
    `fulcrum: warning: no embedded database template (${e instanceof Error ? e.message : String(e)}); a new data folder will be created from scratch\n`,
  );
}

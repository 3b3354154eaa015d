#!/usr/bin/env node
// Run by `npm install` after the build: initdb once, so that the first `fulcrum token issue` or
// `fulcrum serve` in a new data folder copies an empty database instead of creating one (see
// src/store/pglite-template.ts).
import { writeTemplate } from '../dist/store/pglite-template.js';

const t = performance.now();
const path = await writeTemplate();
process.stdout.write(`fulcrum: embedded database template written to ${path} (${((performance.now() - t) / 1000).toFixed(1)} s)\n`);

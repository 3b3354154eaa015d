// EDSS from functional-system scores (../shared/oracles/edss-fs/): 95 vectors from two public EDSS
// calculators' tests (npm edss and its PHP port). Scores are given raw (visual and bowel-bladder before
// conversion), as the history records them.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { edssFromFunctionalSystems } from '../../src/course/index.js';
import { haveOracles, ORACLES, SKIP_REASON } from './oracle-data.js';

interface Case {
  label?: string;
  visual_raw: number;
  brainstem: number;
  pyramidal: number;
  cerebellar: number;
  sensory: number;
  bowel_bladder_raw: number;
  cerebral: number;
  ambulation: number;
  expected_edss: number;
}

const cases: Case[] = haveOracles ? (JSON.parse(readFileSync(path.join(ORACLES, 'edss-fs/edss-from-fs-cases.json'), 'utf8')) as { cases: Case[] }).cases : [];

describe.skipIf(!haveOracles)("EDSS from functional systems: the calculators' 95 vectors", () => {
  it('holds 95 vectors', () => expect(cases).toHaveLength(95));
  it.each(cases.map((c, i) => [c.label ?? `vector ${i + 1}`, c] as const))('%s', (_label, c) => {
    const implied = edssFromFunctionalSystems({
      visual: c.visual_raw,
      brainstem: c.brainstem,
      pyramidal: c.pyramidal,
      cerebellar: c.cerebellar,
      sensory: c.sensory,
      bowelBladder: c.bowel_bladder_raw,
      cerebral: c.cerebral,
      ambulation: c.ambulation,
    });
    expect(implied).toEqual({ edss: c.expected_edss, complete: true, missing: [] });
  });
});

if (!haveOracles) describe('EDSS from functional systems', () => it.skip(SKIP_REASON, () => {}));

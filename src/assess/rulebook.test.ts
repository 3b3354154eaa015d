import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ASSESSABLE_DRUGS } from '../drugs/index.js';
import { KNOWLEDGE } from './knowledge.js';
import { rulebook, rulebookMarkdown } from './rulebook.js';

describe('the rulebook a neurologist reviews', () => {
  it('docs/rulebook.md is the generated rulebook (regenerate: fulcrum rules --format md > docs/rulebook.md)', () => {
    const onDisk = readFileSync(new URL('../../docs/rulebook.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(rulebookMarkdown(rulebook()));
  });

  it('lists every rule of every drug with its code, title, effect per label and sources', () => {
    const book = rulebook();
    const md = rulebookMarkdown(book);
    for (const drug of ASSESSABLE_DRUGS) {
      const entry = book.drugs.find((d) => d.drug === drug)!;
      expect(entry.rules.map((r) => r.code)).toEqual(KNOWLEDGE.rules[drug].rules.map((r) => r.code));
      for (const r of KNOWLEDGE.rules[drug].rules) expect(md).toContain(`[\`${r.code}\`]`);
    }
    const stroke = book.drugs[0]!.rules.find((r) => r.code === 'alemtuzumab.contraindication.stroke')!;
    expect(stroke.effect).toEqual({ eu: 'contraindication', us: 'against' });
  });

  it('states each threshold as the data holds it, so a change of the data changes the rulebook', () => {
    const alem = rulebook({ drugs: ['alemtuzumab'] }).drugs[0]!;
    expect(alem.rules.find((r) => r.code === 'alemtuzumab.disability-beyond-evidence')!.thresholds).toEqual({ maxEdss: 5 });
    expect(alem.rules.find((r) => r.code === 'alemtuzumab.duration-beyond-evidence')!.thresholds).toEqual({ maxYears: 10 });
  });

  it('under one label, leaves out what does not apply there', () => {
    const us = rulebook({ drugs: ['mitoxantrone'], label: 'us' }).drugs[0]!;
    expect(us.rules.map((r) => r.code)).not.toContain('mitoxantrone.prior-treatment');
    expect(rulebook({ drugs: ['mitoxantrone'], label: 'eu' }).drugs[0]!.rules.map((r) => r.code)).toContain('mitoxantrone.prior-treatment');
  });

  it('cites only sources it lists, each with its reference', () => {
    const book = rulebook();
    for (const d of book.drugs) for (const r of d.rules) for (const s of r.sources) expect(book.sources[s]).toBeTruthy();
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateHistory } from '../history/index.js';
import { parseDay } from '../history/dates.js';
import { assess, KNOWLEDGE } from './index.js';
import { renderAssessmentText, titledCode } from './text.js';

const AS_OF = parseDay('2026-11-01')!;
const example = (name: string) => {
  const v = validateHistory(JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8')), { asOf: AS_OF });
  if (!v.ok) throw new Error(`${name}: ${JSON.stringify(v.issues)}`);
  return v.history;
};

describe('the text report puts a plain title before each reason code', () => {
  it('every rule and every check of both drugs has a title from the rule data', () => {
    for (const drug of ['alemtuzumab', 'mitoxantrone'] as const) {
      for (const r of KNOWLEDGE.rules[drug].rules) expect(titledCode(drug, r.code)).toMatch(new RegExp(`^[A-Z].+ \\[${r.code.replace(/\./g, '\\.')}\\]$`));
      for (const c of KNOWLEDGE.rules[drug].checks) expect(titledCode(drug, `${drug}.check.${c.id}`)).toBe(`Failed check: ${c.title} [${drug}.check.${c.id}]`);
      for (const d of KNOWLEDGE.rules[drug].requiredData)
        expect(titledCode(drug, `${drug}.required-data.${d.field}`)).toMatch(/^Not recorded: the .+|^Not recorded: a recent EDSS/);
    }
  });

  it('in the reasons and in what tipped the scale', () => {
    const text = renderAssessmentText(assess(example('advanced-spms'), { drug: 'alemtuzumab', asOf: AS_OF }));
    expect(text).toContain('  * Clinically progressive MS [alemtuzumab.progressive-course]\n');
    expect(text).toContain('  - [against] Clinically progressive MS [alemtuzumab.progressive-course]\n');
    const gaps = renderAssessmentText(assess(example('insufficient-data'), { drug: 'alemtuzumab', asOf: AS_OF }));
    expect(gaps).toContain('Not recorded: a recent EDSS [alemtuzumab.required-data.edss]');
  });
});

import { describe, expect, it } from 'vitest';
import { ASSESSABLE_DRUGS } from '../drugs/index.js';
import { DRUG_FILES } from './drug-knowledge.js';
import { KIND_TEXTS, KNOWLEDGE, loadRuleFile } from './knowledge.js';
import { placeholders } from './template.js';

// The rule data is the engine's program: a typo in it must fail when the knowledge loads, naming the
// file, the rule and what is wrong, never weaken a rule silently.

type Json = Record<string, unknown>;
const rulesOf = (drug: 'alemtuzumab' | 'mitoxantrone') => structuredClone(DRUG_FILES[drug].rules) as Json & { rules: Json[] };
const ruleOf = (file: { rules: Json[] }, code: string) => file.rules.find((r) => r.code === code)!;

describe('rule files are checked when they load', () => {
  it('the shipped files load for every drug of the registry', () => {
    for (const drug of ASSESSABLE_DRUGS) expect(() => loadRuleFile(drug, DRUG_FILES[drug].rules, KNOWLEDGE.trials)).not.toThrow();
  });

  it('a misspelt placeholder in a message fails, naming the rule, the message and the placeholder', () => {
    const file = rulesOf('alemtuzumab');
    (ruleOf(file, 'alemtuzumab.disability-beyond-evidence').messages as Json).fires = 'EDSS {scor} on {date}.';
    expect(() => loadRuleFile('alemtuzumab', file, KNOWLEDGE.trials)).toThrow(
      /alemtuzumab\.disability-beyond-evidence messages\.fires: unknown placeholder \{scor\}/,
    );
  });

  it('a misspelt placeholder in the patient letter fails too', () => {
    const file = rulesOf('mitoxantrone');
    (ruleOf(file, 'mitoxantrone.lvef').letter as { why: string[] }[])[0]!.why = ['Your LVEF was {labb}.'];
    expect(() => loadRuleFile('mitoxantrone', file, KNOWLEDGE.trials)).toThrow(/mitoxantrone\.lvef letter\[0\]\.why\[0\]: unknown placeholder \{labb\}/);
  });

  it('a threshold the evaluator needs is required: no silent fallback', () => {
    const file = rulesOf('alemtuzumab');
    delete ruleOf(file, 'alemtuzumab.disability-beyond-evidence').maxEdss;
    expect(() => loadRuleFile('alemtuzumab', file, KNOWLEDGE.trials)).toThrow(/rules\.\d+\.maxEdss/);
  });

  it('a parameter of another kind is refused (each kind has exactly its own)', () => {
    const file = rulesOf('alemtuzumab');
    ruleOf(file, 'alemtuzumab.disability-beyond-evidence').maxYears = 10;
    expect(() => loadRuleFile('alemtuzumab', file, KNOWLEDGE.trials)).toThrow(/maxYears/);
  });

  it('a message the kind needs is required', () => {
    const file = rulesOf('mitoxantrone');
    delete (ruleOf(file, 'mitoxantrone.cumulative-dose').messages as Json).noTherapiesMissing;
    expect(() => loadRuleFile('mitoxantrone', file, KNOWLEDGE.trials)).toThrow(/messages\.noTherapiesMissing/);
  });

  it('an unknown trial or a combined rule that is not defined before fails', () => {
    const file = rulesOf('alemtuzumab');
    ruleOf(file, 'alemtuzumab.inside-evidence').trials = ['care-ms-3'];
    expect(() => loadRuleFile('alemtuzumab', file, KNOWLEDGE.trials)).toThrow(/names unknown trial care-ms-3/);
    const again = rulesOf('alemtuzumab');
    ruleOf(again, 'alemtuzumab.advanced-disease').allOf = ['alemtuzumab.duration-beyond-evidence', 'alemtuzumab.age-beyond-evidence'];
    expect(() => loadRuleFile('alemtuzumab', again, KNOWLEDGE.trials)).toThrow(/combines alemtuzumab\.age-beyond-evidence, which must come before it/);
  });

  it("a rule code outside the drug's namespace fails", () => {
    const file = rulesOf('mitoxantrone');
    ruleOf(file, 'mitoxantrone.lvef').code = 'alemtuzumab.lvef';
    expect(() => loadRuleFile('mitoxantrone', file, KNOWLEDGE.trials)).toThrow(/must start with mitoxantrone\./);
  });
});

describe('the texts beside the rules', () => {
  it("every message of every rule uses only its kind's placeholders (and every kind in use declares its messages)", () => {
    for (const drug of ASSESSABLE_DRUGS) {
      for (const r of KNOWLEDGE.rules[drug].rules) {
        const allowed = KIND_TEXTS[r.kind] as Record<string, readonly string[]>;
        for (const [key, t] of Object.entries(r.messages as Record<string, string>)) {
          expect(allowed[key], `${r.code} ${key}`).toBeDefined();
          for (const p of placeholders(t)) {
            expect(
              [...allowed[key]!, 'title', 'Title', 'why'].some((a) => a === p || a === p.charAt(0).toLowerCase() + p.slice(1)),
              `${r.code} ${key} {${p}}`,
            ).toBe(true);
          }
        }
      }
    }
  });

  it('no threshold of a rule is written in its letter wording: the letter quotes the data', () => {
    // The thresholds a letter states ("within 10 years", "a score of 5.0 or lower", "up to 55", "below 50%")
    // come from placeholders, so a change of the rule changes the letter with it.
    for (const drug of ASSESSABLE_DRUGS) {
      for (const r of KNOWLEDGE.rules[drug].rules) {
        const numbers = [
          r.kind === 'onset-duration-above' ? String(r.maxYears) : undefined,
          r.kind === 'edss-above' ? r.maxEdss.toFixed(1) : undefined,
          r.kind === 'age-above' ? String(r.maxAge) : undefined,
          r.kind === 'lab-below' ? String(r.min) : undefined,
        ].filter((n): n is string => n !== undefined);
        for (const l of r.letter ?? [])
          for (const t of l.why) for (const n of numbers) expect(t, r.code).not.toMatch(new RegExp(`\\b${n.replace('.', '\\.')}\\b`));
      }
    }
  });
});

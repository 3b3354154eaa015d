import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ASSESSABLE_DRUGS, LABELS } from '../drugs/index.js';
import { parseDay } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { assess } from './assess.js';
import { changedRecord } from './counterfactual.js';
import { KNOWLEDGE } from './knowledge.js';
import { patientLetter, whatWouldChange } from './letter.js';
import { VERDICT_RANK, type Verdict } from './schema.js';

const rank = (v: Verdict): number => (v === 'not-applicable' ? Number.NaN : VERDICT_RANK[v]);
/** Whether a line is the template with its placeholders ({conditions}) filled by something. */
const escape = (t: string) => t.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
const says = (lines: string[], template: string): boolean => {
  const re = new RegExp(
    `^${template
      .split(/\{\w+\}/)
      .map(escape)
      .join('.+')}$`,
  );
  return lines.some((l) => re.test(l));
};

// "What would change the answer" in the patient letter is what the engine says when the record is
// changed, never a hand-written promise: each sentence is checked here against a run of its own.

const asOf = parseDay('2026-11-01')!;
const examplesDir = new URL('../../examples/', import.meta.url);
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f, history: JSON.parse(readFileSync(new URL(f, examplesDir), 'utf8')) as History }));

function changeSection(letter: string): string[] {
  const lines = letter.split('\n');
  const from = lines.indexOf('What would change the answer');
  const to = lines.indexOf('What we can talk about instead');
  return lines
    .slice(from + 1, to)
    .filter((l) => l.startsWith('- '))
    .map((l) => l.slice(2));
}

describe('what would change the answer, for every example, drug and label', () => {
  for (const { name, history } of examples) {
    for (const drug of ASSESSABLE_DRUGS) {
      for (const label of LABELS) {
        // Outside MS there is no letter (docs/scope.md), so nothing to pin.
        if (assess(history, { drug, asOf, label }).verdict === 'not-applicable') continue;
        it(`${name}, ${drug}, ${label.toUpperCase()} label: each sentence is what a run on the changed record gives`, () => {
          const a = assess(history, { drug, asOf, label });
          const said = changeSection(patientLetter(a, history).text);
          for (const s of KNOWLEDGE.whatWouldChange.scenarios) {
            const changed = changedRecord(history, asOf, s.change);
            const tried = changed !== undefined && !(s.onlyIf === 'not-active' && a.course.activity.status === 'met') && a.verdict !== 'insufficient-data';
            const after = tried ? assess(changed, { drug, asOf, label }).verdict : undefined;
            const better = after !== undefined && rank(after) < rank(a.verdict);
            expect(says(said, s.changes), `${s.id}: "${s.changes}" (verdict ${a.verdict} -> ${after})`).toBe(better);
            if (s.unchanged) {
              const stays = tried && !better && rank(a.verdict) >= VERDICT_RANK['advise-against'];
              expect(says(said, s.unchanged), `${s.id}: "${s.unchanged}"`).toBe(stays);
            }
          }
        });
      }
    }
  }

  it('never says both that a new attack would and would not change the answer (the advanced-SPMS letter did)', () => {
    const spms = examples.find((e) => e.name === 'advanced-spms.json')!.history;
    const said = changeSection(patientLetter(assess(spms, { drug: 'alemtuzumab', asOf }), spms).text);
    const activity = KNOWLEDGE.whatWouldChange.scenarios.find((s) => s.id === 'new-activity')!;
    expect(said).toContain(activity.unchanged);
    expect(said).not.toContain(activity.changes);
  });

  it('the catheter patient hears that removing the catheter could change the mitoxantrone answer, because it does', () => {
    const h = examples.find((e) => e.name === 'catheter-mitoxantrone.json')!.history;
    const a = assess(h, { drug: 'mitoxantrone', asOf });
    const tried = whatWouldChange(a, h).find((c) => c.scenario === 'portal-of-infection-gone')!;
    expect(rank(tried.verdict)).toBeLessThan(rank(a.verdict));
    expect(changeSection(patientLetter(a, h).text)).toContain(tried.sentence);
  });
});

describe('the standing portal of infection is named as the patient has it', () => {
  it('a pressure sore is not called a catheter; a catheter is', () => {
    const h = examples.find((e) => e.name === 'catheter-mitoxantrone.json')!.history;
    const ulcer: History = { ...h, conditions: [{ code: 'pressure-ulcer', status: 'active' }] };
    const letter = (x: History) => changeSection(patientLetter(assess(x, { drug: 'mitoxantrone', asOf }), x).text).join(' ');
    expect(letter(ulcer)).toContain('If this way in for germs, a pressure sore, went away for good');
    expect(letter(ulcer)).not.toContain('catheter');
    expect(letter(h)).toContain('If this way in for germs, a urinary catheter (a tube that drains the bladder), went away for good');
  });
});

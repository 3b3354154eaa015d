import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { History } from '../history/schema.js';
import { validateHistory } from '../history/validate.js';
import { assess, AssessmentSchema, patientLetter, renderAssessmentText } from './index.js';
import { AS_OF } from './fixtures.js';

function example(name: string): History {
  const v = validateHistory(JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8')), { asOf: AS_OF });
  if (!v.ok) throw new Error(`${name}: ${JSON.stringify(v.issues)}`);
  return v.history;
}

const sentences = (text: string) =>
  text
    .split(/(?<=[.!?])\s+|\n/)
    .map((s) => s.replace(/^- /, '').trim())
    .filter(Boolean);

describe('the patient letter', () => {
  const h = example('advanced-spms');
  const a = assess(h, { drug: 'alemtuzumab', asOf: AS_OF });
  const letter = patientLetter(a, h);

  it('says what was decided, in plain words', () => {
    expect(a.verdict).toBe('advise-against');
    expect(letter.text).toContain('We advise against alemtuzumab (Lemtrada) for you.');
  });
  it('explains that an immune "reboot" cannot repair damage already done, and why it helps little at this stage', () => {
    expect(letter.text).toContain('"reboot"');
    expect(letter.text).toContain('It cannot repair damage that is already done.');
    expect(letter.text).toContain('At your stage');
  });
  it("names the patient's own values: onset and EDSS score, with the score explained", () => {
    expect(letter.text).toContain('in 2006');
    expect(letter.text).toContain('Your disability score is 6.5.');
    expect(letter.text).toContain('goes from 0 to 10');
  });
  it('says what would change the answer and what to discuss instead, including research', () => {
    expect(letter.text).toContain('What would change the answer');
    expect(letter.text).toContain('What we can talk about instead');
    expect(letter.text).toMatch(/study of alemtuzumab in progressive MS/);
    expect(letter.text).toContain('A new attack or new inflammation on a scan would not change this answer by itself.');
  });
  it('keeps sentences short (at most 30 words) and leaves no rule codes or jargon unexplained', () => {
    for (const s of sentences(letter.text)) expect(s.split(/\s+/).length, s).toBeLessThanOrEqual(30);
    expect(letter.text).not.toMatch(/alemtuzumab\.[a-z]/);
    expect(letter.text).not.toMatch(/\bSPMS\b|\bCARE-MS\b|\bGd\+/);
  });
  it('gives the same content as escaped HTML', () => {
    expect(letter.html).toContain('<h2>Why</h2>');
    expect(letter.html).toContain('&quot;reboot&quot;');
    expect(letter.html).not.toMatch(/<script/i);
  });
  it('for mitoxantrone with a catheter, explains the sepsis risk and what would change it', () => {
    const hc = example('catheter-mitoxantrone');
    const lc = patientLetter(assess(hc, { drug: 'mitoxantrone', asOf: AS_OF }), hc);
    expect(lc.text).toContain('urinary catheter (a tube that drains the bladder)');
    expect(lc.text).toContain('sepsis');
    expect(lc.text).toContain('If this way in for germs, a urinary catheter (a tube that drains the bladder), went away for good, we could look again.');
  });
  it('for insufficient data, lists what must be recorded in plain words', () => {
    const hi = example('insufficient-data');
    const li = patientLetter(assess(hi, { drug: 'alemtuzumab', asOf: AS_OF }), hi);
    expect(li.text).toContain('We cannot decide about alemtuzumab (Lemtrada) yet.');
    expect(li.text).toContain('We need your recent MRI scan results.');
    expect(li.text).toContain('not in your record yet');
  });
});

describe('the clinician report', () => {
  it('leads with the verdict and what tipped it, and lists reasons with sources', () => {
    const h = example('catheter-mitoxantrone');
    const text = renderAssessmentText(assess(h, { drug: 'mitoxantrone', asOf: AS_OF }));
    const lines = text.split('\n');
    expect(lines[1]).toBe('Verdict: ADVISE AGAINST');
    expect(text).toContain('What tipped the scale:\n  * A standing portal of infection [mitoxantrone.infection-risk]');
    expect(text).toContain('sources: seed-clinicspeak, us-pi-mitoxantrone');
    expect(text).toContain('Edan 1997: inside');
  });
});

describe('the assessment schema (one definition for type, validation and OpenAPI)', () => {
  it('converts to JSON Schema for the OpenAPI document', () => {
    const schema = z.toJSONSchema(AssessmentSchema, { io: 'output' }) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['drug', 'asOf', 'rulesetVersion', 'verdict', 'reasons', 'evidenceBase', 'missing', 'checks', 'course', 'tipping', 'weights']),
    );
  });
  it('rejects an assessment with an unknown verdict', () => {
    const a = JSON.parse(JSON.stringify(assess(example('early-active-rrms'), { drug: 'alemtuzumab', asOf: AS_OF })));
    expect(AssessmentSchema.safeParse(a).success).toBe(true);
    expect(AssessmentSchema.safeParse({ ...a, verdict: 'maybe' }).success).toBe(false);
  });
});

describe('the alemtuzumab letter says what the label asks the patient to know', () => {
  const h = example('early-active-rrms');
  const a = assess(h, { drug: 'alemtuzumab', asOf: AS_OF });
  const text = patientLetter(a, h).text;
  it('tests continue until 48 months after the last infusion, about 5 years with two courses: figures from the monitoring plan', () => {
    expect(a.weights.monitoring.months).toBe(60);
    expect(text).toContain('every month until 48 months after your last infusion: about 5 years with 2 courses');
    expect(text).not.toContain('for 4 years');
  });
  it('contraception during each course and for 4 months after it (the pregnancy rule)', () => {
    expect(text).toContain('reliable contraception during each course and for 4 months after it');
  });
  it('a man is not told about contraception for women', () => {
    const man: History = { ...h, sex: 'male' };
    expect(patientLetter(assess(man, { drug: 'alemtuzumab', asOf: AS_OF }), man).text).not.toContain('contraception');
  });
  it('serious stroke or heart events within days of an infusion', () => {
    expect(text).toContain('Serious strokes and heart problems can happen within a few days of an infusion');
  });
  it('the mitoxantrone letter has no alemtuzumab figures, and a man planning to father a child hears about fathering', () => {
    const m = example('worsening-spms-mitoxantrone');
    const father: History = { ...m, sex: 'male', pregnancy: { planningWithinMonths: 3 } };
    const letter = patientLetter(assess(father, { drug: 'mitoxantrone', asOf: AS_OF }), father).text;
    expect(letter).toContain('You are planning to father a child soon.');
    expect(letter).not.toContain('planning a pregnancy');
    expect(letter).not.toContain('{');
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fill, placeholders, templateProblems } from './template.js';

describe('rule text templates', () => {
  it('fills placeholders and uses the fallback only when the value is absent', () => {
    expect(fill('EDSS {score} on {date}.', { score: '5.5', date: '2026-01-02' })).toBe('EDSS 5.5 on 2026-01-02.');
    expect(fill('Your first symptoms were {onset|long ago}.', {})).toBe('Your first symptoms were long ago.');
    expect(fill('Your first symptoms were {onset|long ago}.', { onset: 'in 2012' })).toBe('Your first symptoms were in 2012.');
    expect(fill('{a} {why}', { a: 'Done.', why: '' })).toBe('Done.');
  });

  it('refuses to print a placeholder that has no value and no fallback', () => {
    expect(() => fill('EDSS {score}', {})).toThrow(/\{score\}/);
  });

  it('names unknown placeholders and stray braces when checked', () => {
    expect(templateProblems('EDSS {scor}', ['score'])).toEqual(['unknown placeholder {scor} (allowed: {score})']);
    expect(templateProblems('EDSS {score', ['score'])).toEqual(['a brace or [[ ]] that is not part of a {placeholder} or an optional part']);
    expect(templateProblems('EDSS {score|unknown}', ['score'])).toEqual([]);
  });

  it('a template without braces is its own text, and lists no placeholders', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/[{}[\]]/.test(s)),
        (s) => {
          expect(placeholders(s)).toEqual([]);
          expect(fill(s, {})).toBe(s.trim());
        },
      ),
    );
  });
});

describe('optional parts and capitals', () => {
  it('writes an optional part only when all its values are there', () => {
    const t = 'Met[[ on {date}]][[ at EDSS {edss}]].';
    expect(fill(t, { date: '2020-01-01' })).toBe('Met on 2020-01-01.');
    expect(fill(t, { date: '2020-01-01', edss: '6.0' })).toBe('Met on 2020-01-01 at EDSS 6.0.');
    expect(fill(t, {})).toBe('Met.');
  });

  it('capitalises {Name} from the value of {name}', () => {
    expect(fill('{Title}: {title}', { title: 'history of stroke' })).toBe('History of stroke: history of stroke');
    expect(templateProblems('{Title}', ['title'])).toEqual([]);
  });

  it('finds stray brackets outside optional parts', () => {
    expect(templateProblems('a [[b {x}', ['x'])).toHaveLength(1);
    expect(templateProblems('a [[b {x}]]', ['x'])).toEqual([]);
  });
});

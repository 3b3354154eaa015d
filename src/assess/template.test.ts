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

  it('capitalises any number of distinct values (the remembered forms are bounded, the answers unchanged)', () => {
    for (let i = 0; i < 10_000; i++) expect(fill('{Title}.', { title: `value ${i}` })).toBe(`Value ${i}.`);
    expect(fill('{Title}', { title: 3 })).toBe('3');
    expect(fill('{Title}', { title: 'état' })).toBe('État');
  });

  it('finds stray brackets outside optional parts', () => {
    expect(templateProblems('a [[b {x}', ['x'])).toHaveLength(1);
    expect(templateProblems('a [[b {x}]]', ['x'])).toEqual([]);
  });
});

describe('the ends of a filled text', () => {
  // The reference: every part filled as written, then trimmed; the compiled filler trims only where an
  // end may be blank, and must give the same text for any template and values.
  const chars = fc.constantFrom('x', 'Y', '.', ':', ' ', '\u00a0', '\n', '\t', '\u2003', 'é', '-');
  const literal = fc.string({ unit: chars, minLength: 1, maxLength: 4 });
  const names = ['a', 'b', 'title', 'Title'];
  const placeholder = fc
    .record({ name: fc.constantFrom(...names), fallback: fc.option(fc.string({ unit: chars, maxLength: 3 }), { nil: undefined }) })
    .map(({ name, fallback }) => (fallback === undefined ? `{${name}}` : `{${name}|${fallback}}`));
  const part = fc.oneof(literal, placeholder);
  const optional = fc.array(part, { minLength: 1, maxLength: 3 }).map((ps) => `[[${ps.join('')}]]`);
  const template = fc.array(fc.oneof(part, part, optional), { minLength: 1, maxLength: 5 }).map((ps) => ps.join(''));
  const value = fc.option(fc.oneof(fc.string({ unit: chars, maxLength: 4 }), fc.integer({ min: -20, max: 20 }), fc.constant(2.5)), { nil: undefined });
  const values = fc.record({ a: value, b: value, title: value, Title: value }, { requiredKeys: [] });

  const valueOf = (name: string, v: Record<string, string | number | undefined>): string | number | undefined => {
    const lower = name.charAt(0).toLowerCase() + name.slice(1);
    const raw = v[name] ?? (lower !== name && v[lower] !== undefined ? String(v[lower]).charAt(0).toUpperCase() + String(v[lower]).slice(1) : undefined);
    return raw;
  };
  const reference = (t: string, v: Record<string, string | number | undefined>): string => {
    const filled = t
      .replace(/\[\[((?:(?!\[\[|\]\]).)*)\]\]/g, (_m, inner: string) =>
        placeholders(inner).every((n) => valueOf(n, v) !== undefined)
          ? inner.replace(/\{([A-Za-z][A-Za-z0-9]*)(?:\|[^{}[\]]*)?\}/g, (_p, n: string) => String(valueOf(n, v)))
          : '',
      )
      .replace(/\{([A-Za-z][A-Za-z0-9]*)(?:\|([^{}[\]]*))?\}/g, (_p, n: string, fallback: string | undefined) => {
        const x = valueOf(n, v);
        if (x !== undefined) return String(x);
        if (fallback !== undefined) return fallback;
        throw new Error(`no value for {${n}}`);
      });
    return filled.trim();
  };

  it('are trimmed exactly as if the whole text were trimmed (property)', () => {
    fc.assert(
      fc.property(template, values, (t, v) => {
        let expected: string | Error;
        try {
          expected = reference(t, v);
        } catch (e) {
          expected = e as Error;
        }
        if (expected instanceof Error) expect(() => fill(t, v)).toThrow(/has no value/);
        else expect(fill(t, v)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

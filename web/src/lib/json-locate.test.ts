import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexJson } from './json-locate.js';

const doc = `{
  "formatVersion": 1,
  "id": "p1",
  "edss": [
    { "date": "2020-01-01", "score": 3 },
    { "date": "2021-01-01", "score": 0.5 }
  ]
}`;

describe('a problem is shown at the line of the field it concerns', () => {
  it('an invalid EDSS score is found on its own line', () => {
    const loc = indexJson(doc)(['edss', 1, 'score']);
    expect(loc.depth).toBe(3);
    expect(loc.span.line).toBe(5);
    expect(doc.slice(loc.span.start, loc.span.end)).toBe('"score": 0.5');
  });
  it('a missing field is shown at the nearest object that should hold it', () => {
    const loc = indexJson(doc)(['edss', 0, 'functionalSystems', 'visual']);
    expect(loc.depth).toBe(2);
    expect(loc.span.line).toBe(4);
  });
  it('a FHIR choice element named by its base name is found under its typed JSON name', () => {
    const text = '{"resource": {"effectiveDateTime": "2022-05", "valueQuantity": {"value": 3}}}';
    const loc = indexJson(text)(['resource', 'effective']);
    expect(loc.depth).toBe(2);
    expect(text.slice(loc.span.start, loc.span.end)).toBe('"effectiveDateTime": "2022-05"');
  });
  it('the whole document is the root', () => {
    expect(indexJson(doc)([]).span).toEqual({ start: 0, end: doc.length, line: 0 });
  });
  it('text that is not JSON is refused', () => {
    expect(() => indexJson('{"a": }')).toThrow(SyntaxError);
    expect(() => indexJson('{"a": 1} x')).toThrow(SyntaxError);
  });
  it('every array element of any JSON value is located at text that parses to that element', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 6 }), fc.boolean(), (arr, pretty) => {
        const text = JSON.stringify(arr, null, pretty ? 2 : 0);
        const locate = indexJson(text);
        arr.forEach((v, i) => {
          const { span, depth } = locate([i]);
          expect(depth).toBe(1);
          expect(JSON.parse(text.slice(span.start, span.end))).toEqual(JSON.parse(JSON.stringify(v)));
        });
      }),
    );
  });
});

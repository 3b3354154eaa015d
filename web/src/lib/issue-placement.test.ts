import { describe, expect, it } from 'vitest';
import { issueMessage, placeIssues } from './issue-placement.js';

const text = `{
  "formatVersion": 1,
  "id": "x",
  "edss": [
    { "date": "2020-01-01", "score": 0.5 }
  ]
}`;

describe('problems from the API are placed at their field in the pasted text', () => {
  it('an invalid EDSS score is placed on its line with the path as a reader writes it', () => {
    const [p] = placeIssues(text, [{ severity: 'error', code: 'invalid', diagnostics: 'must be an EDSS score', expression: ['$.edss[0].score'] }]);
    expect(p).toMatchObject({ path: 'edss[0].score', atParent: false });
    expect(p!.span!.line).toBe(4);
  });
  it('a required field that is absent is placed at the object that lacks it', () => {
    const [p] = placeIssues(text, [{ severity: 'error', code: 'required', diagnostics: 'is required', expression: ['$.edss[0].functionalSystems'] }]);
    expect(p!.atParent).toBe(true);
    expect(p!.span!.line).toBe(4);
  });
  it('a FHIRPath location inside a Bundle keeps its FHIRPath text', () => {
    const bundle = '{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation","valueQuantity":{"value":"x"}}}]}';
    const [p] = placeIssues(bundle, [{ severity: 'error', code: 'invalid', expression: ['Bundle.entry[0].resource.valueQuantity.value'] }]);
    expect(p!.path).toBe('Bundle.entry[0].resource.valueQuantity.value');
    expect(bundle.slice(p!.span!.start, p!.span!.end)).toBe('"value":"x"');
  });
  it('a problem without a location, or a text that is not JSON, is still listed, unplaced', () => {
    expect(placeIssues(text, [{ severity: 'error', code: 'too-large' }])[0]).toMatchObject({ path: '(document)', atParent: false });
    expect(placeIssues('{ not json', [{ severity: 'error', code: 'invalid', expression: ['$.id'] }])[0]!.span).toBeUndefined();
  });
  it('an issue naming two fields is shown at both', () => {
    expect(placeIssues(text, [{ severity: 'error', code: 'invalid', expression: ['$.id', '$.formatVersion'] }]).map((p) => p.span!.line)).toEqual([2, 1]);
  });
  it('the sentence drops the path the server repeats at its start', () => {
    expect(issueMessage({ severity: 'error', code: 'invalid', diagnostics: '$.id: must not be empty', expression: ['$.id'] })).toBe('must not be empty');
    expect(issueMessage({ severity: 'error', code: 'invalid' })).toBe('invalid');
  });
});

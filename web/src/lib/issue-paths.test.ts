import { describe, expect, it } from 'vitest';
import { formatPath, parseIssuePath } from './issue-paths.js';

describe('issue paths from the API are located in the document', () => {
  it("a history path $.edss[2].score names the third EDSS visit's score", () => {
    expect(parseIssuePath('$.edss[2].score')).toEqual(['edss', 2, 'score']);
  });
  it('the document itself is the empty path', () => {
    expect(parseIssuePath('$')).toEqual([]);
  });
  it('a FHIRPath location inside a Bundle drops the resource type', () => {
    expect(parseIssuePath('Bundle.entry[3].resource.valueQuantity.value')).toEqual(['entry', 3, 'resource', 'valueQuantity', 'value']);
  });
  it('a FHIRPath function stops the walk at the last plain key', () => {
    expect(parseIssuePath('Bundle.entry[1].resource.value.ofType(Quantity)')).toEqual(['entry', 1, 'resource', 'value']);
  });
  it('quoted keys and bare zod-style paths are accepted', () => {
    expect(parseIssuePath("$['body'].heightCm")).toEqual(['body', 'heightCm']);
    expect(parseIssuePath('relapses[0].onset')).toEqual(['relapses', 0, 'onset']);
    expect(parseIssuePath('labs.1.unit')).toEqual(['labs', 1, 'unit']);
  });
  it('paths are shown the way a reader writes them', () => {
    expect(formatPath(['edss', 2, 'score'])).toBe('edss[2].score');
    expect(formatPath([])).toBe('(document)');
  });
});

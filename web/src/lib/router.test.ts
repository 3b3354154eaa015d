import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { href, parseRoute, type Route } from './router.js';

describe('hash routes', () => {
  it('the start page is the patient list', () => {
    expect(parseRoute('')).toEqual({ view: 'patients' });
    expect(parseRoute('#/')).toEqual({ view: 'patients' });
  });
  it('a patient opens on the timeline by default', () => {
    expect(parseRoute('#/patients/p%2F1')).toEqual({ view: 'patient', id: 'p/1', tab: 'timeline' });
  });
  it('an assessment of a patient can be linked', () => {
    expect(parseRoute('#/patients/p1/assessment?assessment=a9')).toEqual({ view: 'patient', id: 'p1', tab: 'assessment', assessmentId: 'a9' });
  });
  it('an unknown path is reported, not silently sent to the list', () => {
    expect(parseRoute('#/nowhere')).toEqual({ view: 'not-found', path: '/nowhere' });
    expect(parseRoute('#/patients/p1/unknown-tab').view).toBe('not-found');
  });
  it('every route survives a round trip through its link, whatever the ids hold', () => {
    const id = fc.string({ minLength: 1 });
    const route: fc.Arbitrary<Route> = fc.oneof(
      fc.constant<Route>({ view: 'patients' }),
      fc.constant<Route>({ view: 'worklist' }),
      fc.record({
        view: fc.constant('patient' as const),
        id,
        tab: fc.constantFrom('timeline' as const, 'assessment' as const, 'compare' as const, 'monitoring' as const),
      }),
      fc.record({ view: fc.constant('letter' as const), assessmentId: id, patientId: id }),
    );
    fc.assert(
      fc.property(route, (r) => {
        expect(parseRoute(href(r))).toEqual(r);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { Alert } from '../api/types.js';
import { alertedResults, isAcknowledged } from './alerts.js';

const alert = (over: Partial<Alert> = {}): Alert => ({
  id: 'p/itp.platelets-low/2026-01-10',
  test: 'platelets',
  date: '2026-01-10',
  urgency: 'urgent',
  values: [
    { date: '2026-01-10', test: 'platelets', value: 62, role: 'result' },
    { date: '2025-12-10', test: 'platelets', value: 180, role: 'previous' },
  ],
  ...over,
});

describe('alerts beside the results that raised them', () => {
  it('only the result that raised a falling-platelet alert is marked, not the previous value it was compared with', () => {
    const m = alertedResults([alert()]);
    expect([...m.keys()]).toEqual(['platelets|2026-01-10']);
  });
  it("a value without its own test and date takes the alert's; an alert without values marks nothing", () => {
    expect([...alertedResults([alert({ values: undefined })]).keys()]).toEqual([]);
    expect([...alertedResults([alert({ values: [{ value: 62 }] })]).keys()]).toEqual(['platelets|2026-01-10']);
  });
  it('an acknowledgement clears an alert; its absence leaves it open', () => {
    expect(isAcknowledged(alert())).toBe(false);
    expect(isAcknowledged(alert({ acknowledged: { at: '2026-01-11T09:00:00Z', by: 'Dr A' } }))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { missedCount, missedGroupText, missedGroups, type WorklistEntry } from './worklist.js';

const entry = (missed?: WorklistEntry['missed']): WorklistEntry => ({
  patientId: 'p1',
  urgency: 'soon',
  overdue: [],
  alerts: [],
  ...(missed ? { missed } : {}),
});

describe('the worklist view of recently missed tests', () => {
  it('groups missed items by what they ask for, counting them and keeping the latest due date', () => {
    const e = entry([
      { id: 'cbc#5', label: 'Full blood count', due: '2024-08-08', status: 'missed' },
      { id: 'urine#5', label: 'Urinalysis', due: '2024-08-08', status: 'missed' },
      { id: 'cbc#6', label: 'Full blood count', due: '2024-09-08', status: 'missed' },
    ]);
    expect(missedCount(e)).toBe(3);
    expect(missedGroups(e).map(missedGroupText)).toEqual(['Full blood count ×2 (last due 2024-09-08)', 'Urinalysis (last due 2024-08-08)']);
  });

  it('an entry from a server without the missed field shows nothing missed', () => {
    expect(missedCount(entry())).toBe(0);
    expect(missedGroups(entry())).toEqual([]);
  });
});

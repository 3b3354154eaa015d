import { describe, expect, it } from 'vitest';
import type { History, Lab } from '../history/schema.js';
import { day } from './fixtures.js';
import { monitorPatient } from './monitoring.js';

// Natalizumab's patient-dependent schedules (knowledge/monitoring/schedules.json appliesWhen): anti-JCV
// every 6 months while negative or low index; brain MRI every 6 months while the PML risk is high.

const history = (labs: Lab[], extra: Partial<History> = {}): History => ({
  formatVersion: 1,
  id: 'x',
  therapies: [{ drug: 'natalizumab', start: '2024-01-10' }],
  labs,
  ...extra,
});
const schedules = (h: History) => new Set(monitorPatient({ history: h, asOf: day('2025-06-01') }).states.map((s) => s.item.scheduleId));

describe('natalizumab monitoring depends on the anti-JCV result', () => {
  it('negative: anti-JCV every 6 months, no PML MRI series', () => {
    const s = schedules(history([{ date: '2025-01-05', test: 'jcv-antibody', value: 'negative' }]));
    expect(s.has('natalizumab.6-monthly.jcv')).toBe(true);
    expect(s.has('natalizumab.pml-risk.brain-mri')).toBe(false);
  });

  it('positive with index 1.5: still retested (low index), no MRI series; index above 1.5: MRI every 6 months, no retest', () => {
    const low = schedules(
      history([
        { date: '2025-01-05', test: 'jcv-antibody', value: 'positive' },
        { date: '2025-01-05', test: 'jcv-index', value: 1.5, unit: 'index' },
      ]),
    );
    expect(low.has('natalizumab.6-monthly.jcv')).toBe(true);
    expect(low.has('natalizumab.pml-risk.brain-mri')).toBe(false);
    const high = schedules(
      history([
        { date: '2025-01-05', test: 'jcv-antibody', value: 'positive' },
        { date: '2025-01-05', test: 'jcv-index', value: 1.6, unit: 'index' },
      ]),
    );
    expect(high.has('natalizumab.6-monthly.jcv')).toBe(false);
    expect(high.has('natalizumab.pml-risk.brain-mri')).toBe(true);
  });

  it('positive with prior immunosuppressants and a low index: MRI series too', () => {
    const s = schedules(
      history(
        [
          { date: '2025-01-05', test: 'jcv-antibody', value: 'positive' },
          { date: '2025-01-05', test: 'jcv-index', value: 0.8, unit: 'index' },
        ],
        {
          therapies: [
            { drug: 'mitoxantrone', start: '2019-01-01', end: '2020-01-01' },
            { drug: 'natalizumab', start: '2024-01-10' },
          ],
        },
      ),
    );
    expect(s.has('natalizumab.pml-risk.brain-mri')).toBe(true);
  });

  it('no result yet: both series are planned (an unknown never drops a test)', () => {
    const s = schedules(history([]));
    expect(s.has('natalizumab.baseline.jcv')).toBe(true);
    expect(s.has('natalizumab.6-monthly.jcv')).toBe(true);
    expect(s.has('natalizumab.pml-risk.brain-mri')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { acceptedUnits, convertLabValue, normaliseUnit, unitFactor } from './units.js';

describe('lab units', () => {
  it('creatinine: 1 mg/dL is 88.42 umol/L; mmol/L and mg/L are converted too', () => {
    expect(convertLabValue('creatinine', 1, 'mg/dL')).toBe(88.42);
    expect(convertLabValue('creatinine', 0.09, 'mmol/L')).toBe(90);
    expect(convertLabValue('creatinine', 10, 'mg/L')).toBe(88.42);
    expect(convertLabValue('creatinine', 80, 'µmol/L')).toBe(80);
  });

  it('cell counts: per microlitre and per mm3 divide by 1000; 10^3/uL equals 10^9/L', () => {
    expect(convertLabValue('neutrophils', 1500, 'cells/uL')).toBe(1.5);
    expect(convertLabValue('lymphocytes', 800, '/mm3')).toBe(0.8);
    expect(convertLabValue('platelets', 150, '10^3/uL')).toBe(150);
  });

  it('hemoglobin: g/dL x 10, mmol/L x 16.1145; free T4 ng/dL x 12.871; ALT ukat/L x 60', () => {
    expect(convertLabValue('hemoglobin', 12, 'g/dL')).toBe(120);
    expect(convertLabValue('hemoglobin', 8, 'mmol/L')).toBe(128.916);
    expect(convertLabValue('free-t4', 1, 'ng/dL')).toBe(12.871);
    expect(convertLabValue('alt', 0.5, 'ukat/L')).toBe(30);
  });

  it('unit spelling is case- and space-insensitive', () => {
    expect(normaliseUnit(' 10^9 / L ')).toBe('10^9/l');
    expect(unitFactor('platelets', 'X10^9/L')).toBe(1);
    expect(convertLabValue('creatinine', 1, 'MG/DL')).toBe(88.42);
  });

  it('an unknown unit is rejected, never guessed', () => {
    expect(convertLabValue('creatinine', 1, 'mg')).toBeUndefined();
    expect(convertLabValue('platelets', 1, 'g/dL')).toBeUndefined();
    expect(unitFactor('lvef', 'fraction')).toBeUndefined();
    expect(acceptedUnits('lvef')).toEqual(['%']);
  });
});

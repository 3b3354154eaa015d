// Small made-up histories for the course engine's tests and benchmark: a valid version-1 document
// with only what a test needs, every list absent unless given (absent means "not recorded").

import type { History } from '../history/schema.js';

export function history(parts: Partial<History> = {}): History {
  return { formatVersion: 1, id: 'test-patient', ...parts };
}

export const relapse = (onset: string, disabling = true): NonNullable<History['relapses']>[number] => ({ onset, disabling, recovery: 'partial' });
export const mri = (date: string, gd: number, t2: number): NonNullable<History['mri']>[number] => ({
  date,
  region: 'brain',
  gadoliniumEnhancingLesions: gd,
  newOrEnlargingT2Lesions: t2,
});
export const edss = (date: string, score: number, pyramidal?: number): NonNullable<History['edss']>[number] =>
  pyramidal === undefined ? { date, score } : { date, score, functionalSystems: { pyramidal } };

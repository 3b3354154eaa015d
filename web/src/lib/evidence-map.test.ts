import { describe, expect, it } from 'vitest';
import oratorioJson from '../../../knowledge/trials/oratorio.json' with { type: 'json' };
import asclepiosJson from '../../../knowledge/trials/asclepios.json' with { type: 'json' };
import { boxText, evidenceMap, insideBox, type TrialFile } from './evidence-map.js';

const oratorio = oratorioJson as TrialFile;
const asclepios = asclepiosJson as TrialFile;
const at = (years: number, edss: number) => ({ minYears: years, maxYears: years, edss, edssDate: '' });

const careMs2: TrialFile = {
  id: 'care-ms-2',
  study: 'CARE-MS II',
  drug: 'alemtuzumab',
  criteria: [
    { id: 'onset', kind: 'onset-within', months: 120 },
    { id: 'edss', kind: 'edss-range', min: 0, max: 5 },
  ],
};
const mims: TrialFile = { id: 'mims-2002', study: 'MIMS', drug: 'mitoxantrone', criteria: [{ id: 'edss', kind: 'edss-range', min: 3, max: 6 }] };
const edan: TrialFile = { id: 'edan-1997', study: 'Edan 1997', drug: 'mitoxantrone', criteria: [{ id: 'gd', kind: 'gd-lesion' }] };
const course = (minYears: number, maxYears: number, score: number) => ({
  durationFromOnset: { minYears, maxYears },
  disabilityEdss: { score, date: '2024-01-01' },
});

describe("the patient against each trial's box (onset and EDSS)", () => {
  it('CARE-MS II is the box of onset within 10 years and EDSS 0 to 5.0', () => {
    const m = evidenceMap('alemtuzumab', [careMs2, mims], [{ study: 'CARE-MS II', fit: 'outside', trial: 'care-ms-2' }], course(4, 4, 2));
    expect(m.boxes).toEqual([{ trial: 'care-ms-2', study: 'CARE-MS II', strips: [{ maxYears: 10, edssMin: 0, edssMax: 5 }], fit: 'outside' }]);
    expect(boxText(m.boxes[0]!)).toBe('onset within 10 years, EDSS 0.0 to 5.0');
  });
  it('EDSS 5.0 is inside the CARE-MS II box; 5.5 is not', () => {
    const [b] = evidenceMap('alemtuzumab', [careMs2], [], undefined).boxes;
    expect(insideBox(b!, { minYears: 3, maxYears: 3, edss: 5, edssDate: '' })).toBe('inside');
    expect(insideBox(b!, { minYears: 3, maxYears: 3, edss: 5.5, edssDate: '' })).toBe('outside');
  });
  it('an onset year that straddles 10 years is neither inside nor outside', () => {
    const [b] = evidenceMap('alemtuzumab', [careMs2], [], undefined).boxes;
    expect(insideBox(b!, { minYears: 9.6, maxYears: 10.5, edss: 3, edssDate: '' })).toBe('straddles');
    expect(insideBox(b!, { minYears: 10.01, maxYears: 10.9, edss: 3, edssDate: '' })).toBe('outside');
  });
  it('a trial without a duration limit is open-ended; one with neither limit is listed, not drawn', () => {
    const m = evidenceMap('mitoxantrone', [careMs2, mims, edan], [], course(15, 15, 5.5));
    expect(m.boxes.map((b) => [b.study, b.strips])).toEqual([['MIMS', [{ edssMin: 3, edssMax: 6 }]]]);
    expect(m.unplotted).toEqual(['Edan 1997']);
  });
  it('without an onset date or an EDSS the patient is not placed, and the map says why', () => {
    expect(evidenceMap('alemtuzumab', [careMs2], [], { disabilityEdss: { score: 3, date: 'x' } }).unplaced).toMatch(/no onset date/);
    expect(evidenceMap('alemtuzumab', [careMs2], [], undefined).unplaced).toMatch(/no onset date and no EDSS/);
  });
  it("ORATORIO's onset limit depends on the EDSS (knowledge/trials/oratorio.json): 10 years up to EDSS 5.0, 15 years from 5.5 to 6.5", () => {
    const [b] = evidenceMap('ocrelizumab', [oratorio], [], undefined).boxes;
    expect(b!.strips).toEqual([
      { maxYears: 10, edssMin: 3, edssMax: 5 },
      { maxYears: 15, edssMin: 5.5, edssMax: 6.5 },
    ]);
    expect(boxText(b!)).toBe('onset within 10 years, EDSS 3.0 to 5.0, or onset within 15 years, EDSS 5.5 to 6.5');
    expect(insideBox(b!, at(9, 5))).toBe('inside');
    expect(insideBox(b!, at(12, 5))).toBe('outside');
    expect(insideBox(b!, at(12, 5.5))).toBe('inside');
    expect(insideBox(b!, at(15, 6.5))).toBe('inside');
    expect(insideBox(b!, at(16, 6.5))).toBe('outside');
    expect(insideBox(b!, at(1, 2.5))).toBe('outside');
    expect(insideBox(b!, at(1, 7))).toBe('outside');
  });
  it('ASCLEPIOS leaves out the long and mild corner (knowledge/trials/asclepios.json): over 10 years from onset at EDSS 2.0 or less', () => {
    const [b] = evidenceMap('ofatumumab', [asclepios], [], undefined).boxes;
    expect(b!.strips).toEqual([
      { maxYears: 10, edssMin: 0, edssMax: 2 },
      { edssMin: 2.5, edssMax: 5.5 },
    ]);
    expect(insideBox(b!, at(10, 2))).toBe('inside');
    expect(insideBox(b!, at(11, 2))).toBe('outside');
    expect(insideBox(b!, at(30, 2.5))).toBe('inside');
    expect(insideBox(b!, at(30, 6))).toBe('outside');
  });
});

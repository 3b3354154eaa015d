import { describe, expect, it } from 'vitest';
import courseJson from '../../knowledge/definitions/course.json' with { type: 'json' };
import { checkDefinitions, DEFINITIONS } from './definitions.js';

const good = structuredClone(courseJson) as { note: string; definitions: Record<string, Record<string, unknown>> };
const broken = (edit: (j: typeof good) => void) => {
  const j = structuredClone(good);
  edit(j);
  return () => checkDefinitions(j);
};

describe('the course definitions file is checked when the engine loads', () => {
  it('reads the file as it is', () => {
    expect(DEFINITIONS.activityWindowMonths).toMatchObject({ value: 12, unit: 'months' });
    expect(checkDefinitions(good)).toEqual(DEFINITIONS);
  });

  it('names the entry and field of every kind of mistake', () => {
    expect(broken((j) => delete j.definitions.spmsMinEdss)).toThrow('definitions.spmsMinEdss is missing');
    expect(broken((j) => (j.definitions.activityWindowMonth = j.definitions.activityWindowMonths!))).toThrow(
      'definitions.activityWindowMonth is not a definition',
    );
    expect(broken((j) => (j.definitions.resGadolinium!.value = -1))).toThrow('definitions.resGadolinium.value must be a number');
    expect(broken((j) => (j.definitions.resGadolinium!.value = '1'))).toThrow('definitions.resGadolinium.value must be a number');
    expect(broken((j) => (j.definitions.resGadolinium!.unit = ''))).toThrow('definitions.resGadolinium.unit must be non-empty');
    expect(broken((j) => (j.definitions.resGadolinium!.sources = []))).toThrow('definitions.resGadolinium.sources must list');
    expect(broken((j) => (j.definitions.resGadolinium!.sources = ['lublin-2041']))).toThrow('unknown source "lublin-2041"');
    expect(broken((j) => (j.definitions.resGadolinium!.extra = 1))).toThrow('definitions.resGadolinium.extra is not a field');
    expect(broken((j) => delete (j.definitions.resGadolinium as Record<string, unknown>).note)).toThrow('definitions.resGadolinium.note must be non-empty');
  });
});

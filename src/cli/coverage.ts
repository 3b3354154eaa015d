import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Day } from '../history/dates.js';
import { readJsonFile } from './io.js';
import { historyFromJson, InvalidHistoryError, isFhirResource } from './input.js';

// A cohort's coverage: what a site's records send that Fulcrum reads and what it does not, counted,
// so that the site can map its codes (FULCRUM_SITE_CODES) or ask for them to be added. Counts only:
// no patient data is printed.

export interface CoverageSummary {
  records: number;
  read: number;
  refused: number;
  refusals: { file: string; problems: number }[];
  resources: Record<string, { read: number; notRead: number; unreadable: number }>;
  problemsForReview: number;
  conditionsRead: number;
  labsRead: number;
  /** Codes not read, most frequent first: `system|code`, a display, how often and why. */
  codesNotRead: { system: string; code: string; display: string; count: number; reason: string }[];
}

function filesOf(target: string): string[] {
  if (target !== '-' && statSync(target).isDirectory()) {
    return readdirSync(target)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => path.join(target, f));
  }
  return [target];
}

export async function coverageSummary(target: string, asOf: Day, strict: boolean): Promise<CoverageSummary> {
  const s: CoverageSummary = {
    records: 0,
    read: 0,
    refused: 0,
    refusals: [],
    resources: {},
    problemsForReview: 0,
    conditionsRead: 0,
    labsRead: 0,
    codesNotRead: [],
  };
  const codes = new Map<string, CoverageSummary['codesNotRead'][number]>();
  for (const file of filesOf(target)) {
    const json = readJsonFile(file);
    if (!isFhirResource(json)) continue;
    s.records++;
    try {
      const loaded = await historyFromJson(json, asOf, file, { strict });
      s.read++;
      for (const [type, a] of Object.entries(loaded.account ?? {})) {
        const t = (s.resources[type] ??= { read: 0, notRead: 0, unreadable: 0 });
        t.read += a.read;
        t.notRead += a.notRead;
        t.unreadable += a.unreadable;
      }
      s.problemsForReview += loaded.unrecognised?.length ?? 0;
      s.conditionsRead += loaded.history.conditions?.length ?? 0;
      s.labsRead += loaded.history.labs?.length ?? 0;
      for (const e of loaded.mappingReport ?? []) {
        if (!e.coding) continue;
        const key = `${e.coding.system}|${e.coding.code}`;
        const c = codes.get(key);
        if (c) c.count++;
        else
          codes.set(key, {
            system: e.coding.system,
            code: e.coding.code,
            display: e.coding.display ?? '',
            count: 1,
            // The reason without the codings it lists (they are the entry's own fields).
            reason: e.reason.replace(/ \((?:[a-z]+:|text "|no code)[\s\S]*$/, ''),
          });
      }
    } catch (e) {
      if (!(e instanceof InvalidHistoryError)) throw e;
      s.refused++;
      s.refusals.push({ file: path.basename(file), problems: e.issues.length });
    }
  }
  s.codesNotRead = [...codes.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  return s;
}

import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeJsonSyntaxError } from '../history/json-text.js';
import { readLines } from './lines.js';
import { rejected, screenJson, type ScreenResult, type ScreenSettings } from './record.js';

// A FHIR Bulk Data export folder (one NDJSON file per resource type, as $export writes it) joined
// by patient without holding the export in memory: resources are spilled to hash partitions on disk
// by their patient, then each partition (a small fraction of the export) is grouped into one Bundle
// per patient. Medications (shared by many patients) are the only resources kept in memory.

export interface BulkPlan {
  dir: string;
  partitions: string[];
  /** Shared resources by `Type/id` (Medication; Device without a patient), as JSON text. */
  shared: Record<string, string>;
  /** Records that could not be tied to a patient, already screened as rejected (NDJSON on disk). */
  rejectedPath: string;
  bytes: number;
}

export function bulkFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ndjson'))
    .sort()
    .map((f) => join(dir, f));
}

export function bulkBytes(dir: string): number {
  return bulkFiles(dir).reduce((a, f) => a + statSync(f).size, 0);
}

const PATIENT_REF = /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]*)?$/;
const PARTITION_BYTES = 16 << 20;

function patientOf(r: Record<string, unknown>): string | undefined {
  if (r.resourceType === 'Patient') return typeof r.id === 'string' ? r.id : undefined;
  for (const field of ['subject', 'patient']) {
    const ref = r[field] as { reference?: unknown } | undefined;
    if (ref && typeof ref.reference === 'string') {
      const m = PATIENT_REF.exec(ref.reference);
      if (m) return m[1];
    }
  }
  return undefined;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** First pass: spill every resource line to its patient's partition. */
export async function partitionBulk(dir: string, onBytes: (n: number) => void): Promise<BulkPlan> {
  const files = bulkFiles(dir);
  const bytes = files.reduce((a, f) => a + statSync(f).size, 0);
  const n = Math.max(4, Math.min(4096, Math.ceil(bytes / PARTITION_BYTES)));
  const tmp = mkdtempSync(join(tmpdir(), 'fulcrum-screen-'));
  const partitions = Array.from({ length: n }, (_, i) => join(tmp, `p${i}.tsv`));
  const fds = partitions.map((p) => openSync(p, 'w'));
  const buffers: string[][] = partitions.map(() => []);
  const sizes = new Array<number>(n).fill(0);
  const flush = (i: number) => {
    if (buffers[i]!.length === 0) return;
    writeSync(fds[i]!, buffers[i]!.join(''));
    buffers[i] = [];
    sizes[i] = 0;
  };
  const shared: Record<string, string> = {};
  const rejectedPath = join(tmp, 'rejected.ndjson');
  const rejectedFd = openSync(rejectedPath, 'w');
  const reject = (r: ScreenResult) => writeSync(rejectedFd, JSON.stringify(r) + '\n');
  for (const file of files) {
    let lineNo = 0;
    for await (const line of readLines(file, onBytes)) {
      lineNo++;
      if (line.trim() === '') continue;
      let r: Record<string, unknown>;
      try {
        r = JSON.parse(line) as Record<string, unknown>;
      } catch {
        reject(rejected('', [{ path: '$', message: `not valid JSON ${describeJsonSyntaxError(line).replace(/^at line 1, /, 'at ')}` }], `${file}:${lineNo}`));
        continue;
      }
      const pid = patientOf(r);
      if (pid === undefined) {
        if ((r.resourceType === 'Medication' || r.resourceType === 'Device') && typeof r.id === 'string') {
          shared[`${r.resourceType}/${r.id}`] = line;
          continue;
        }
        reject(
          rejected(
            '',
            [{ path: `${String(r.resourceType)}.subject`, message: 'no reference to a Patient: the resource cannot be joined to a patient' }],
            `${file}:${lineNo}`,
          ),
        );
        continue;
      }
      const i = hash(pid) % n;
      buffers[i]!.push(pid, '\t', line, '\n');
      sizes[i]! += line.length;
      if (sizes[i]! > 1 << 18) flush(i);
    }
  }
  for (let i = 0; i < n; i++) {
    flush(i);
    closeSync(fds[i]!);
  }
  closeSync(rejectedFd);
  return { dir: tmp, partitions, shared, rejectedPath, bytes };
}

const REFERENCE_FIELDS = ['medicationReference', 'device'];

/** Second pass, one partition: group by patient, add the shared resources each one refers to, screen. */
export function screenPartition(path: string, shared: Record<string, string>, s: ScreenSettings): ScreenResult[] {
  const text = readFileSync(path, 'utf8');
  const groups = new Map<string, unknown[]>();
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const tab = text.indexOf('\t', start);
    const pid = text.slice(start, tab);
    const resource = JSON.parse(text.slice(tab + 1, end)) as unknown;
    let g = groups.get(pid);
    if (!g) groups.set(pid, (g = []));
    g.push(resource);
    start = end + 1;
  }
  const out: ScreenResult[] = [];
  for (const [pid, resources] of groups) {
    const extra = new Map<string, unknown>();
    for (const r of resources as Record<string, unknown>[]) {
      for (const f of REFERENCE_FIELDS) {
        const ref = (r[f] as { reference?: unknown } | undefined)?.reference;
        if (typeof ref === 'string' && shared[ref] !== undefined && !extra.has(ref)) extra.set(ref, JSON.parse(shared[ref]!));
      }
    }
    const entry = [...resources, ...extra.values()].map((resource) => ({ resource }));
    out.push(screenJson({ resourceType: 'Bundle', type: 'collection', entry }, s, `Patient/${pid}`));
  }
  return out;
}

export function removePlan(plan: BulkPlan): void {
  rmSync(plan.dir, { recursive: true, force: true });
}

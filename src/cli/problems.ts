// Every problem the CLI reports about an input is one line in one shape:
//   FILE WHERE: what is wrong (found VALUE)
// WHERE is a JSON path ($.edss[0].score), a FHIRPath (Bundle.entry[0]...) or "line L, column C"; the
// value is shortened and made printable, so a binary file or a 5 MB string never reaches the terminal.

import { shown } from '../history/json-text.js';

export { jsonSyntaxError, lineColumn, shown } from '../history/json-text.js';

export interface Problem {
  file: string;
  /** JSON path, FHIRPath or "line L, column C"; absent when the problem is the whole file. */
  at?: string;
  message: string;
  /** The offending value as found; omitted when there is none (a missing field). */
  value?: unknown;
}

export function problemLine(p: Problem): string {
  const where = p.at === undefined ? p.file : `${p.file} ${p.at}`;
  return `${where}: ${p.message}${p.value === undefined ? '' : ` (found ${shown(p.value)})`}`;
}

/** One problem on one line; several under a count, each line complete on its own (grep-friendly). */
export function problemsText(file: string, problems: readonly Problem[]): string {
  if (problems.length === 1) return problemLine(problems[0]!);
  return [`${file}: ${problems.length} problems`, ...problems.map((p) => `  ${problemLine(p)}`)].join('\n');
}

/**
 * The value a JSON path ($.a[0].b, $["x y"]) or a simple FHIRPath (Bundle.entry[0].resource.gender)
 * points at in a parsed document, or undefined when the path does not resolve or has functions.
 */
export function valueAtPath(root: unknown, path: string): unknown {
  const m = /^(\$|[A-Z][A-Za-z]*)/.exec(path);
  if (!m) return undefined;
  let cur: unknown = root;
  let rest = path.slice(m[0].length);
  const step = /^(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;
  while (rest.length > 0) {
    const s = step.exec(rest);
    if (!s || cur === null || typeof cur !== 'object') return undefined;
    const key: string | number = s[1] ?? (s[2] !== undefined ? Number(s[2]) : (JSON.parse(s[3]!) as string));
    if (!Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
    rest = rest.slice(s[0].length);
  }
  return cur;
}

import type { OperationOutcomeIssue } from '../api/types.js';
import { formatPath, parseIssuePath } from './issue-paths.js';
import { indexJson, type Span } from './json-locate.js';

// Puts each problem the API found in a pasted document at the place in the text where its field is,
// so the clinician sees "score": 0.5 with the sentence that explains it underneath.

export interface PlacedIssue {
  issue: OperationOutcomeIssue;
  path: string;
  span?: Span;
  /** The field is absent (e.g. required): shown at the object that should hold it. */
  atParent: boolean;
}

/** The server's sentence without the path it may repeat at its start (the path is shown beside it). */
export function issueMessage(issue: OperationOutcomeIssue): string {
  let text = issue.diagnostics ?? issue.code;
  for (const e of issue.expression ?? []) if (text.startsWith(`${e}: `)) text = text.slice(e.length + 2);
  return text;
}

export function placeIssues(text: string, issues: OperationOutcomeIssue[]): PlacedIssue[] {
  let locate: ReturnType<typeof indexJson> | undefined;
  try {
    locate = indexJson(text);
  } catch {
    locate = undefined;
  }
  return issues.flatMap((issue) => {
    const exprs = issue.expression?.length ? issue.expression : [''];
    return exprs.map((expr) => {
      const segs = expr ? parseIssuePath(expr) : undefined;
      if (!segs || !locate) return { issue, path: expr || '(document)', atParent: false };
      const loc = locate(segs);
      return { issue, path: expr.startsWith('$') ? formatPath(segs) : expr, span: loc.span, atParent: loc.depth < segs.length };
    });
  });
}

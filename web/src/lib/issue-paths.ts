// The API names the field of every problem: `$.edss[2].score` for our history documents and FHIRPath
// (`Bundle.entry[3].resource.valueQuantity.value`) for Bundles. The import form turns either into the
// same list of keys and indexes so it can find the field in the pasted text.

export type PathSegment = string | number;

const SEGMENT = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[['"]([^'"]*)['"]\]|\.(\d+)/y;

/**
 * Segments of a JSON path or FHIRPath location; `undefined` for an expression this app cannot follow
 * (a FHIRPath function such as `where(...)` past which positions are not plain keys).
 */
export function parseIssuePath(expression: string): PathSegment[] | undefined {
  let text = expression.trim();
  const out: PathSegment[] = [];
  if (text.startsWith('$')) {
    text = text.slice(1);
  } else {
    // FHIRPath starts with the resource type (`Bundle`); our documents' paths start at `$`.
    const head = /^([A-Z][A-Za-z]*)/.exec(text);
    if (!head) {
      // A bare key path such as `edss[2].score` (zod-style) is rooted at the document.
      text = `.${text}`;
    } else text = text.slice(head[1]!.length);
  }
  SEGMENT.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    SEGMENT.lastIndex = pos;
    const m = SEGMENT.exec(text);
    if (!m) return out.length > 0 ? out : undefined;
    if (m[1] !== undefined) {
      // FHIRPath functions (`.ofType(Quantity)`, `.where(...)`) end what can be located by keys.
      if (text[SEGMENT.lastIndex] === '(') return out.length > 0 ? out : undefined;
      out.push(m[1]);
    } else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(m[3]);
    else if (m[4] !== undefined) out.push(Number(m[4]));
    pos = SEGMENT.lastIndex;
  }
  return out;
}

/** A path as readers know it: `edss[2].score`; the document itself is "(document)". */
export function formatPath(segments: readonly PathSegment[]): string {
  if (segments.length === 0) return '(document)';
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

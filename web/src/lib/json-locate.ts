import type { PathSegment } from './issue-paths.js';

// Where each value of a JSON text sits, so a validation problem can be shown on the line of the field
// it concerns rather than in a list the clinician has to match up by hand.

export interface Span {
  /** Character offsets of the value (or of the key and value for an object member). */
  start: number;
  end: number;
  /** 0-based line of `start`. */
  line: number;
}

export interface Located {
  span: Span;
  /** How many of the requested segments were found; fewer when the field is absent (e.g. required). */
  depth: number;
}

interface Node {
  span: Span;
  children?: Map<PathSegment, Node>;
}

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}
  ws(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }
  fail(): never {
    throw new SyntaxError(`JSON ends or breaks at character ${this.pos}`);
  }
}

function lineAt(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function parseString(s: Scanner): string {
  const start = s.pos;
  s.pos++;
  while (s.pos < s.text.length && s.text[s.pos] !== '"') s.pos += s.text[s.pos] === '\\' ? 2 : 1;
  if (s.pos >= s.text.length) s.fail();
  s.pos++;
  return JSON.parse(s.text.slice(start, s.pos)) as string;
}

function parseValue(s: Scanner, lines: number[]): Node {
  s.ws();
  const start = s.pos;
  const c = s.text[s.pos];
  const span = (): Span => ({ start, end: s.pos, line: lineAt(lines, start) });
  if (c === '{') {
    s.pos++;
    const children = new Map<PathSegment, Node>();
    s.ws();
    if (s.text[s.pos] === '}') {
      s.pos++;
      return { span: span(), children };
    }
    for (;;) {
      s.ws();
      if (s.text[s.pos] !== '"') s.fail();
      const keyStart = s.pos;
      const key = parseString(s);
      s.ws();
      if (s.text[s.pos] !== ':') s.fail();
      s.pos++;
      const value = parseValue(s, lines);
      // A member's problem is shown from its key, where the reader's eye finds the field's name.
      children.set(key, { ...value, span: { start: keyStart, end: value.span.end, line: lineAt(lines, keyStart) } });
      s.ws();
      if (s.text[s.pos] === ',') {
        s.pos++;
        continue;
      }
      if (s.text[s.pos] === '}') {
        s.pos++;
        return { span: span(), children };
      }
      s.fail();
    }
  }
  if (c === '[') {
    s.pos++;
    const children = new Map<PathSegment, Node>();
    s.ws();
    if (s.text[s.pos] === ']') {
      s.pos++;
      return { span: span(), children };
    }
    for (let i = 0; ; i++) {
      children.set(i, parseValue(s, lines));
      s.ws();
      if (s.text[s.pos] === ',') {
        s.pos++;
        continue;
      }
      if (s.text[s.pos] === ']') {
        s.pos++;
        return { span: span(), children };
      }
      s.fail();
    }
  }
  if (c === '"') {
    parseString(s);
    return { span: span() };
  }
  const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(s.text.slice(s.pos, s.pos + 400));
  if (!m) s.fail();
  s.pos += m[0].length;
  return { span: span() };
}

/**
 * FHIRPath names a choice element by its base name (`effective`, `value`) while the JSON holds it with
 * its type appended (`effectiveDateTime`, `valueQuantity`).
 */
function choiceElement(children: Map<PathSegment, Node> | undefined, seg: PathSegment): Node | undefined {
  if (!children || typeof seg !== 'string') return undefined;
  for (const [k, v] of children) if (typeof k === 'string' && k.length > seg.length && k.startsWith(seg) && /[A-Z]/.test(k[seg.length]!)) return v;
  return undefined;
}

/** Indexes a JSON text; throws SyntaxError when it is not JSON. */
export function indexJson(text: string): (path: readonly PathSegment[]) => Located {
  const lines = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lines.push(i + 1);
  const s = new Scanner(text);
  const root = parseValue(s, lines);
  s.ws();
  if (s.pos !== text.length) s.fail();
  return (path) => {
    let node = root;
    let depth = 0;
    for (const seg of path) {
      const next = node.children?.get(seg) ?? choiceElement(node.children, seg);
      if (!next) break;
      node = next;
      depth++;
    }
    return { span: node.span, depth };
  };
}

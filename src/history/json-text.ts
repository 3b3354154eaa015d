// JSON text as it arrives, for saying what is wrong with it: where a syntax error is (JSON.parse's own
// message may quote the input, binary and all) and a value shortened and made printable.

const MAX_SHOWN = 40;

/** A value as JSON, at most 40 characters, with control and invisible characters escaped. */
export function shown(value: unknown, max = MAX_SHOWN): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  // JSON.stringify escapes C0 controls; the C1 range, zero-width and bidirectional marks, the byte
  // order mark and the replacement character (undecodable bytes) would be invisible or garble a line.
  text = text.replace(
    /[\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\ufffd]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Where JSON text goes wrong: the offset of the first error and what was expected there. */
export function jsonSyntaxError(text: string): { offset: number; expected: string } | undefined {
  let i = 0;
  const n = text.length;
  class Stop {
    constructor(readonly expected: string) {}
  }
  const fail = (expected: string): never => {
    throw new Stop(expected);
  };
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('a value');
  };
  const string = () => {
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined) return fail('a closing double quote');
      if (c === '"') return void i++;
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('four hex digits after \\u');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail('an escape such as \\n or \\"');
      } else if (c < ' ') fail('no control character inside a string (write a line break as \\n)');
      else i++;
    }
  };
  const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (): void => {
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        if (text[i] !== '"') fail('a property name in double quotes');
        string();
        ws();
        if (text[i] !== ':') fail("':' after the property name");
        i++;
        ws();
        value();
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          continue;
        }
        if (text[i] === '}') return void i++;
        fail("',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          continue;
        }
        if (text[i] === ']') return void i++;
        fail("',' or ']'");
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    number.lastIndex = i;
    if (c !== undefined && number.test(text)) return void (i = number.lastIndex);
    fail('a value');
  };
  try {
    ws();
    value();
    ws();
    if (i < n) fail('the end of the document');
    return undefined;
  } catch (e) {
    if (e instanceof Stop) return { offset: i, expected: e.expected };
    if (e instanceof RangeError) return { offset: i, expected: 'less deeply nested data' };
    throw e;
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** "at line L, column C: expected X, found Y", without quoting more of the text than the token found. */
export function describeJsonSyntaxError(text: string): string {
  const at = jsonSyntaxError(text) ?? { offset: 0, expected: 'valid JSON' };
  const { line, column } = lineColumn(text, at.offset);
  const found = at.offset >= text.length ? 'the end of the text' : shown(/^\S{1,20}/.exec(text.slice(at.offset, at.offset + 20))?.[0] ?? text[at.offset]);
  return `at line ${line}, column ${column}: expected ${at.expected}, found ${found}`;
}

// Text a database can store exactly as it was sent. PostgreSQL refuses U+0000 in text and jsonb (a
// 500 once it reached the driver), and a lone UTF-16 surrogate cannot be encoded as UTF-8: the
// driver would store U+FFFD in its place, a silent change of what the clinician wrote.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `s` cannot be stored as it is, or undefined when it can. */
export function textProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return 'must not contain a NUL character (U+0000)';
  if (LONE_SURROGATE.test(s)) return 'must be well-formed Unicode (it holds a lone surrogate, which has no UTF-8 form)';
  return undefined;
}

export function isStorableText(s: string): boolean {
  return textProblem(s) === undefined;
}

/** Every string in a parsed JSON value, keys too, that cannot be stored: [path parts, problem]. */
export function unstorableStrings(value: unknown, limit = 20): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (out.length >= limit) return;
    if (typeof v === 'string') {
      const p = textProblem(v);
      if (p) out.push({ path, message: p });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, [...path, i]));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const p = textProblem(k);
        if (p) out.push({ path: [...path, k], message: `the field name ${p}` });
        walk(x, [...path, k]);
      }
    }
  };
  walk(value, []);
  return out;
}

// Texts that sit beside the rules in knowledge/ are templates, filled from the assessment:
// - `{name}` is the value; `{Name}` the value with its first letter capitalised;
// - `{name|fallback}` uses the fallback text when the value is absent;
// - `[[ ... ]]` is an optional part, written only when every placeholder in it has a value.
// The placeholders a template may use are fixed by where it is used and checked when the knowledge
// loads, so a misspelt placeholder fails at start-up instead of printing "{edsss}" to a patient.
// A full assessment fills dozens of templates: each becomes a function once (compile).

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)(?:\|([^{}[\]]*))?\}/g;
const OPTIONAL = /\[\[((?:(?!\[\[|\]\]).)*)\]\]/g;

export type TemplateValues = Readonly<Record<string, string | number | undefined>>;

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The placeholder names a template uses, as written. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Problems with a template for a use that allows `allowed`: unknown placeholders and stray brackets. */
export function templateProblems(template: string, allowed: readonly string[]): string[] {
  const problems: string[] = [];
  for (const name of placeholders(template)) {
    if (!allowed.includes(name) && !allowed.includes(lowerFirst(name))) {
      problems.push(`unknown placeholder {${name}} (allowed: ${allowed.length ? allowed.map((a) => `{${a}}`).join(', ') : 'none'})`);
    }
  }
  const rest = template.replace(OPTIONAL, (_m, inner: string) => inner).replace(PLACEHOLDER, '');
  if (/[{}]|\[\[|\]\]/.test(rest)) problems.push('a brace or [[ ]] that is not part of a {placeholder} or an optional part');
  return problems;
}

/**
 * One piece of a parsed template: literal text (`name` empty), a placeholder, or an optional part
 * holding its own pieces.
 */
interface Piece {
  text: string;
  name: string;
  /** The value's name when the placeholder is its capitalised form ({Title} of title). */
  lower: string;
  fallback: string | undefined;
  optional: Piece[] | undefined;
}

function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index), name: '', lower: '', fallback: undefined, optional: undefined });
    const name = m[1]!;
    out.push({ text: '', name, lower: lowerFirst(name) !== name ? lowerFirst(name) : '', fallback: m[2], optional: undefined });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), name: '', lower: '', fallback: undefined, optional: undefined });
  return out;
}

function parse(template: string): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const m of template.matchAll(OPTIONAL)) {
    if (m.index > at) out.push(...pieces(template.slice(at, m.index)));
    out.push({ text: '', name: '', lower: '', fallback: undefined, optional: pieces(m[1]!) });
    at = m.index + m[0].length;
  }
  if (at < template.length) out.push(...pieces(template.slice(at)));
  return out;
}

/** A character that trim() would keep at an end: printable ASCII, not a space (others count as possibly blank). */
const solidChar = (c: number) => c > 32 && c < 127;

// {Title} is mostly a rule's own title, filled in every message of the rule: each capitalised form
// is kept (a bounded number, so that values from patient records cannot grow the map for ever).
const CAPITALISED = new Map<string, string>();
function capitalised(v: string): string {
  let c = CAPITALISED.get(v);
  if (c === undefined) {
    if (CAPITALISED.size >= 4096) CAPITALISED.clear();
    c = upperFirst(v);
    CAPITALISED.set(v, c);
  }
  return c;
}

type Filler = (values: TemplateValues, more: TemplateValues, helpers: typeof HELPERS) => string;

const HELPERS = {
  cap: (v: string | number | undefined) => (v === undefined ? undefined : typeof v === 'string' ? capitalised(v) : upperFirst(String(v))),
  missing: (name: string): never => {
    throw new Error(`template placeholder {${name}} has no value`);
  },
  /** Whether a value written at an end of the text starts (`at` 0) or ends (`at` -1) with a printable non-space character. */
  solid: (v: string | number, at: 0 | -1): boolean => typeof v === 'number' || solidChar(v.charCodeAt(at === 0 ? 0 : v.length - 1)),
};

/**
 * A template as a JavaScript function, made once: each placeholder a property read of the values
 * (names are checked identifiers, literal text is quoted with JSON.stringify), so filling a message
 * costs what a template literal would. The templates are the product's own knowledge files.
 */
function compile(template: string): Filler {
  const lines: string[] = ['let out = "";'];
  const idOf = new Map<Piece, string>();
  const read = (p: Piece): string => {
    const id = `x${idOf.size}`;
    idOf.set(p, id);
    const lower = p.lower ? ` ?? h.cap(v.${p.lower} ?? m.${p.lower})` : '';
    lines.push(`const ${id} = v.${p.name} ?? m.${p.name}${lower};`);
    return id;
  };
  const parsed = parse(template);
  for (const p of parsed) {
    if (p.optional) {
      const ids = p.optional.filter((q) => q.name).map(read);
      const body = p.optional.map((q, i) => (q.name ? ids[p.optional!.slice(0, i).filter((r) => r.name).length]! : JSON.stringify(q.text))).join(' + ');
      lines.push(`if (${ids.map((id) => `${id} !== undefined`).join(' && ') || 'true'}) out += "" + ${body};`);
    } else if (p.name) {
      const id = read(p);
      const absent = p.fallback !== undefined ? JSON.stringify(p.fallback) : `h.missing(${JSON.stringify(p.name)})`;
      lines.push(`out += ${id} !== undefined ? "" + ${id} : ${absent};`);
    } else lines.push(`out += ${JSON.stringify(p.text)};`);
  }
  // trim() copies the whole message (a full assessment fills dozens), so it runs only where an end may
  // be blank: an optional part or a fallback there, or a value that starts or ends with a space.
  const solidEnd = (p: Piece | undefined, at: 0 | -1): string => {
    if (!p || p.optional || p.fallback !== undefined) return 'false';
    if (p.name) return `h.solid(${idOf.get(p)}, ${at})`;
    return String(solidChar(p.text.charCodeAt(at === 0 ? 0 : p.text.length - 1)));
  };
  lines.push(`return ${solidEnd(parsed[0], 0)} && ${solidEnd(parsed[parsed.length - 1], -1)} ? out : out.trim();`);
  return new Function('v', 'm', 'h', lines.join('\n')) as Filler;
}
const compiled = new Map<string, Filler>();
const NOTHING: TemplateValues = {};

/**
 * The template with its placeholders filled from `values` (then `more`, for values every use shares);
 * the result is trimmed, so an empty part at an end leaves no space.
 */
export function fill(template: string, values: TemplateValues, more: TemplateValues = NOTHING): string {
  let f = compiled.get(template);
  if (f === undefined) {
    f = compile(template);
    compiled.set(template, f);
  }
  return f(values, more, HELPERS);
}

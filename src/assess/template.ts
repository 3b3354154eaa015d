// Texts that sit beside the rules in knowledge/ are templates, filled from the assessment:
// - `{name}` is the value; `{Name}` the value with its first letter capitalised;
// - `{name|fallback}` uses the fallback text when the value is absent;
// - `[[ ... ]]` is an optional part, written only when every placeholder in it has a value.
// The placeholders a template may use are fixed by where it is used and checked when the knowledge
// loads, so a misspelt placeholder fails at start-up instead of printing "{edsss}" to a patient.
// A full assessment fills dozens of templates: each is parsed once into parts and then concatenated.

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
 * One piece of a parsed template, all of one shape so that filling stays monomorphic: literal text
 * (`name` empty), a placeholder, or an optional part holding its own pieces.
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

function compile(template: string): Piece[] {
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
const compiled = new Map<string, Piece[]>();

function valueOf(p: Piece, values: TemplateValues, more: TemplateValues | undefined): string | undefined {
  let v = values[p.name];
  if (v === undefined && more !== undefined) v = more[p.name];
  if (v !== undefined) return typeof v === 'string' ? v : String(v);
  if (p.lower === '') return undefined;
  v = values[p.lower];
  if (v === undefined && more !== undefined) v = more[p.lower];
  return v === undefined ? undefined : upperFirst(String(v));
}

/** The pieces filled, or undefined when a placeholder without fallback has no value. */
function render(parts: Piece[], values: TemplateValues, more: TemplateValues | undefined, optional: boolean): string | undefined {
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.optional !== undefined) out += render(p.optional, values, more, true) ?? '';
    else if (p.name === '') out += p.text;
    else {
      const v = valueOf(p, values, more);
      if (v !== undefined) out += v;
      else if (optional) return undefined;
      else if (p.fallback !== undefined) out += p.fallback;
      else throw new Error(`template placeholder {${p.name}} has no value`);
    }
  }
  return out;
}

/**
 * The template with its placeholders filled from `values` (then `more`, for values every use shares);
 * the result is trimmed, so an empty part at an end leaves no space.
 */
export function fill(template: string, values: TemplateValues, more?: TemplateValues): string {
  let parts = compiled.get(template);
  if (parts === undefined) {
    parts = compile(template);
    compiled.set(template, parts);
  }
  return render(parts, values, more, false)!.trim();
}

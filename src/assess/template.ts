// Texts that sit beside the rules in knowledge/ are templates, filled from the assessment:
// - `{name}` is the value; `{Name}` the value with its first letter capitalised;
// - `{name|fallback}` uses the fallback text when the value is absent;
// - `[[ ... ]]` is an optional part, written only when every placeholder in it has a value.
// The placeholders a template may use are fixed by where it is used and checked when the knowledge
// loads, so a misspelt placeholder fails at start-up instead of printing "{edsss}" to a patient.

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

function valueOf(values: TemplateValues, name: string): string | undefined {
  const v = values[name];
  if (v !== undefined) return String(v);
  const lower = lowerFirst(name);
  if (lower !== name && values[lower] !== undefined) return upperFirst(String(values[lower]));
  return undefined;
}

/** The template with its placeholders filled; the result is trimmed, so an empty part at an end leaves no space. */
export function fill(template: string, values: TemplateValues): string {
  const withOptional = template.replace(OPTIONAL, (_m, inner: string) =>
    placeholders(inner).every((name) => valueOf(values, name) !== undefined) ? inner : '');
  return withOptional.replace(PLACEHOLDER, (_m, name: string, fallback: string | undefined) => {
    const v = valueOf(values, name);
    if (v !== undefined) return v;
    if (fallback !== undefined) return fallback;
    throw new Error(`template placeholder {${name}} has no value`);
  }).trim();
}

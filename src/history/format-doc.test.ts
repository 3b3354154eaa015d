import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { historyJsonSchema } from './schema.js';
import { LAB_UNITS } from './units.js';
import type { LabId } from './vocabularies.js';

// docs/history-format.md is the users' description of the format; `fulcrum schema` is the machine's.
// They must list the same fields and codes, so a field added to the schema fails here until documented.

const doc = readFileSync(new URL('../../docs/history-format.md', import.meta.url), 'utf8');

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  enum?: unknown[];
  anyOf?: SchemaNode[];
}

interface SchemaField {
  required: boolean;
  codes: string[];
}

/** Every field of the schema by its documented path (`edss[].score`), with its string codes. */
function schemaFields(node: SchemaNode, prefix = '', out = new Map<string, SchemaField>()): Map<string, SchemaField> {
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const path = prefix + name;
    const variants = [child, ...(child.anyOf ?? [])];
    const codes = variants.flatMap((v) => (v.enum ?? []).filter((e): e is string => typeof e === 'string'));
    out.set(path, { required: (node.required ?? []).includes(name), codes });
    if (child.properties) schemaFields(child, `${path}.`, out);
    if (child.items?.properties) schemaFields(child.items, `${path}[].`, out);
  }
  return out;
}

function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => /^\| `/.test(l))
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
}

function section(heading: string): string {
  const start = doc.indexOf(`\n${heading}\n`);
  if (start === -1) return '';
  const rest = doc.slice(start + heading.length + 2);
  const end = rest.search(/\n#{2,3} /);
  return end === -1 ? rest : rest.slice(0, end);
}

const unquote = (cell: string) => cell.replace(/^`|`$/g, '');
const fields = schemaFields(historyJsonSchema() as SchemaNode);

describe('docs/history-format.md against `fulcrum schema`', () => {
  const documented = new Map(tableRows(section('## Fields')).map((r) => [unquote(r[0]!), r]));

  it('lists exactly the fields of the schema', () => {
    expect([...documented.keys()].sort()).toEqual([...fields.keys()].sort());
  });

  it('marks as required exactly the fields the schema requires', () => {
    for (const [path, f] of fields) expect({ path, required: documented.get(path)?.[2] }).toEqual({ path, required: f.required ? 'yes' : 'no' });
  });

  it('lists every code of every coded field, and no other', () => {
    const coded = [...fields].filter(([, f]) => f.codes.length > 0);
    expect(coded.length).toBeGreaterThan(5);
    for (const [path, f] of coded) {
      const codes = tableRows(section(`### Codes of \`${path}\``)).map((r) => unquote(r[0]!));
      expect({ path, codes: codes.sort() }).toEqual({ path, codes: [...f.codes].sort() });
    }
    const headings = [...doc.matchAll(/^### Codes of `([^`]+)`$/gm)].map((m) => m[1]);
    for (const h of headings) expect(coded.map(([p]) => p)).toContain(h);
  });

  it('gives each measured test the unit the product computes in', () => {
    for (const [code, unit] of tableRows(section('### Codes of `labs[].test`'))) {
      expect({ code, unit }).toEqual({ code, unit: LAB_UNITS[unquote(code!) as LabId].unit ?? '-' });
    }
  });

  it('links only inside the repository', () => {
    const links = [...doc.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!);
    for (const l of links) expect(l).not.toMatch(/^\.\.\/|^https?:/);
  });
});

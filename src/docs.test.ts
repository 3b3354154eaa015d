import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SOURCE_IDS } from './assess/index.js';

// What a user reads must stand on its own in a clone: no link or path outside the repository, and
// the source ids a report prints all explained.
const root = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const pages = [
  'README.md',
  'examples/README.md',
  'knowledge/rules/README.md',
  ...readdirSync(new URL('docs/', root))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

describe('the documentation a user reads', () => {
  it.each(pages)('%s links and points only inside the repository', (page) => {
    const text = read(page);
    for (const [, target] of text.matchAll(/\]\(([^)]+)\)/g)) {
      expect(target).not.toMatch(/^(\.\.\/|\/|https?:\/\/(?!localhost))/);
      if (!/^(https?:|#)/.test(target!)) expect(() => read(new URL(target!, new URL(page, root)).href.slice(root.href.length))).not.toThrow();
    }
    expect(text).not.toMatch(/\.\.\/shared|\/work\//);
  });

  it('docs/clinical-reasoning.md explains every source id a reason can cite', () => {
    const text = read('docs/clinical-reasoning.md');
    const section = text.slice(text.indexOf('## Sources'));
    const listed = [...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...SOURCE_IDS].sort());
  });

  it('the README points to both documents', () => {
    expect(read('README.md')).toContain('](docs/history-format.md)');
    expect(read('README.md')).toContain('](docs/clinical-reasoning.md)');
  });
});

// YAML syntax errors in plain words, at the line and column where the text must change, with the
// line quoted; for a mis-indented key, the key's line, which is the line helm names.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseValuesYaml, ValuesYamlError } from '../../src/values/parse-yaml.js';
import { HELM_MAJORS, runHelm } from '../support/helm.js';
import { CHART_DIR } from '../support/golden-cases.js';

function failure(text: string): ValuesYamlError {
  try {
    parseValuesYaml(text, 'v.yaml');
  } catch (err) {
    if (err instanceof ValuesYamlError) return err;
    throw err;
  }
  throw new Error('parsed');
}

const where = (e: ValuesYamlError) => `${e.position?.line}:${e.position?.col}`;

describe('the common mistakes, in plain words, where the text must change', () => {
  it.each([
    ['a key indented more than the keys above it', 'gateway:\n  name: a\n    replicas: 2\n', '3:5', 'a key here ("replicas") is indented more than the keys above it: line it up with the keys above (column 3), or, if it belongs under "name", move the value after "name:" onto a line of its own (line "    replicas: 2")'],
    ['a key indented less, between two levels', 'gateway:\n    name: a\n  port: 2\n', '3:3', 'a key here is indented less than the line above it and does not line up with the keys of any map above it: indent it exactly like the other keys of its map (line "  port: 2")'],
    ['a key at the level of list items', 'a:\n  - b\n  c: 1\n', '3:3', 'a key here stands at the level of the list items above it, and one level holds either keys or "- " items: indent it like the keys of its map, or make it an item (line "  c: 1")'],
    ['a list item among keys', 'a:\n  b: 1\n  - c\n', '3:3', 'a list item here stands among the keys of a map: indent it under the key it belongs to, or make it a key ("key: value") (line "  - c")'],
    ['a tab', 'a:\n\tb: 1\n', '2:1', 'a tab indents this line, and YAML indents with spaces only: replace the tab with spaces (line "\\tb: 1")'],
    ['an unclosed quote', 'gateway:\n  name: "abc\n  port: 1\n', '2:13', 'the quoted value that starts at column 9 is never closed: add the closing " at the end of it (line "  name: \\"abc")'],
    ['an unclosed list', 'a: [1, 2\nb: 1\n', '1:9', 'the list opened with "[" is not closed: add "]" at the end of it (line "a: [1, 2")'],
    ['an unclosed map', 'a: {x: 1\nb: 1\n', '1:9', 'the map opened with "{" is not closed: add "}" at the end of it (line "a: {x: 1")'],
    ['a key without ":"', 'gateway:\n  name\n  port: 1\n', '2:3', 'a line here has no ":" after its key: write "key: value", or indent it under a key if it continues the value above (line "  name")'],
    ['a ":" without a space', 'a:b\nc: d: e\n', '1:3', 'a ":" after a key needs a space: write "a: …" (line "a:b")'],
  ])('%s', (_name, text, position, reason) => {
    const e = failure(text);
    expect(e.code).toBe('syntax');
    expect(where(e)).toBe(position);
    expect(e.reason).toBe(`invalid YAML: ${reason}`);
  });

  it("never the parser library's wording for these", () => {
    for (const text of ['gateway:\n  name: a\n    replicas: 2\n', 'a:\n\tb: 1\n', 'a: "x\n', 'a: [1\n']) {
      expect(failure(text).reason).not.toMatch(/Nested mappings|compact mappings|Tabs are not allowed|Missing closing|Flow sequence|must be sufficiently indented/);
    }
  });

  it('a long line is shortened in the quote', () => {
    const e = failure(`gateway:\n  name: a\n    ${'k'.repeat(100)}: 1\n`);
    expect(e.reason).toMatch(/\(line " {4}k{55}…"\)$/);
  });
});

describe("a mis-indented key: our line is helm's `line N`", () => {
  const dir = mkdtempSync(join(tmpdir(), 'agc-yaml-line-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it.each([
    ['gateway:\n  name: a\n    replicas: 2\n'],
    ['gateway:\n  name: ai-gateway\n   enabled: true\n'],
    ['envoyProxy:\n  enabled: true\n  provider:\n    type: Kubernetes\n      kubernetes: {}\n'],
  ])('%j', async (text) => {
    const file = join(dir, `case-${text.length}.yaml`);
    writeFileSync(file, text);
    const ours = failure(text).position!.line;
    for (const major of HELM_MAJORS) {
      const r = await runHelm(major, ['template', CHART_DIR, '-f', file]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(new RegExp(`yaml: line ${ours}: mapping values are not allowed in this context`));
    }
  });
});

// One annotated chart/values.yaml is the source of the parameter tables (chart/README.md) and of the schema's descriptions: these fail when any of them drifts or when a
// key has no description.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM scripts without type declarations
import { planDocs, planAllDocs } from '../../scripts/docs.mjs';
// @ts-expect-error: plain ESM scripts without type declarations
import { readParams } from '../../scripts/docs-params.mjs';
// @ts-expect-error: plain ESM scripts without type declarations
import { parameterTables, spliceTables, BEGIN, END, beginMarker } from '../../scripts/docs-tables.mjs';
// @ts-expect-error: plain ESM scripts without type declarations
import { describeSchema } from '../../scripts/docs-schema.mjs';

interface Planned {
  path: string;
  current: string;
  expected: string;
}

describe('npm run docs', () => {
  const plan = planDocs() as { files: Planned[]; problems: string[] };

  it('every key of values.yaml has a description, and every @param names a key', () => {
    expect(plan.problems).toEqual([]);
  });

  for (const f of plan.files) {
    it(`${f.path} is up to date (run npm run docs)`, () => {
      expect(f.current).toBe(f.expected);
    });
  }

  it('covers the chart README and both schema copies', () => {
    expect(plan.files.map((f) => f.path).sort()).toEqual(['chart/README.md', 'chart/values.schema.json', 'schema/values.schema.json']);
  });
});

describe('reading @param comments', () => {
  const values = `## @section A
## What A is.
a:
  ## @param a.x The x
  x: 1
  w: 2
  ## @param a.z
  z: {}
  ## @param a.list A list, documented as a whole
  list:
    - q: 1
  ## @param a.gone Names nothing
`;

  it('reports an undocumented key, an empty description and a @param without a key', () => {
    const { problems } = readParams(values, 'v.yaml') as { problems: string[] };
    expect(problems).toEqual([
      'v.yaml:7: @param a.z has no description',
      'v.yaml:12: @param a.gone names no key of values.yaml',
      'v.yaml: key a.w has no @param description',
    ]);
  });

  it('keeps the section title, description and defaults for the tables', () => {
    const { sections } = readParams(values, 'v.yaml');
    expect(sections[0]).toMatchObject({ title: 'A', description: 'What A is.', key: 'a' });
    expect(parameterTables(sections)).toContain('| `a.list` | A list, documented as a whole | `[{"q":1}]` |');
  });

  it('escapes pipes and shows empty strings as ""', () => {
    const tables = parameterTables([{ title: 'T', description: 'd', key: 't', params: [{ path: 't.a', description: 'a | b', value: '' }] }]);
    expect(tables).toContain('| `t.a` | a \\| b | `""` |');
  });

  it('refuses a Markdown file without the markers instead of dropping its text', () => {
    expect(() => spliceTables('# no markers\n', 'x', 'R.md')).toThrow(/markers/);
    expect(spliceTables(`a\n${BEGIN}\nold\n${END}\nb\n`, 'new', 'R.md')).toBe(`a\n${BEGIN}\n\nnew\n\n${END}\nb\n`);
  });

  it('writes only descriptions into the schema, and reports keys the schema lacks', () => {
    const schema = JSON.stringify({ type: 'object', properties: { a: { type: 'object', properties: { x: { type: 'integer' } } } } }, null, 2) + '\n';
    const { sections, params } = readParams(values, 'v.yaml');
    const { text, problems } = describeSchema(schema, sections, params);
    expect(JSON.parse(text)).toEqual({ type: 'object', properties: { a: { type: 'object', description: 'What A is.', properties: { x: { type: 'integer', description: 'The x' } } } } });
    expect(problems).toContain('schema/values.schema.json: no property for a.list');
  });
});

describe('npm run docs for the models chart', () => {
  it('documents every key of charts/models/values.yaml and keeps its README and schema current', () => {
    const plan = planDocs(undefined, 'models') as { files: Planned[]; problems: string[] };
    expect(plan.problems).toEqual([]);
    expect(plan.files.map((f) => f.path)).toEqual(['charts/models/README.md', 'charts/models/values.schema.json']);
    for (const f of plan.files) expect(f.current, f.path).toBe(f.expected);
  });

  it('--check covers both charts', () => {
    const plan = planAllDocs() as { files: Planned[] };
    expect(plan.files.map((f) => f.path)).toEqual(['chart/README.md', 'schema/values.schema.json', 'chart/values.schema.json', 'charts/models/README.md', 'charts/models/values.schema.json']);
  });

  it("names the models chart's values file in its README marker", () => {
    const readme = readFileSync(new URL('../../charts/models/README.md', import.meta.url), 'utf8');
    expect(readme).toContain(beginMarker('charts/models/values.yaml'));
  });
});

#!/usr/bin/env node
// `npm run docs`: each chart's values.yaml @param comments → its parameter tables and the
// descriptions of its values.schema.json. The core chart (chart/values.yaml) feeds README.md,
// chart/README.md and both copies of its schema; the models chart (charts/models/values.yaml) feeds
// charts/models/README.md and charts/models/values.schema.json.
// `npm run docs -- --check` changes nothing and exits 1 when a file of either chart is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readParams } from './docs-params.mjs';
import { parameterTables, spliceTables, beginMarker } from './docs-tables.mjs';
import { describeSchema } from './docs-schema.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const SCHEMAS = ['schema/values.schema.json', 'chart/values.schema.json'];
export const READMES = ['chart/README.md'];

/** Each chart's documented values file and the files generated from it. */
export const DOC_SETS = {
  core: { values: 'chart/values.yaml', readmes: READMES, schemas: SCHEMAS },
  models: { values: 'charts/models/values.yaml', readmes: ['charts/models/README.md'], schemas: ['charts/models/values.schema.json'] },
};

/** One chart's generated files with their current and expected text, and the documentation problems. */
export function planDocs(base = root, chart = 'core') {
  const set = DOC_SETS[chart];
  const read = (f) => readFileSync(join(base, f), 'utf8');
  const { sections, params, problems } = readParams(read(set.values), set.values);
  const files = [];
  const tables = parameterTables(sections);
  for (const f of set.readmes) {
    const current = read(f);
    files.push({ path: f, current, expected: spliceTables(current, tables, f, beginMarker(set.values)) });
  }
  for (const f of set.schemas) {
    const current = read(f);
    const described = describeSchema(current, sections, params);
    problems.push(...described.problems.map((p) => p.replace('schema/values.schema.json', f)));
    files.push({ path: f, current, expected: described.text });
  }
  return { files, problems: [...new Set(problems)] };
}

/** planDocs of every chart, core first. */
export function planAllDocs(base = root) {
  const plans = Object.keys(DOC_SETS).map((chart) => planDocs(base, chart));
  return { files: plans.flatMap((p) => p.files), problems: plans.flatMap((p) => p.problems) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const { files, problems } = planAllDocs();
  for (const p of problems) console.error(p);
  let stale = 0;
  for (const f of files) {
    if (f.current === f.expected) continue;
    stale++;
    if (check) console.error(`${f.path} is out of date: run npm run docs`);
    else {
      writeFileSync(join(root, f.path), f.expected);
      console.log(`wrote ${f.path}`);
    }
  }
  if (problems.length > 0 || (check && stale > 0)) process.exit(1);
}

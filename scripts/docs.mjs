#!/usr/bin/env node
// `npm run docs`: chart/values.yaml's @param comments → the parameter tables of README.md and
// chart/README.md, and the descriptions in both copies of values.schema.json.
// `npm run docs -- --check` changes nothing and exits 1 when a file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readParams } from './docs-params.mjs';
import { parameterTables, spliceTables } from './docs-tables.mjs';
import { describeSchema } from './docs-schema.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const SCHEMAS = ['schema/values.schema.json', 'chart/values.schema.json'];
export const READMES = ['README.md', 'chart/README.md'];

/** Every generated file with its current and expected text, and the documentation problems. */
export function planDocs(base = root) {
  const read = (f) => readFileSync(join(base, f), 'utf8');
  const { sections, params, problems } = readParams(read('chart/values.yaml'));
  const files = [];
  const tables = parameterTables(sections);
  for (const f of READMES) {
    const current = read(f);
    files.push({ path: f, current, expected: spliceTables(current, tables, f) });
  }
  for (const f of SCHEMAS) {
    const current = read(f);
    const described = describeSchema(current, sections, params);
    problems.push(...described.problems.map((p) => p.replace('schema/values.schema.json', f)));
    files.push({ path: f, current, expected: described.text });
  }
  return { files, problems: [...new Set(problems)] };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const { files, problems } = planDocs();
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

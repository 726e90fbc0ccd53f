#!/usr/bin/env node
// Regenerates test/golden/expected/*.yaml by running the REAL helm 3.17.3 and helm 4.1.4 on every
// case of test/golden/cases.json. The two helms must print the same bytes; the script fails if not.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractHelm } from './extract-helm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const goldenDir = join(root, 'test', 'golden');

/** `[RELEASE] flags…` → the argument list of `helm template`. */
export function helmArgs(caseArgs, chartDir) {
  const [first, ...rest] = caseArgs;
  if (first !== undefined && !first.startsWith('-')) return ['template', first, chartDir, ...rest];
  return ['template', chartDir, ...caseArgs];
}

function run(bin, args) {
  return execFileSync(bin, args, { cwd: join(goldenDir, 'values'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const helm3 = extractHelm('v3');
  const helm4 = extractHelm('v4');
  const cases = JSON.parse(readFileSync(join(goldenDir, 'cases.json'), 'utf8'));
  mkdirSync(join(goldenDir, 'expected'), { recursive: true });
  let failed = 0;
  for (const c of cases) {
    const args = helmArgs(c.args, join(root, 'chart'));
    const out3 = run(helm3, args);
    const out4 = run(helm4, args);
    if (out3 !== out4) {
      failed++;
      console.error(`${c.name}: helm 3 and helm 4 disagree`);
      writeFileSync(join(goldenDir, 'expected', `${c.name}.helm4.yaml`), out4);
    }
    writeFileSync(join(goldenDir, 'expected', `${c.name}.yaml`), out3);
    console.log(`${c.name}: ${out3.length} bytes`);
  }
  if (failed) process.exit(1);
}

#!/usr/bin/env node
// Regenerates the golden files by running the REAL helm 3.17.3 and helm 4.1.4 on every case. The
// two helms must print the same bytes; the script fails if not.
//   npm run goldens                   the core chart: test/golden/cases.json → test/golden/expected/
//   npm run goldens -- --chart models the models chart: test/golden/models/cases.json → …/expected/,
//                                     and failing.json: each case must fail with both helms, whose
//                                     stderr is recorded there
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractHelm } from './extract-helm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where each chart and its golden cases live. */
export const CHARTS = {
  core: { chartDir: join(root, 'chart'), goldenDir: join(root, 'test', 'golden') },
  models: { chartDir: join(root, 'charts', 'models'), goldenDir: join(root, 'test', 'golden', 'models') },
};

/** `[RELEASE] flags…` → the argument list of `helm template`. */
export function helmArgs(caseArgs, chartDir) {
  const [first, ...rest] = caseArgs;
  if (first !== undefined && !first.startsWith('-')) return ['template', first, chartDir, ...rest];
  return ['template', chartDir, ...caseArgs];
}

/** The value of `--chart NAME` (default core); unknown names are refused with the known ones. */
export function chartOption(argv) {
  const i = argv.indexOf('--chart');
  const name = i === -1 ? 'core' : argv[i + 1];
  if (!Object.hasOwn(CHARTS, name ?? '')) throw new Error(`--chart ${name ?? ''}: unknown chart; use one of ${Object.keys(CHARTS).join(', ')}`);
  return name;
}

function run(bin, args, cwd) {
  return execFileSync(bin, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

/** Runs a case that must fail: its exit code, stdout and stderr. */
function runFailing(bin, args, cwd) {
  const r = spawnSync(bin, args, { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function regenerate({ chartDir, goldenDir }) {
  const helm3 = extractHelm('v3');
  const helm4 = extractHelm('v4');
  const valuesDir = join(goldenDir, 'values');
  const cases = JSON.parse(readFileSync(join(goldenDir, 'cases.json'), 'utf8'));
  mkdirSync(join(goldenDir, 'expected'), { recursive: true });
  let failed = 0;
  for (const c of cases) {
    const args = helmArgs(c.args, chartDir);
    const out3 = run(helm3, args, valuesDir);
    const out4 = run(helm4, args, valuesDir);
    if (out3 !== out4) {
      failed++;
      console.error(`${c.name}: helm 3 and helm 4 disagree`);
      writeFileSync(join(goldenDir, 'expected', `${c.name}.helm4.yaml`), out4);
    }
    writeFileSync(join(goldenDir, 'expected', `${c.name}.yaml`), out3);
    console.log(`${c.name}: ${out3.length} bytes`);
  }
  const failingFile = join(goldenDir, 'failing.json');
  if (existsSync(failingFile)) {
    const failing = JSON.parse(readFileSync(failingFile, 'utf8'));
    for (const c of failing) {
      const args = helmArgs(c.args, chartDir);
      const r3 = runFailing(helm3, args, valuesDir);
      const r4 = runFailing(helm4, args, valuesDir);
      for (const [major, r] of [['v3', r3], ['v4', r4]]) {
        if (r.code === 0 || r.stdout !== '') {
          failed++;
          console.error(`${c.name}: helm ${major} was expected to fail with nothing on stdout (exit ${r.code}, ${r.stdout.length} bytes on stdout)`);
        }
      }
      c.stderr = { v3: r3.stderr, v4: r4.stderr };
      console.log(`${c.name}: fails (${r4.stderr.split('\n')[0].slice(0, 100)})`);
    }
    writeFileSync(failingFile, `${JSON.stringify(failing, null, 2)}\n`);
  }
  return failed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let chart;
  try {
    chart = chartOption(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  if (regenerate(CHARTS[chart])) process.exit(1);
}

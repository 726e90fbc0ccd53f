// Goal 4, run in a process of its own: renders of the production example per second through the
// library API (`render` from the package entry, schema validation included), after a warm-up.
// Prints one JSON line: {opsPerSecond, distinctOpsPerSecond: [per batch], stages: {merge,
// validate, render} in µs}. The first is the same text every call, as a service rendering one
// file would; the second makes every call parse its text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const lib = await import(join(root, 'dist', 'index.js'));
const name = 'seed-production.yaml';
const text = readFileSync(join(root, 'test', 'golden', 'values', name), 'utf8');
const expected = readFileSync(join(root, 'test', 'golden', 'expected', 'seed-production.yaml'), 'utf8');
const options = { valuesFiles: [{ name, text }] };

if (lib.render(options).text !== expected) {
  console.log(JSON.stringify({ error: 'the library does not print the golden output for the production example' }));
  process.exit(1);
}

const BATCH_MS = Number(process.env.AGC_BENCH_BATCH_MS ?? 1000);
const BATCHES = Number(process.env.AGC_BENCH_BATCHES ?? 5);

function batch(fn) {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < BATCH_MS) {
    for (let i = 0; i < 50; i++) fn();
    n += 50;
    now = performance.now();
  }
  return (n / (now - start)) * 1000;
}

batch(() => lib.render(options)); // warm-up: let the JIT settle
const opsPerSecond = [];
for (let b = 0; b < BATCHES; b++) opsPerSecond.push(batch(() => lib.render(options)));

// The same file with a different last line each call: the reader's memory of recent files never
// helps, so every call parses the YAML. Texts are made ahead so that making them is not timed.
const distinct = Array.from({ length: 4096 }, (_, i) => ({ valuesFiles: [{ name, text: `${text}# ${i}\n` }] }));
let next = 0;
const distinctOpsPerSecond = [];
for (let b = 0; b < BATCHES; b++) distinctOpsPerSecond.push(batch(() => lib.render(distinct[next++ & 4095])));

// Where the time goes, per stage (µs per call).
const stages = {};
const merged = lib.mergeValues(options);
for (const [stage, fn] of [
  ['merge', () => lib.mergeValues(options)],
  ['validate', () => lib.validateMerged(merged)],
  ['render', () => lib.renderValues(merged.values, options)],
]) {
  stages[stage] = 1e6 / batch(fn);
}
console.log(JSON.stringify({ opsPerSecond, distinctOpsPerSecond, stages }));

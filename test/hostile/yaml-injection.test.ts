// YAML injection: no string value can add keys, documents or objects to the output. Strings full
// of newlines, `: `, `---`, `#`, quotes, U+2028, tabs and control characters go into annotations,
// env vars and free-form maps (as values and as keys); the real kubectl reads the rendered stream
// back and must find exactly the intended objects, and helm must print the same bytes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { CHART_DIR } from '../support/golden-cases.js';
import { HELM_MAJORS, runHelm } from '../support/helm.js';
import { runKubectl } from '../support/kubectl.js';
import { pool } from '../values/helm-values.js';
import { scratch } from './support/scratch.js';
import { parseValuesYaml } from '../../src/values/parse-yaml.js';

const { dir } = scratch('injection');

const CASES = Number(process.env['INJECTION_CASES'] ?? 120);
const HELM_CASES = Number(process.env['INJECTION_HELM_CASES'] ?? 16);
const SEED = Number(process.env['INJECTION_SEED'] ?? 20251126);

// Each of these means something to YAML (or to a reader of it) at some position.
const FRAGMENTS = [
  '\n', '\r\n', '\r', '\n\n', ': ', ':', ' #', '#', '---', '\n---\n', '...', '\n...\n', '\nkind: Secret\n', '\napiVersion: v1\nkind: Secret\n',
  "'", '"', "''", '\\', '\\n', '\t', '\t-', '\u2028', '\u2029', '\ufeff', '\u00a0', '\u200b', '\x00', '\x01', '\x07', '\x1b', '\x1f',
  '{', '}', '[', ']', '{}', '[]', '- ', '-', '? ', '&anchor', '*anchor', '!!str', '!!binary', '!', '|', '|-', '>', '>+', '%YAML 1.1', '%TAG',
  '@', '`', ',', 'true', 'no', 'null', '~', '0x1F', '1e3', '0777', '2024-01-01', ' ', '  ', 'é', '日本', '😀', 'a', 'value',
  'metadata:', '  name: injected', '{{ .Values }}', '{{/* */}}', '$(rm -rf /)',
];

// Any character but surrogates and the few that helm's toYaml itself changes or drops (see below).
const codePoint = fc
  .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0xfffd }), fc.integer({ min: 0x10000, max: 0x10ffff }))
  .map((c) => String.fromCodePoint(c));

const hostile = fc
  .array(fc.oneof({ arbitrary: fc.constantFrom(...FRAGMENTS), weight: 4 }, { arbitrary: codePoint, weight: 1 }), { minLength: 1, maxLength: 10 })
  .map((parts) => parts.join(''));

// Free-form keys avoid digits: go-yaml v2 orders keys that mix digit runs non-transitively, and
// helm then prints them in an order of its own.
const hostileKey = hostile.map((k) => k.replace(/[0-9]/g, 'd')).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));

interface Case {
  annotations: Record<string, string>;
  env: string[];
  spec: Record<string, string | string[]>;
  viaFlags: boolean;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  annotations: fc.array(hostile, { minLength: 1, maxLength: 3 }).map((vs) => Object.fromEntries(vs.map((v, i) => [`example.com/a${i}`, v]))),
  env: fc.array(hostile, { minLength: 1, maxLength: 2 }),
  spec: fc.dictionary(hostileKey, fc.oneof(hostile, fc.array(hostile, { maxLength: 2 })), { minKeys: 1, maxKeys: 3 }),
  viaFlags: fc.boolean(),
});

/** A YAML double-quoted scalar that both go-yaml and our reader decode to exactly `s`. */
function yamlQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (cp >= 0x20 && cp <= 0x7e) out += ch;
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

function yamlOf(value: unknown, indent: string): string {
  if (typeof value === 'string') return ` ${yamlQuote(value)}\n`;
  if (Array.isArray(value)) return value.length === 0 ? ' []\n' : `\n${value.map((v) => `${indent}-${yamlOf(v, `${indent}  `)}`).join('')}`;
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.length === 0 ? ' {}\n' : `\n${entries.map(([k, v]) => `${indent}${yamlQuote(k)}:${yamlOf(v, `${indent}  `)}`).join('')}`;
}

const envList = (c: Case) => c.env.map((value, i) => ({ name: `VAR_${i}`, value }));

/** The case as CLI/helm arguments: a values file, or --set-json flags (JSON escapes). */
function args(c: Case, i: number): string[] {
  if (c.viaFlags) {
    return [
      '--set-json', `gateway.annotations=${JSON.stringify(c.annotations)}`,
      '--set-json', `gatewayConfig.extProc.kubernetes.env=${JSON.stringify(envList(c))}`,
      '--set-json', `gatewayConfig.spec=${JSON.stringify(c.spec)}`,
    ];
  }
  const values = { gateway: { annotations: c.annotations }, gatewayConfig: { extProc: { kubernetes: { env: envList(c) } }, spec: c.spec } };
  const path = join(dir, `case-${i}.yaml`);
  writeFileSync(path, yamlOf(values, '').slice(1));
  return ['-f', path];
}

/** Objects printed by `kubectl … -o json`, one JSON document after another. */
function splitJson(text: string): Record<string, unknown>[] {
  return text.trim() === '' ? [] : text.trim().split(/\n(?=\{\n)/).map((t) => JSON.parse(t) as Record<string, unknown>);
}

const KINDS = ['ClientTrafficPolicy', 'EnvoyProxy', 'Gateway', 'GatewayClass', 'GatewayConfig'];

/**
 * Two things helm does to strings, and we with it, byte for byte; neither adds anything:
 * - next to a U+2028 or U+2029 that it writes raw, go-yaml's emitter and reader disagree about
 *   blanks and line ends (blanks after one are folded away, a block ending in one gains a newline);
 * - the last value of a document loses its trailing Unicode spaces (helm trims each document),
 *   and, plain, is then read anew ("~" and nothing are null).
 * Strings are compared after these two; every other difference fails.
 */
const nearBreaks = (s: string): string => s.replace(/[ \t\n]*([\u2028\u2029])[ \t\n]*/g, '$1');
const trimEnd = (s: string): string => s.replace(/[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/, '');
const settle = (s: string): string => nearBreaks(trimEnd(nearBreaks(s)));

function sameString(actual: string, intended: string): boolean {
  return actual === intended || nearBreaks(actual) === nearBreaks(intended) || settle(actual) === settle(intended);
}

/** Same structure and keys; strings equal but for what helm itself does to them (above). */
function sameValue(actual: unknown, intended: unknown): boolean {
  if (typeof actual === 'string' && typeof intended === 'string') return sameString(actual, intended);
  // Trimmed at the end of the document, a plain value is read anew: "~" is null, "true" a boolean.
  if (typeof intended === 'string' && !intended.includes('\n')) {
    try {
      return parseValuesYaml(`v: ${trimEnd(intended)}\n`, 'trimmed').values['v'] === actual;
    } catch {
      return false;
    }
  }
  if (Array.isArray(actual) || Array.isArray(intended)) {
    return Array.isArray(actual) && Array.isArray(intended) && actual.length === intended.length && actual.every((a, i) => sameValue(a, intended[i]));
  }
  if (typeof actual === 'object' && actual !== null && typeof intended === 'object' && intended !== null) {
    const a = new Map(Object.entries(actual).map(([k, v]) => [nearBreaks(k), v]));
    const b = Object.entries(intended);
    return a.size === b.length && b.every(([k, v]) => a.has(nearBreaks(k)) && sameValue(a.get(nearBreaks(k)), v));
  }
  return actual === intended;
}

/** What the cluster must receive for this case, field by field. */
function expectIntended(objects: Record<string, unknown>[], c: Case, label: string): void {
  expect(objects.map((o) => o['kind']), label).toEqual(KINDS);
  for (const o of objects) expect(Object.keys(o).sort(), `${label} ${String(o['kind'])}`).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
  const gateway = objects[2] as { metadata: { annotations: Record<string, string> } };
  const annotations = { 'aigateway.envoyproxy.io/gateway-config': 'ai-gateway-tracing', ...c.annotations };
  expect(sameValue(gateway.metadata.annotations, annotations), `${label}\n${JSON.stringify(gateway.metadata.annotations)}`).toBe(true);
  const config = objects[4] as { spec: Record<string, unknown> };
  const spec = { ...c.spec, extProc: { kubernetes: { env: envList(c) } } };
  expect(sameValue(config.spec, spec), `${label}\n${JSON.stringify(config.spec)}`).toBe(true);
}

function matchesIntended(objects: Record<string, unknown>[], c: Case): boolean {
  try {
    expectIntended(objects, c, '');
    return true;
  } catch {
    return false;
  }
}

const cases = fc.sample(caseArb, { numRuns: CASES, seed: SEED }).map((c, i) => ({ c, args: args(c, i) }));

describe('no string can add keys, documents or objects', () => {
  it(`${CASES} random cases (seed ${SEED}): kubectl reads back exactly the intended objects, or helm fails too`, async () => {
    const all = await Promise.all(cases.map(async ({ args: a }) => runCli(['render', ...a])));
    // go-yaml writes U+2028 and friends raw into block scalars and reads them back as line
    // breaks: there helm prints YAML whose meaning differs from the values (or fails to read its
    // own output). We refuse those values; helm's output for them must indeed be unsafe.
    const refused = all.flatMap((r, i) => (r.code === 0 ? [] : [i]));
    for (const i of refused) {
      const c = cases[i]!;
      expect(all[i]!.code, all[i]!.stderr).toBe(1);
      expect(all[i]!.stdout).toBe('');
      expect(all[i]!.stderr).toMatch(/^Error: ai-gateway-core\/templates\/\S+\.yaml: [\s\S]+? holds U\+(2028|2029|0085) \(/);
      const helm4 = await runHelm('v4', ['template', CHART_DIR, ...c.args]);
      if (helm4.code !== 0) continue; // helm cannot read its own output
      const path = join(dir, `refused-${i}.yaml`);
      writeFileSync(path, helm4.stdout);
      const k = await runKubectl(['label', '--local', '-f', path, '-o', 'json', 'probe-']);
      expect(k.code === 0 && matchesIntended(splitJson(k.stdout), c.c), `case ${i}: helm's output reads as intended: ${JSON.stringify(c.args)}`).toBe(false);
    }
    expect(refused.length).toBeLessThan(cases.length / 5);
    const kept = cases.filter((_, i) => !refused.includes(i));
    const rendered = all.filter((_, i) => !refused.includes(i));
    // One kubectl run reads the output of many cases: five objects each, in order.
    const BATCH = 20;
    const batches = Array.from({ length: Math.ceil(kept.length / BATCH) }, (_, b) => b);
    const decoded = await pool(
      2,
      batches.map((b) => async () => {
        const path = join(dir, `batch-${b}.yaml`);
        writeFileSync(path, rendered.slice(b * BATCH, (b + 1) * BATCH).map((r) => r.stdout).join(''));
        const k = await runKubectl(['label', '--local', '-f', path, '-o', 'json', 'probe-']);
        if (k.code !== 0) {
          // Find the case kubectl cannot read, for a useful report.
          for (let i = b * BATCH; i < Math.min(kept.length, (b + 1) * BATCH); i++) {
            const one = join(dir, `case-${i}.out.yaml`);
            writeFileSync(one, rendered[i]!.stdout);
            const single = await runKubectl(['label', '--local', '-f', one, '-o', 'json', 'probe-']);
            expect(single.stderr, `case ${i}: ${JSON.stringify(kept[i]!.c)}\n${rendered[i]!.stdout}`).toBe('');
          }
        }
        expect(k.code, k.stderr).toBe(0);
        return splitJson(k.stdout);
      }),
    );
    const objects = decoded.flat();
    expect(objects.length).toBe(kept.length * KINDS.length);
    kept.forEach(({ c }, i) => expectIntended(objects.slice(i * 5, i * 5 + 5), c, `case ${i} ${JSON.stringify(c)}`));
    // The generator must really produce the dangerous material.
    const material = JSON.stringify(kept.map(({ c }) => c));
    for (const needle of ['\\n---\\n', '\u2028', '\u2029', ': ', '#', '\\t', '\\r', '\\u0000', '\\u001b', "'", '\\"', 'kind: Secret']) expect(material, JSON.stringify(needle)).toContain(needle);
  });

  it(`helm prints the same bytes (${HELM_CASES} of them, helm 3 and helm 4)`, async () => {
    const tasks = cases.slice(0, HELM_CASES).flatMap(({ args: a }, i) =>
      HELM_MAJORS.map((major) => async () => {
        const [ours, theirs] = await Promise.all([runCli(['render', ...a]), runHelm(major, ['template', CHART_DIR, ...a])]);
        return { i, major, ours, theirs };
      }),
    );
    let compared = 0;
    for (const { i, major, ours, theirs } of await pool(2, tasks)) {
      if (ours.code !== 0) continue; // refused on purpose: see the test above
      expect(theirs.code, `case ${i} helm ${major}: ${theirs.stderr}`).toBe(0);
      expect(ours.stdout, `case ${i} vs helm ${major}`).toBe(theirs.stdout);
      compared++;
    }
    expect(compared).toBeGreaterThan(HELM_CASES * 1.5);
  });
});

describe('what helm itself changes, we change the same way (and nothing is injected)', () => {
  // go-yaml reads NEL (U+0085) as a line break and refuses DEL and C1 controls, so helm's toYaml
  // folds the first and prints nothing for a map holding the others.
  it.each([
    ['NEL', 'a\u0085b'],
    ['DEL', 'a\x7fb'],
    ['a C1 control', 'a\x9bb'],
    ['"<no value>", which helm removes from output', 'x<no value>y'],
  ])('%s', async (_name, value) => {
    const a = ['--set-json', `gateway.annotations=${JSON.stringify({ 'example.com/x': value, 'example.com/y': 'plain' })}`];
    const [ours, helm4] = await Promise.all([runCli(['render', ...a]), runHelm('v4', ['template', CHART_DIR, ...a])]);
    expect(helm4.code, helm4.stderr).toBe(0);
    expect(ours.stdout).toBe(helm4.stdout);
    const path = join(dir, `special-${_name.length}.yaml`);
    writeFileSync(path, ours.stdout);
    const k = await runKubectl(['label', '--local', '-f', path, '-o', 'json', 'probe-']);
    expect(splitJson(k.stdout).map((o) => o['kind'])).toEqual(KINDS);
  });
});

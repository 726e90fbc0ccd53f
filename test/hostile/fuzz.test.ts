// Fuzzing: random mutations of valid values files (bytes included) and random --set strings go
// through `render` and `validate`. Every run must end in exit 0 or a clear error: exit 1 or 2,
// `Error: …` on stderr, nothing on stdout, no stack trace, never "unexpected failure" (an
// exception the code did not expect), and no polluted prototype.
//
// FUZZ_CASES (default 500) sets the number of cases, FUZZ_SEED the seed: FUZZ_CASES=50000 for
// the long run.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli.js';
import { ROOT } from '../support/helm.js';
import { VALUES_DIR } from '../support/golden-cases.js';
import { STACK } from './support/messages.js';
import { scratch } from './support/scratch.js';

const CASES = Number(process.env['FUZZ_CASES'] ?? 500);
const SEED = Number(process.env['FUZZ_SEED'] ?? 424242);

const { dir } = scratch('fuzz');

/** Valid values files to start from: the golden cases and the examples. */
const SEEDS = [
  ...readdirSync(VALUES_DIR).map((f) => readFileSync(join(VALUES_DIR, f))),
  ...readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join(ROOT, 'examples', f))),
];

// Pieces that mean something to YAML, to the values schema, or to a byte decoder.
const SNIPPETS = [
  ':', ': ', '-', '- ', '#', '"', "'", '\\', '{', '}', '[', ']', ',', '&a', '*a', '!!str ', '!!binary ', '<<: ', '? ', '|', '>', '---\n', '...\n',
  '\t', '\r\n', '\r', '\n', '  ', '~', 'null', 'true', '0x1F', '.inf', '1e400', '99999999999999999999', '-', '%YAML 1.1\n', '\ufeff', '\u2028', '\u0085',
  '\x00', '\x1b', '\x7f', '__proto__', 'constructor', 'prototype', '{{ .Values }}', 'gateway:', 'listeners:', 'port: 0', 'name: UPPER',
];
const BYTES = [[0xff], [0xfe, 0xff], [0xc3], [0xe2, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf]];

type Mutation = (b: Buffer) => Buffer;

const at = (b: Buffer, f: number): number => Math.floor(f * (b.length + 1));
const lines = (b: Buffer): string[] => b.toString('latin1').split('\n');
const join_ = (ls: string[]): Buffer => Buffer.from(ls.join('\n'), 'latin1');

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 40 })).map(([f, n]) => (b: Buffer) => Buffer.concat([b.subarray(0, at(b, f)), b.subarray(at(b, f) + n)])),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...SNIPPETS)).map(([f, s]) => (b: Buffer) => Buffer.concat([b.subarray(0, at(b, f)), Buffer.from(s, 'utf8'), b.subarray(at(b, f))])),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...BYTES)).map(([f, s]) => (b: Buffer) => Buffer.concat([b.subarray(0, at(b, f)), Buffer.from(s), b.subarray(at(b, f))])),
  fc.double({ min: 0, max: 1, noNaN: true }).map((f) => (b: Buffer) => b.subarray(0, at(b, f))),
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => (b: Buffer) => {
    const ls = lines(b);
    const [x, y] = [i % ls.length, j % ls.length];
    [ls[x], ls[y]] = [ls[y]!, ls[x]!];
    return join_(ls);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: -4, max: 4 })).map(([i, d]) => (b: Buffer) => {
    const ls = lines(b);
    const k = i % ls.length;
    ls[k] = d >= 0 ? ' '.repeat(d) + ls[k] : ls[k]!.slice(Math.min(-d, ls[k]!.search(/\S|$/)));
    return join_(ls);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3 })).map(([i, n]) => (b: Buffer) => {
    const ls = lines(b);
    const k = i % ls.length;
    ls.splice(k, 0, ...Array(n).fill(ls[k]));
    return join_(ls);
  }),
);

const fileCase = fc.record({
  seed: fc.nat({ max: SEEDS.length - 1 }),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
});

const SET_PIECES = ['gateway', 'listeners', 'name', 'port', 'annotations', 'env', 'spec', 'gatewayConfig', '__proto__', 'a', 'x.y', '[0]', '[1]', '[-1]', '[65536]', '[99999999]', '[', ']', '{', '}', ',', '=', '.', '\\', '\\,', 'true', 'null', '1', '007', '"q"', ' ', 'é', '\u2028'];
const setArg = fc.array(fc.constantFrom(...SET_PIECES), { minLength: 1, maxLength: 12 }).map((ps) => ps.join(''));
const setCase = fc.array(fc.tuple(fc.constantFrom('--set', '--set-string', '--set-json', '--set-literal'), setArg), { minLength: 1, maxLength: 3 });

const fuzzCase = fc.oneof({ arbitrary: fileCase.map((c) => ({ kind: 'file' as const, ...c })), weight: 3 }, { arbitrary: setCase.map((flags) => ({ kind: 'set' as const, flags })), weight: 1 });

/** The contract every run must keep, whatever it was fed. */
function checkOutcome(r: CliResult, label: string): 'ok' | 'refused' {
  const report = `${label}: exit ${r.code}\n${r.stderr.slice(0, 1500)}`;
  expect(r.stderr, report).not.toMatch(/unexpected failure/);
  expect(r.stderr, report).not.toMatch(STACK);
  expect(({} as Record<string, unknown>)['polluted'], report).toBeUndefined();
  if (r.code === 0) return 'ok';
  expect([1, 2], report).toContain(r.code);
  expect(r.stdout, report).toBe('');
  expect(r.stderr, report).toMatch(/^Error: \S/);
  return 'refused';
}

describe('fuzz: render and validate end in exit 0 or a clear error', () => {
  it(`${CASES} random cases (seed ${SEED})`, { timeout: Math.max(120_000, CASES * 40) }, async () => {
    const tally = { ok: 0, refused: 0, file: 0, set: 0 };
    const seen = new Set<string>();
    const samples = fc.sample(fuzzCase, { numRuns: CASES, seed: SEED });
    const path = join(dir, 'values.yaml');
    for (const [i, c] of samples.entries()) {
      let args: string[];
      if (c.kind === 'file') {
        const bytes = c.mutations.reduce((b, m) => m(b), SEEDS[c.seed]!);
        writeFileSync(path, bytes);
        args = ['-f', path];
      } else {
        args = c.flags.flat();
      }
      tally[c.kind]++;
      for (const command of ['render', 'validate']) {
        const r = await runCli([command, ...args]);
        const outcome = checkOutcome(r, `case ${i} ${command} ${JSON.stringify(args)}${c.kind === 'file' ? `\n${readFileSync(path, 'latin1').slice(0, 400)}` : ''}`);
        tally[outcome]++;
        seen.add(r.stderr.split('\n')[0]!.replace(/\d+/g, 'N').replace(/"[^"]*"/g, 'S').slice(0, 60));
      }
    }
    // The generator must reach both outcomes and many kinds of error, or it tests nothing.
    expect(tally.ok).toBeGreaterThan(CASES / 20);
    expect(tally.refused).toBeGreaterThan(CASES / 5);
    expect(seen.size).toBeGreaterThan(20);
    console.log(`fuzz: ${CASES} cases (seed ${SEED}; ${tally.file} mutated files, ${tally.set} flag sets) x render+validate: ${tally.ok} succeeded, ${tally.refused} refused with a clear error; ${seen.size} distinct first lines`);
  });
});

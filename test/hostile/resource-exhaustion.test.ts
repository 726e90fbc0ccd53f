// Resource exhaustion: each hostile input runs through the shipped command in its own process,
// for `render` and for `validate`, and must fail fast with a message that names the limit (and
// how big the input was) while the process stays under 200 MiB.
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES, MAX_VALUES_DEPTH, MAX_VALUES_NODES, MAX_YAML_TOKENS } from '../../src/values/limits.js';
import { scratch } from './support/scratch.js';
import { runBinProcess } from './support/cli-process.js';
import { located, STACK } from './support/messages.js';

const MAX_RSS_MIB = 200;
/** Failing fast: far below what the unbounded input would take (minutes, gigabytes). */
const MAX_MS = 15_000;

const { file } = scratch('exhaustion');

const n = (x: number): string => x.toLocaleString('en-US');

/** Anchors a…i, each a list of nine aliases of the one before: 9^9 strings when expanded. */
const BILLION_LAUGHS = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat('bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`))
  .join('\n');

/** One anchored map of 3,000 keys, aliased 52 times: allowed by go-yaml's ratio, but ~159,000 entries. */
const WIDE_ALIASES = `gatewayConfig:\n  spec:\n    base: &m\n${Array.from({ length: 3000 }, (_, i) => `      k${i}: v\n`).join('')}    list:\n${'    - *m\n'.repeat(52)}`;

const FIFTY_MB = 50 * 1024 * 1024;
const DEEP = 10_000;

interface Case {
  name: string;
  args: string[];
  input?: Buffer;
  /** the file whose line and column the message names */
  at?: string;
  /** what the message must say: the limit, and how big the input was */
  message: RegExp;
  code: number;
}

const cases: Case[] = [
  { name: 'YAML alias bomb (billion laughs)', args: ['-f', file('laughs.yaml', BILLION_LAUGHS)], at: 'laughs.yaml', message: /document contains excessive aliasing: \d+ of \d+ decoded nodes come from aliases/, code: 1 },
  {
    name: 'aliases that expand past MAX_VALUES_NODES',
    args: ['-f', file('wide-aliases.yaml', WIDE_ALIASES)],
    at: 'wide-aliases.yaml', message: new RegExp(`the file holds more than ${n(MAX_VALUES_NODES)} map entries and list items by this point \\(most from aliases.*, the limit \\(`),
    code: 1,
  },
  {
    name: 'a 50 MB values file',
    args: ['-f', file('50mb.yaml', Buffer.alloc(FIFTY_MB, 'k: vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\n'))],
    message: new RegExp(`values file \\S*50mb\\.yaml is ${n(FIFTY_MB)} bytes: .* ${MAX_INPUT_BYTES / 1024 / 1024} MiB together \\(the limit;`),
    code: 1,
  },
  {
    name: 'a 50 MB values file on standard input',
    args: ['-f', '-'],
    input: Buffer.alloc(FIFTY_MB, 'k: vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\n'),
    message: new RegExp(`values file <stdin> is more than ${n(MAX_INPUT_BYTES)} bytes: .*may hold ${MAX_INPUT_BYTES / 1024 / 1024} MiB together \\(the limit;`),
    code: 1,
  },
  {
    // Plain block YAML needs no token tree (the fast reader): what bounds it is the entry count.
    name: 'a block list of 200,000 elements',
    args: ['-f', file('list-block.yaml', `gatewayConfig:\n  spec:\n    x:\n${'    - 0\n'.repeat(200_000)}`)],
    message: new RegExp(`list-block\\.yaml: the values hold more than ${n(MAX_VALUES_NODES)} map entries and list items \\(the limit;`),
    code: 1,
  },
  {
    // The same list with one anchor needs the full parser, whose token tree is what is bounded.
    name: 'a block list of 100,000 elements the full parser must read',
    args: ['-f', file('list-block-anchor.yaml', `gatewayConfig:\n  spec:\n    x: &x\n${'    - 0\n'.repeat(100_000)}`)],
    at: 'list-block-anchor.yaml', message: new RegExp(`the file has 200,00\\d YAML tokens .*more than ${n(MAX_YAML_TOKENS)} \\(the limit, reached here;`),
    code: 1,
  },
  {
    name: 'a flow list of 100,000 elements',
    args: ['-f', file('list-flow.yaml', `gatewayConfig:\n  spec:\n    x: [${Array(100_000).fill('0').join(',')}]\n`)],
    at: 'list-flow.yaml', message: /the file has 100,00\d YAML tokens .*\(the limit, reached here;/,
    code: 1,
  },
  {
    name: 'flow lists nested 10,000 deep',
    args: ['-f', file('deep-seq.yaml', `gatewayConfig:\n  spec:\n    x: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`)],
    at: 'deep-seq.yaml', message: new RegExp(`the values nest deeper than the limit of ${MAX_VALUES_DEPTH} levels at gatewayConfig\\.spec\\.x(\\[0\\])+…`),
    code: 1,
  },
  {
    name: 'flow maps nested 10,000 deep',
    args: ['-f', file('deep-map.yaml', `gatewayConfig:\n  spec:\n    x: ${'{a: '.repeat(DEEP)}1${'}'.repeat(DEEP)}\n`)],
    at: 'deep-map.yaml', message: /the values nest deeper than the limit of 100 levels at gatewayConfig\.spec\.x(\.a)+…/,
    code: 1,
  },
  {
    name: 'block lists nested 10,000 deep on one line',
    args: ['-f', file('deep-dash.yaml', `gatewayConfig:\n  spec:\n    x:\n    ${'- '.repeat(DEEP)}x\n`)],
    at: 'deep-dash.yaml', message: /the values nest deeper than the limit of 100 levels at gatewayConfig\.spec\.x(\[0\])+…/,
    code: 1,
  },
  {
    // The fast reader (simple block maps) recurses per level too: it must hand over, not crash.
    name: 'block maps indented 1,000 deep',
    args: ['-f', file('deep-indent.yaml', `gatewayConfig:\n  spec:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 4)}k:\n`).join('')}${' '.repeat(1004)}v: 1\n`)],
    at: 'deep-indent.yaml', message: /the values nest deeper than the limit of 100 levels at gatewayConfig\.spec(\.k)+…/,
    code: 1,
  },
  {
    name: 'aliases chained 6,000 deep',
    args: ['-f', file('deep-alias.yaml', `a0: &a0 [1]\n${Array.from({ length: 6_000 }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}]\n`).join('')}`)],
    at: 'deep-alias.yaml', message: /the values nest deeper than the limit of 100 levels at a\d+(\[0\])+… \(counting what aliases expand to;/,
    code: 1,
  },
  {
    name: '--set-json nested 10,000 deep',
    args: ['--set-json', `gatewayConfig.spec.x=${'['.repeat(DEEP)}${']'.repeat(DEEP)}`],
    message: new RegExp(`--set-json \\[+\\.\\.\\.: the values nest deeper than the limit of ${MAX_VALUES_DEPTH} levels at gatewayConfig\\.spec\\.x(\\[0\\])+…`),
    code: 1,
  },
  {
    name: '--set list indexes nested 10,000 deep',
    args: ['--set', `gatewayConfig.spec.x${'[0]'.repeat(DEEP)}=1`],
    message: new RegExp(`--set gatewayConfig\\.spec\\.x\\[0\\].*: the values nest deeper than the limit of ${MAX_VALUES_DEPTH} levels at gatewayConfig\\.spec\\.x(\\[0\\])+… \\(nested list indexes \\[0\\]\\[0\\]…;`),
    code: 1,
  },
  {
    name: '--set index in the millions',
    args: ['--set', 'gatewayConfig.spec.x[5000000]=1'],
    message: /--set gatewayConfig\.spec\.x\[5000000\]=1: failed parsing --set data: index of 5000000 is greater than maximum supported index of 65536/,
    code: 2,
  },
  {
    name: '--set indexes that together pad more than one full list',
    args: ['--set', 'gatewayConfig.spec.a[65536]=1,gatewayConfig.spec.b[65536]=1'],
    message: /--set gatewayConfig\.spec\.a\[65536\]=1,gatewayConfig\.spec\.b\[65536\]=1: index 65536 would make the lists set by the flags hold more than 65,537 items together .*values may hold at most 150,000 entries\)/,
    code: 1,
  },
  {
    name: '--set one index as large as helm allows, over a large values file',
    args: ['-f', file('list-100k.yaml', `gatewayConfig:\n  spec:\n    x:\n${'    - 0\n'.repeat(100_000)}`), '--set', 'gatewayConfig.spec.y[65536]=1'],
    message: new RegExp(`the values of the -f files and --set flags: the values hold more than ${n(MAX_VALUES_NODES)} map entries and list items \\(the limit;`),
    code: 1,
  },
  {
    // Each file alone is within the limits; together they are not.
    name: 'many values files that add up',
    args: Array.from({ length: 35 }, () => ['-f', file('part.yaml', `gatewayConfig:\n  spec:\n    x: [${Array(5_000).fill('0').join(',')}]\n`)]).flat(),
    message: new RegExp(`part\\.yaml: the values hold more than ${n(MAX_VALUES_NODES)} map entries and list items \\(the limit;`),
    code: 1,
  },
];

describe.each(['render', 'validate'])('%s stays bounded', (command) => {
  // Memory is measured per process, so processes running side by side do not disturb it.
  it.concurrent.each(cases)('$name', async (c) => {
    const r = await runBinProcess([command, ...c.args], { input: c.input });
    const report = `${command} ${c.name}: exit ${r.code}, ${r.ms.toFixed(0)} ms, ${r.maxRssMiB?.toFixed(0)} MiB\n${r.stderr.slice(0, 600)}`;
    expect(r.signal, report).toBeNull();
    expect(r.code, report).toBe(c.code);
    expect(r.stdout, report).toBe('');
    expect(r.stderr, report).toMatch(c.message);
    if (c.at) expect(r.stderr, report).toMatch(located(c.at));
    expect(r.stderr, report).not.toMatch(/unexpected failure/);
    // limits are named in words ("the limit of 100 levels"), never by the constant's name
    expect(r.stderr, report).not.toMatch(/MAX_[A-Z_]+/);
    expect(r.stderr, report).not.toMatch(STACK);
    expect(r.maxRssMiB, report).toBeDefined();
    expect(r.maxRssMiB!, report).toBeLessThan(MAX_RSS_MIB);
    expect(r.ms, report).toBeLessThan(MAX_MS);
    console.log(`${command}: ${c.name}: exit ${r.code} in ${r.ms.toFixed(0)} ms, peak ${r.maxRssMiB!.toFixed(0)} MiB`);
  });
});

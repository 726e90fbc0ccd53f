// Broken files and flags, for `render` and `validate`: a clear message that names the file, line
// and column (or the flag), exit 1 for invalid input and 2 for usage and I/O, no stack trace (not
// even with --debug) and nothing on stdout. Files that only look odd (empty, comments, BOM, CRLF,
// several documents) are valid and render as helm 4 renders them.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli.js';
import { CHART_DIR } from '../support/golden-cases.js';
import { runHelm } from '../support/helm.js';
import { scratch } from './support/scratch.js';
import { runBinProcess } from './support/cli-process.js';
import { located, STACK } from './support/messages.js';

const { dir, file } = scratch('broken');

const COMMANDS = ['render', 'validate'] as const;

/** What every expected failure looks like, whatever the command. */
function expectCleanFailure(r: Pick<CliResult, 'code' | 'stdout' | 'stderr'>, code: number, what: string): void {
  const report = `${what}: exit ${r.code}\n${r.stderr}`;
  expect(r.code, report).toBe(code);
  expect(r.stdout, report).toBe('');
  expect(r.stderr, report).toMatch(/^Error: /);
  expect(r.stderr, report).not.toMatch(STACK);
  expect(r.stderr, report).not.toMatch(/unexpected failure/);
}

let defaults: string;
beforeAll(async () => {
  defaults = (await runCli(['render'])).stdout;
  expect(defaults).toContain('kind: Gateway');
});

interface ContentCase {
  name: string;
  content: string | Buffer;
  line: number;
  col: number;
  message: RegExp;
}

const CONTENT_ERRORS: ContentCase[] = [
  // the key's line, as helm's `yaml: line 3`, in plain words, with the line quoted
  { name: 'bad indentation', content: 'gateway:\n  name: a\n   x: 1\n', line: 3, col: 4, message: /invalid YAML: a key here \("x"\) is indented more than the keys above it: .*\(line "   x: 1"\)/ },
  { name: 'a tab as indentation', content: 'gateway:\n\tname: a\n', line: 2, col: 1, message: /invalid YAML: a tab indents this line, and YAML indents with spaces only: replace the tab with spaces \(line "\\tname: a"\)/ },
  { name: 'an unclosed double quote', content: 'gateway:\n  name: "ab\n', line: 2, col: 12, message: /invalid YAML: the quoted value that starts at column 9 is never closed: add the closing " at the end of it/ },
  { name: 'an unclosed single quote', content: "gateway:\n  name: 'ab\nenvoyProxy: {}\n", line: 2, col: 12, message: /invalid YAML: the quoted value that starts at column 9 is never closed: add the closing ' at the end of it/ },
  { name: 'an unclosed flow list', content: 'gateway:\n  listeners: [\n', line: 2, col: 15, message: /invalid YAML: the list opened with "\[" is not closed: add "\]" at the end of it/ },
  { name: 'binary content (a PNG header)', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), line: 1, col: 1, message: /not UTF-8 text \(byte 0x89 here; is it binary/ },
  { name: 'Latin-1 text', content: Buffer.from('gateway:\n  name: caf\xe9\n', 'latin1'), line: 2, col: 12, message: /not UTF-8 text \(byte 0xe9 here/ },
  { name: 'UTF-16 text', content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('gateway: {}\n', 'utf16le')]), line: 1, col: 1, message: /the file is UTF-16 text; .*save it as UTF-8/ },
  { name: 'a NUL byte', content: 'gateway:\n  name: a\x00b\n', line: 2, col: 10, message: /the control character U\+0000, which YAML does not allow/ },
  { name: 'an escape character', content: 'gateway:\n  annotations:\n    a: "x\x1by"\n', line: 3, col: 10, message: /the control character U\+001B/ },
  { name: 'a line separator in a plain value', content: 'gateway:\n  name: a\u2028b\n', line: 2, col: 10, message: /U\+2028 \(LINE SEPARATOR\), which helm's YAML 1\.1 reader takes for a line break/ },
  { name: 'a list at the root', content: '- a\n- b\n', line: 1, col: 1, message: /a values file must be a map of keys to values, but this document is a list/ },
  { name: 'a string at the root', content: 'hello\n', line: 1, col: 1, message: /this document is a string/ },
  { name: 'a second document that is a list', content: 'gatewayClass:\n  name: first\n---\n- x\n', line: 4, col: 1, message: /this document is a list/ },
  { name: 'content after a document marker', content: 'gateway: {}\n--- {a: 1}\n', line: 2, col: 4, message: /invalid document separator/ },
];

describe.each(COMMANDS)('%s: broken values files', (command) => {
  it.each(CONTENT_ERRORS)('$name: exit 1 at line $line, column $col', async (c) => {
    const path = file(`${c.name.replace(/\W+/g, '-')}.yaml`, c.content);
    for (const debug of [[], ['--debug']]) {
      const r = await runCli([command, '-f', path, ...debug]);
      expectCleanFailure(r, 1, `${command} ${c.name}`);
      expect(r.stderr).toMatch(located(path, c.line, c.col));
      expect(r.stderr).toMatch(c.message);
    }
  });

  it.each([
    ['a missing file', () => join(dir, 'no-such.yaml'), /values file \S+no-such\.yaml does not exist/],
    ['a directory', () => dir, /values file \S+ is a directory: give a YAML file/],
    ['a file inside a file', () => join(file('plain.txt', 'x'), 'values.yaml'), /values file \S+values\.yaml cannot be read/],
  ])('%s: exit 2', async (_name, path, message) => {
    const r = await runCli([command, '-f', path()]);
    expectCleanFailure(r, 2, `${command} ${_name}`);
    expect(r.stderr).toMatch(message);
  });

  it('an unreadable file: exit 2 (permission denied)', async () => {
    const secret = join(dir, 'unreadable');
    mkdirSync(secret, { recursive: true });
    const path = join(secret, 'values.yaml');
    writeFileSync(path, 'gateway: {}\n');
    chmodSync(path, 0o000);
    // root reads any file: then the command runs as nobody, for a real EACCES.
    const asRoot = process.getuid?.() === 0;
    const r = await runBinProcess([command, '-f', path], asRoot ? { uid: 65534, gid: 65534, cwd: dir } : {});
    expectCleanFailure(r, 2, `${command} unreadable`);
    expect(r.stderr).toContain(`values file ${path} cannot be read: permission denied`);
  });
});

describe.each(COMMANDS)('%s: valid files that look odd', (command) => {
  const VALID: [string, string | Buffer][] = [
    ['an empty file', ''],
    ['only comments', '# nothing to set\n# at all\n'],
    ['only blank lines and spaces', '\n   \n\n'],
    ['a BOM', Buffer.from('\ufeff# comment\n', 'utf8')],
    ['a BOM and CRLF line ends', Buffer.from('\ufeffgateway:\r\n  name: ai-gateway\r\n', 'utf8')],
    ['a lone document marker', '---\n'],
  ];
  it.each(VALID)('%s means the defaults', async (name, content) => {
    const r = await runCli([command, '-f', file(`valid-${name.replace(/\W+/g, '-')}.yaml`, content)]);
    expect(r.code, r.stderr).toBe(0);
    if (command === 'render') expect(r.stdout).toBe(defaults);
    else expect(r.stdout).toMatch(/^values are valid/);
  });
});

describe('several documents in one values file (helm 4: merged in order; helm 3 reads the first)', () => {
  const text = 'gatewayClass:\n  name: first\ngateway:\n  name: one\n---\n# the second document wins where both set a key\ngateway:\n  name: two\n';

  it('render merges them exactly as helm 4 does', async () => {
    const path = file('multi.yaml', text);
    const [ours, helm4] = await Promise.all([runCli(['render', '-f', path]), runHelm('v4', ['template', CHART_DIR, '-f', path])]);
    expect(helm4.code, helm4.stderr).toBe(0);
    expect(ours.code, ours.stderr).toBe(0);
    expect(ours.stdout).toBe(helm4.stdout);
    expect(ours.stdout).toContain('name: first');
    expect(ours.stdout).toMatch(/kind: Gateway\nmetadata:\n {2}name: two/);
  });

  it('validate reads them the same way', async () => {
    const r = await runCli(['validate', '-f', file('multi-invalid.yaml', `${text}---\ngateway:\n  name: Not_A_Name\n`)]);
    expectCleanFailure(r, 1, 'validate multi');
    expect(r.stderr).toContain('gateway.name');
    expect(r.stderr).toContain('Not_A_Name');
  });
});

describe.each(COMMANDS)('%s: standard input', (command) => {
  it('-f - with empty input means the defaults', async () => {
    const r = await runBinProcess([command, '-f', '-'], { input: '' });
    expect(r.code, r.stderr).toBe(0);
    if (command === 'render') expect(r.stdout).toBe(defaults);
  });

  it.each([
    ['binary garbage (gzip)', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x00]), 1, 2, /not UTF-8 text \(byte 0x8b here/],
    ['YAML garbage', Buffer.from('gateway: [\n  - : :\n}\n'), undefined, undefined, /invalid YAML/],
    ['a control character', Buffer.from('a: \x07\n'), 1, 4, /control character U\+0007/],
  ])('-f - with %s: exit 1, at <stdin>', async (_name, input, line, col, message) => {
    const r = await runBinProcess([command, '-f', '-'], { input });
    expectCleanFailure(r, 1, `${command} stdin ${_name}`);
    expect(r.stderr).toMatch(located('<stdin>', line, col));
    expect(r.stderr).toMatch(message);
  });
});

describe.each(COMMANDS)('%s: --set syntax errors (exit 2, the flag named)', (command) => {
  it.each([
    ['no "="', ['--set', 'gateway.name'], '--set gateway.name: failed parsing --set data: key "gateway.name" has no value'],
    ['a key that ends with ","', ['--set', 'gateway.name,'], '--set gateway.name,: failed parsing --set data: key "gateway.name" has no value (cannot end with ,)'],
    ['an unbalanced "]"', ['--set', 'gateway.listeners[0]]=1'], "failed parsing --set data: unexpected data at end of array index: [']']"],
    ['an unterminated list', ['--set', 'gateway.listeners={a,b'], "failed parsing --set data: list must terminate with '}'"],
    ['an index that is not a number', ['--set', 'gateway.listeners[x].port=1'], 'failed parsing --set data: error parsing index: strconv.Atoi: parsing "x": invalid syntax'],
    ['a negative index', ['--set', 'gateway.listeners[-1].port=1'], 'failed parsing --set data: negative -1 index not allowed'],
    ["an index over helm's limit", ['--set', 'gateway.listeners[65537].port=1'], 'failed parsing --set data: index of 65537 is greater than maximum supported index of 65536'],
    ['an index far over it', ['--set', 'gateway.listeners[99999999999999999999].port=1'], 'value out of range'],
    ['a key nested deeper than helm allows', ['--set', `${Array.from({ length: 32 }, (_, i) => `k${i}`).join('.')}=1`], 'value name nested level is greater than maximum supported nested level of 30'],
    ['malformed --set-json', ['--set-json', 'gatewayConfig.spec={"a":'], 'failed parsing --set-json data gatewayConfig.spec={"a":'],
    ['--set-literal without "="', ['--set-literal', 'gateway.name'], '--set-literal gateway.name: failed parsing --set-literal data: key "gateway.name" has no value'],
  ])('%s', async (_name, args, message) => {
    const r = await runCli([command, ...args]);
    expectCleanFailure(r, 2, `${command} ${_name}`);
    expect(r.stderr).toContain(message);
  });

  it('--set-file with a missing file: exit 2', async () => {
    const r = await runCli([command, '--set-file', `gatewayConfig.spec.x=${join(dir, 'nope.txt')}`]);
    expectCleanFailure(r, 2, `${command} --set-file missing`);
    expect(r.stderr).toContain(`--set-file file ${join(dir, 'nope.txt')} does not exist`);
  });

  it('--set-file with a file that is not UTF-8: exit 1, with its position', async () => {
    const path = file('latin1.txt', Buffer.from('line one\nna\xefve\n', 'latin1'));
    const r = await runCli([command, '--set-file', `gatewayConfig.spec.x=${path}`]);
    expectCleanFailure(r, 1, `${command} --set-file latin1`);
    expect(r.stderr).toMatch(located(path, 2, 3));
  });
});

describe('an unknown flag or command is a usage error, with no stack', () => {
  it.each([[['render', '--no-such-flag']], [['no-such-command']], [['validate', '-f']]])('%j', async (args) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(STACK);
  });
});

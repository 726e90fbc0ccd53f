// `ai-gateway-core check` as a user runs it: text, the machine formats, --strict, colours and
// redaction as validate has them; the per-release value flags, namespaces and release names;
// standard input; usage errors (exit 2).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { ROOT } from '../../support/helm.js';

const CASES = join(ROOT, 'test', 'check', 'cases');
const CLEAN_CORE = join(ROOT, 'examples', 'system', 'core.yaml');
const CLEAN_MODELS = join(ROOT, 'examples', 'system', 'models.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'agc-check-'));
const file = (name: string, text: string): string => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('check: text for people', () => {
  it('an error: exit 1, one line saying so, then the findings grouped by file with the fix; nothing on stdout', async () => {
    const dir = join(CASES, '1-gateway-name');
    const r = await runCli(['check', '--core', join(dir, 'core.yaml'), '--models', join(dir, 'models.yaml'), '--color', 'never']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('Error: the core and models releases are invalid: 1 error, 0 warnings');
    expect(lines[1]).toBe(join(dir, 'models.yaml'));
    expect(lines[2]).toMatch(/^ {2}2:9 +error +gateway\.name → AIGatewayRoute\/gpt-4-1 spec\.parentRefs\[0\]: AIGatewayRoute gpt-4-1 attaches to Gateway default\/ai-gatewy, which the core release does not render/);
    expect(r.stderr).toContain('fix: did you mean "ai-gateway"? set gateway.name: ai-gateway in the models values');
  });

  it('warnings: exit 0 and the report on stderr; --strict makes them fail', async () => {
    const dir = join(CASES, '7-plain-http');
    const args = ['check', '--core', join(dir, 'core.yaml'), '--models', join(dir, 'models.yaml')];
    const r = await runCli(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('the core and models releases are valid (0 errors, 1 warning)\n');
    expect(r.stderr).toContain('warning gateway.sectionName');
    const strict = await runCli([...args, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr.split('\n')[0]).toBe('Error: the core and models releases are invalid: 0 errors, 1 warning (--strict: warnings fail)');
  });

  it('colours only when asked (or on a terminal), never with NO_COLOR', async () => {
    const dir = join(CASES, '7-plain-http');
    const args = ['check', '--core', join(dir, 'core.yaml'), '--models', join(dir, 'models.yaml')];
    expect((await runCli([...args, '--color', 'always'])).stderr).toContain('\u001b[');
    expect((await runCli([...args, '--color', 'never'])).stderr).not.toContain('\u001b[');
  });
});

describe('check: machine formats', () => {
  const dir = join(CASES, '1-gateway-name');
  const args = ['check', '--core', join(dir, 'core.yaml'), '--models', join(dir, 'models.yaml')];

  it('-o json: the report on stdout whether or not it passes, origin "system" for findings across the releases', async () => {
    const r = await runCli([...args, '-o', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ valid: false, errors: 1, warnings: 0 });
    expect(report.findings[0]).toMatchObject({ severity: 'error', code: 'check/gateway-not-found', origin: 'system', path: 'gateway.name', location: { kind: 'file', line: 2, col: 9 } });
    expect(r.stderr).toBe('Error: the core and models releases are invalid: 1 error, 0 warnings (see the report on stdout)\n');
  });

  it('-o sarif and -o junit: the rule and the file', async () => {
    const sarif = JSON.parse((await runCli([...args, '-o', 'sarif'])).stdout);
    const result = sarif.runs[0].results[0];
    expect(result.ruleId).toBe('check/gateway-not-found');
    expect(result.locations[0].physicalLocation.region).toMatchObject({ startLine: 2, startColumn: 9 });
    expect(sarif.runs[0].tool.driver.rules[0].shortDescription.text).toBe('The core and models releases do not work together');
    const junit = (await runCli([...args, '-o', 'junit'])).stdout;
    expect(junit).toContain('classname="ai-gateway-core.check.gateway-not-found"');
    expect(junit).toContain('<failure message="AIGatewayRoute gpt-4-1 attaches to Gateway default/ai-gatewy');
  });

  it('a clean pair: -o json says valid with no findings, exit 0', async () => {
    const r = await runCli(['check', '--core', CLEAN_CORE, '--models', CLEAN_MODELS, '-o', 'json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, errors: 0, warnings: 0, findings: [] });
    expect(r.code).toBe(0);
    const junit = (await runCli(['check', '--core', CLEAN_CORE, '--models', CLEAN_MODELS, '-o', 'junit'])).stdout;
    expect(junit).toContain('<testsuites name="ai-gateway-core check" tests="1" failures="0"');
    expect(junit).toContain('<testcase name="the core and models releases are valid" classname="ai-gateway-core.check"/>');
  });
});

describe('check: the two releases', () => {
  it('--core-set and --models-set are the values flags of each release, named so in the report', async () => {
    const r = await runCli(['check', '--core', CLEAN_CORE, '--models', CLEAN_MODELS, '--models-set', 'gateway.name=other', '--core-set-string', 'gateway.name=ai-gateway', '-o', 'json']);
    const [f] = JSON.parse(r.stdout).findings;
    expect(f).toMatchObject({ code: 'check/gateway-not-found', location: { kind: 'flag', flag: '--models-set', arg: 'gateway.name=other' } });
    const core = await runCli(['check', '--core', CLEAN_CORE, '--models', CLEAN_MODELS, '--core-set-json', 'gateway.listeners=[{"name":"http","protocol":"HTTP","port":"80"}]', '-o', 'json']);
    expect(JSON.parse(core.stdout).findings[0]).toMatchObject({ code: 'schema/type', location: { kind: 'flag', flag: '--core-set-json' } });
  });

  it('--models files layer like -f: the later file wins, and the finding points into it', async () => {
    const over = file('over.yaml', 'gateway:\n  name: ai-gatewy\n');
    const r = await runCli(['check', '--core', CLEAN_CORE, '--models', CLEAN_MODELS, '--models', over, '-o', 'json']);
    const [f] = JSON.parse(r.stdout).findings;
    expect(f).toMatchObject({ code: 'check/gateway-not-found', location: { kind: 'file', file: over, line: 2, col: 9 } });
    const back = await runCli(['check', '--core', CLEAN_CORE, '--models', over, '--models', CLEAN_MODELS]);
    expect(back.code).toBe(1); // CLEAN_MODELS sets no gateway.name: over.yaml's still holds
  });

  it('files given to the wrong flag: a note that says to swap them', async () => {
    const r = await runCli(['check', '--core', CLEAN_MODELS, '--models', CLEAN_CORE, '-o', 'json']);
    expect(r.code).toBe(1);
    const notes = JSON.parse(r.stdout).findings.filter((f: { code: string }) => f.code === 'check/wrong-chart');
    expect(notes.map((f: { message: string }) => f.message)).toEqual([
      'the core values set backends, models, which only the models chart has: this looks like a values file of the models chart',
      'the models values set clientTrafficPolicy, which only the core chart has: this looks like a values file of the core chart',
    ]);
    expect(notes[0].suggestion).toBe('give it with --models instead of --core (did you swap --core and --models?)');
    expect(notes[0].location).toMatchObject({ kind: 'file', file: CLEAN_MODELS });
  });

  it('-n sets both namespaces; --core-namespace and --models-namespace set one each', async () => {
    const same = await runCli(['check', '--core', CLEAN_CORE, '--models', CLEAN_MODELS, '-n', 'ai']);
    expect(same.code).toBe(0);
    const apart = await runCli(['check', '--core', CLEAN_CORE, '--models', CLEAN_MODELS, '--core-namespace', 'gw', '--models-namespace', 'ai', '-o', 'json']);
    const [f] = JSON.parse(apart.stdout).findings;
    expect(f).toMatchObject({ code: 'check/gateway-not-found', path: 'gateway.namespace' });
    expect(f.message).toContain('Gateway ai/ai-gateway, but the core release renders Gateway ai-gateway in namespace gw');
  });

  it('release names are checked as render checks them', async () => {
    const r = await runCli(['check', '--core', CLEAN_CORE, '--models', CLEAN_MODELS, '--models-release', 'Bad_Name']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Error: release name "Bad_Name" is invalid/);
  });

  it('secrets in a quoted value stay out of the report', async () => {
    const models = file('secret-models.yaml', 'gateway:\n  name: "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"\n');
    const r = await runCli(['check', '--core', CLEAN_CORE, '--models', models, '-o', 'json']);
    expect(r.stdout).not.toContain('sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789');
    expect(r.code).toBe(1);
  });
});

describe('check: usage and I/O errors (exit 2)', () => {
  it.each([
    [['check', '--core', join(tmp, 'missing.yaml'), '--models', CLEAN_MODELS], 'values file'],
    [['check', '--core', '-', '--models', '-'], 'only one of --core, --models and --crds can read standard input'],
    [['check', '--core', CLEAN_CORE, '--models', CLEAN_MODELS, '-o', 'xml'], 'xml'],
    [['check', '--core', CLEAN_CORE, '--models', CLEAN_MODELS, '--crds', join(tmp, 'no-such-dir')], 'CRDs:'],
    [['check', '--core', CLEAN_CORE, '--models-set', 'gateway.name'], 'key "gateway.name" has no value'],
  ])('%j', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('check: standard input (the shipped command)', () => {
  const BIN = join(ROOT, 'bin', 'ai-gateway-core.js');
  const runBin = (args: string[], input: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } }, (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin?.end(input);
    });

  it('--models - reads the models values from stdin and names it <stdin>', async () => {
    const models = `gateway:\n  name: nope\n${readFileSync(CLEAN_MODELS, 'utf8')}`;
    const r = await runBin(['check', '--core', CLEAN_CORE, '--models', '-'], models);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('<stdin>\n  2:9 ');
    const clean = await runBin(['check', '--core', '-', '--models', CLEAN_MODELS], readFileSync(CLEAN_CORE, 'utf8'));
    expect(clean).toEqual({ code: 0, stdout: 'the core and models releases are valid\n', stderr: '' });
  });
});

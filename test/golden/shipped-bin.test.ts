// The artefact users run: bin/ai-gateway-core.js with the bundle and code cache that
// `npm run build` (and pretest) made. The other golden tests run the sources in-process; these run
// the real command in a child process, so a bundling mistake cannot hide behind them.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { absoluteArgs, expectedOutput, goldenCases, VALUES_DIR } from '../support/golden-cases.js';
import { ROOT } from '../support/helm.js';
import { runCli } from '../support/cli.js';

const BIN = join(ROOT, 'bin', 'ai-gateway-core.js');

function runBin(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const SAMPLE = ['defaults', 'seed-production', 'set-precedence', 'quoting', 'every-parameter'];

describe('the shipped command (bin/ai-gateway-core.js)', () => {
  for (const name of SAMPLE) {
    const c = goldenCases.find((g) => g.name === name);
    it(`prints the golden output: ${name}`, async () => {
      expect(c, `golden case ${name}`).toBeDefined();
      const r = await runBin(['render', ...absoluteArgs(c!.args)]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(expectedOutput(name));
    });
  }

  it('renders a fleet (--each) into one folder per environment', async () => {
    const out = mkdtempSync(join(tmpdir(), 'agc-bin-each-'));
    try {
      const r = await runBin(['render', '--each', join(VALUES_DIR, 'seed-*.yaml'), '--output-dir', out]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(readdirSync(out).sort()).toEqual(['seed-basic', 'seed-minimal', 'seed-production', 'seed-tracing-auth']);
      const gateway = readFileSync(join(out, 'seed-production', 'ai-gateway-core', 'templates', 'gateway.yaml'), 'utf8');
      expect(expectedOutput('seed-production')).toContain(gateway.slice('---\n'.length, -1));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('runs the bundle with a code cache that V8 accepts', async () => {
    const probe = `const { loadBundle } = require(${JSON.stringify(BIN)}); const l = loadBundle(); process.stdout.write(String(l && l.script.cachedDataRejected));`;
    const r = await new Promise<string>((resolve) => execFile(process.execPath, ['-e', probe], { encoding: 'utf8' }, (_e, out) => resolve(out)));
    expect(r).toBe('false');
  });

  it('loads no stream, network, crypto or child-process module of Node to render (start-up cost)', async () => {
    const probe = `const base = new Set(process.moduleLoadList);
      const { loadBundle } = require(${JSON.stringify(BIN)});
      loadBundle().exports.run(['render', '-f', ${JSON.stringify(join(VALUES_DIR, 'seed-production.yaml'))}], { stdout() {}, stderr() {} })
        .then((code) => {
          const loaded = process.moduleLoadList.filter((m) => !base.has(m)); // before process.stdout loads streams
          process.stdout.write(JSON.stringify({ code, loaded }));
        });`;
    const out = await new Promise<string>((resolve) => execFile(process.execPath, ['-e', probe], { encoding: 'utf8' }, (_e, o) => resolve(o)));
    const { code, loaded } = JSON.parse(out) as { code: number; loaded: string[] };
    expect(code).toBe(0);
    expect(loaded.filter((m) => /stream|net|tty|crypto|child_process|fs\/promises|readline|perf_hooks|http/.test(m))).toEqual([]);
  });

  it('validates against CRDs (the CRD file and its code cache) as the sources do, with a cold and a warm CRD cache', async () => {
    const crds = join(ROOT, '..', 'shared', 'crds');
    const cache = mkdtempSync(join(tmpdir(), 'agc-bin-crds-'));
    try {
      const args = ['validate', '-f', join(VALUES_DIR, 'seed-production.yaml'), '--crds', crds];
      const env = { ...process.env, AI_GATEWAY_CORE_CACHE_DIR: cache };
      const cold = await runBin(args, env);
      const warm = await runBin(args, env);
      const saved = process.env['AI_GATEWAY_CORE_CACHE_DIR'];
      process.env['AI_GATEWAY_CORE_CACHE_DIR'] = join(cache, 'in-process');
      const sources = await runCli(args).finally(() => {
        if (saved === undefined) delete process.env['AI_GATEWAY_CORE_CACHE_DIR'];
        else process.env['AI_GATEWAY_CORE_CACHE_DIR'] = saved;
      });
      expect(sources.code).toBe(0);
      expect(sources.stdout).toContain('5 documents accepted by the CRDs');
      for (const r of [cold, warm]) {
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toBe(sources.stdout);
        expect(r.stderr).toBe(sources.stderr);
      }
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('exits 1 with a message and no stack trace on invalid values', async () => {
    const r = await runBin(['validate', '--set', 'gateway.listeners[0].port=abc']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Error: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops quietly when the reader closes the pipe early', async () => {
    const child = spawn(process.execPath, [BIN, 'render', ...absoluteArgs(['-f', 'every-parameter.yaml'])], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

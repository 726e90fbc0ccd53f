// What a cold render or validate loads of Node itself. Each of these built-in modules costs a
// cold start milliseconds (streams and sockets for process.stdout/stderr, perf_hooks for the
// global `performance`, child_process for commander's executable subcommands); the commands get
// by without them, and this keeps it that way.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'ai-gateway-core.js');
const PROBE = join(ROOT, 'test', 'support', 'module-probe.cjs');
const PRODUCTION = join(ROOT, 'test', 'golden', 'values', 'seed-production.yaml');
const work = mkdtempSync(join(tmpdir(), 'agc-cold-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const HEAVY = ['perf_hooks', 'stream', 'net', 'tty', 'child_process', 'internal/fs/sync_write_stream'];

function loadedModules(args: string[]): string[] {
  const file = join(work, 'modules.json');
  // stdout and stderr are pipes, as in CI; NO_COLOR unset, so validate must find out about colour.
  const env = { ...process.env, AGC_TEST_MODULES_FILE: file, NO_COLOR: undefined, FORCE_COLOR: undefined };
  const r = spawnSync(process.execPath, ['--require', PROBE, BIN, ...args], { env, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(readFileSync(file, 'utf8')) as string[]).filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
}

describe('a cold start loads no heavy Node modules', () => {
  const SYSTEM = join(ROOT, 'examples', 'system');
  it.each([[['render', '-f', PRODUCTION]], [['validate', '-f', PRODUCTION]], [['check', '--core', join(SYSTEM, 'core.yaml'), '--models', join(SYSTEM, 'models.yaml')]]])('%j', (args) => {
    const loaded = loadedModules(args);
    expect(loaded).toContain('vm'); // the probe works: bin/ evaluates the bundle with node:vm
    expect(loaded.filter((m) => HEAVY.includes(m))).toEqual([]);
  });
});

// Faults, tried on the shipped command as a user meets them: standard output or error that cannot
// be written (/dev/full, a read-only descriptor, a full file system), a reader that goes away, a
// run killed (SIGKILL) or interrupted (SIGINT, SIGTERM) part way, and concurrent runs writing the
// same folder. Each case checks the exit code, the one-line message, and that every output file
// on disk is complete and byte-identical to a reference run.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './support/cli-process.js';
import { scratch } from './support/scratch.js';
import { STACK } from './support/messages.js';

const work = scratch('faults');
const ENV = { PATH: process.env['PATH'] ?? '', HOME: work.dir, NO_COLOR: '1' };
const PRODUCTION = join(import.meta.dirname, '..', 'golden', 'values', 'seed-production.yaml');
const MINIMAL = join(import.meta.dirname, '..', '..', 'examples', 'minimal.yaml');
const DUPLICATE = join(import.meta.dirname, '..', 'validate', 'cases', 'duplicate-top-level.yaml');

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the shipped command with the given descriptors for stdout and stderr ('pipe' to capture). */
function runWith(args: string[], stdout: number | 'pipe' = 'pipe', stderr: number | 'pipe' = 'pipe'): Ran {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: work.dir, env: ENV, stdio: ['ignore', stdout, stderr], encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Every file under `dir` (dot-names included), relative, with its content. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (lstatSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** The entries whose names mark them as staging leftovers, anywhere under `dir`. */
function leftovers(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (name.startsWith('.agc-')) found.push(relative(dir, p));
      else if (lstatSync(p).isDirectory()) walk(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

/** One message line, as the README promises: `Error: …`, no stack trace, nothing else. */
function expectOneLine(stderr: string, pattern: RegExp): void {
  expect(stderr).not.toMatch(STACK);
  expect(stderr.split('\n').filter(Boolean), stderr).toHaveLength(1);
  expect(stderr).toMatch(pattern);
}

/** Values whose output is larger than a pipe holds (64 KiB). */
const bigValues = work.file('big.yaml', `gateway:\n  annotations:\n${Array.from({ length: 400 }, (_, i) => `    note-${i}: "${'x'.repeat(400)}"`).join('\n')}\n`);

describe('standard output that cannot be written', () => {
  const full = () => openSync('/dev/full', 'w');

  it.each([
    ['render', ['render', '-f', PRODUCTION]],
    ['render -o json', ['render', '-o', 'json']],
    ['render --output-dir (its `wrote` lines)', ['render', '--output-dir', 'out-full']],
    ['values', ['values']],
    ['schema', ['schema']],
    ['validate -o json', ['validate', '-o', 'json']],
    ['validate -o sarif', ['validate', '-o', 'sarif']],
    ['check', ['check']],
    ['diff', ['diff', '--from', MINIMAL, '-f', MINIMAL]],
    ['--help', ['render', '--help']],
  ])('%s to /dev/full: exit 2, one line naming standard output and the full disk', (_name, args) => {
    const fd = full();
    const r = runWith(args, fd);
    closeSync(fd);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /^Error: cannot write the output to standard output: no space left on the device \(ENOSPC\): free some space or write elsewhere\n$/);
  });

  it('a standard output opened read-only: exit 2, EBADF in plain words', () => {
    const file = work.file('read-only.yaml', '');
    const fd = openSync(file, 'r');
    const r = runWith(['render'], fd);
    closeSync(fd);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /^Error: cannot write the output to standard output: it is not open for writing \(EBADF\): check the redirection\n$/);
  });

  it('a reader that closes early (render | head) is not an error', () => {
    // More than a pipe holds (64 KiB), so the write meets the closed pipe.
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" render -f "${bigValues}" | head -c 100 > /dev/null`], { cwd: work.dir, env: ENV, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(runWith(['render', '-f', bigValues]).stdout.length).toBeGreaterThan(128 * 1024);
  });

  it('standard error unwritable: a missing values file still exits 2 (and nothing hangs or crashes)', () => {
    const fd = full();
    const r = runWith(['render', '-f', 'missing.yaml'], 'pipe', fd);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const both = runWith(['render', '-f', 'missing.yaml'], fd, fd);
    closeSync(fd);
    expect(both.code).toBe(2);
  });

  it('standard error unwritable: a warning that was not delivered makes the exit non-zero, the output is whole', () => {
    const fd = full();
    const r = runWith(['render', '-f', DUPLICATE], 'pipe', fd);
    closeSync(fd);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(runWith(['render', '-f', DUPLICATE]).stdout);
  });

  it('invalid values with stderr unwritable keep their exit code (1)', () => {
    const fd = full();
    const r = runWith(['render', '--set', 'gateway.name=Bad_Name'], 'pipe', fd);
    closeSync(fd);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
  });
});

// ---------------------------------------------------------------------------------------------
// A full file system: a small tmpfs, where this test can mount one.

const mountPoint = join(work.dir, 'tmpfs');
mkdirSync(mountPoint);
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint]).status === 0;
afterAll(() => {
  if (mounted) spawnSync('umount', [mountPoint]);
});
const FULL_FS_SKIP = 'mounting a tmpfs needs root with CAP_SYS_ADMIN (mount -t tmpfs); not available here';

/** Fills the tmpfs until at most `room` bytes are left. */
function fill(room: number): void {
  const filler = join(mountPoint, 'filler');
  rmSync(filler, { force: true });
  const fd = openSync(filler, 'w');
  const block = Buffer.alloc(1024, 120);
  try {
    for (;;) writeFileSync(fd, block);
  } catch {
    // full
  } finally {
    closeSync(fd);
  }
  // give back room (tmpfs counts whole pages)
  const size = lstatSync(filler).size;
  spawnSync('truncate', ['-s', String(Math.max(0, size - room)), filler]);
}

describe.skipIf(!mounted)(mounted ? 'a full file system (a 64 KiB tmpfs)' : `a full file system: skipped, ${FULL_FS_SKIP}`, () => {
  beforeAll(() => {
    for (const name of readdirSync(mountPoint)) rmSync(join(mountPoint, name), { recursive: true, force: true });
  });

  it('render > manifests.yaml: exit 2, one line, and the file is cut back to empty', () => {
    fill(8192);
    const file = join(mountPoint, 'manifests.yaml');
    const fd = openSync(file, 'w');
    const r = runWith(['render', '-f', bigValues], fd);
    closeSync(fd);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /^Error: cannot write the output to standard output: no space left on the device \(ENOSPC\).*; the file holds nothing of this run\n$/);
    expect(readFileSync(file, 'utf8')).toBe('');
    rmSync(file);
  });

  it('--output-dir over an existing output: exit 2, the old files exactly as they were, nothing left beside them', () => {
    rmSync(join(mountPoint, 'filler'), { force: true });
    const out = join(mountPoint, 'out');
    expect(runWith(['render', '--output-dir', out, '--set', 'gateway.name=old']).code).toBe(0);
    const before = tree(out);
    fill(0);
    const r = runWith(['render', '--output-dir', out, '--set', 'gateway.name=new']);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /^Error: cannot write to --output-dir \S+: no space left on the device \(ENOSPC\).*; nothing was changed\n$/);
    expect(r.stdout).toBe('');
    expect(tree(out)).toEqual(before);
    expect(leftovers(mountPoint)).toEqual([]);
    rmSync(out, { recursive: true });
  });

  it('render --each runs out of space part way: every folder that exists is complete, no empty ones, nothing beside them', () => {
    rmSync(join(mountPoint, 'filler'), { force: true });
    const envs = join(work.dir, 'full-envs');
    mkdirSync(envs);
    for (let i = 0; i < 12; i++) writeFileSync(join(envs, `env-${String(i).padStart(2, '0')}.yaml`), `gatewayClass:\n  name: class-${i}\n`);
    const ref = join(work.dir, 'full-ref');
    expect(runWith(['render', '--each', envs, '--output-dir', ref]).code).toBe(0);
    const out = join(mountPoint, 'fleet');
    const r = runWith(['render', '--each', envs, '--output-dir', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(STACK);
    const lines = r.stderr.split('\n').filter(Boolean);
    const written = readdirSync(out);
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(12);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^Error: environment env-\d\d \(\S+\): cannot write to --output-dir \S+: no space left on the device \(ENOSPC\).*; nothing was written for it$/);
    expect(lines.at(-1)).toMatch(new RegExp(`^Error: ${12 - written.length} of 12 environments failed: `));
    const expected = tree(ref);
    for (const [path, text] of tree(out)) expect(text, path).toBe(expected.get(path));
    for (const env of written) expect(tree(join(out, env)).size, env).toBe(5);
    expect(leftovers(mountPoint)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Killed and interrupted fleets: 300 environments.

const FLEET = 300;
const fleetEnvs = join(work.dir, 'envs');
mkdirSync(fleetEnvs);
const production = readFileSync(PRODUCTION, 'utf8');
for (let i = 0; i < FLEET; i++) {
  writeFileSync(join(fleetEnvs, `env-${String(i).padStart(3, '0')}.yaml`), production.replace('replicas: 3', `replicas: ${1 + (i % 5)}`).replace('name: ai-gateway-tracing', `name: tracing-env-${i}`));
}
const fleetRef = join(work.dir, 'fleet-ref');
const fleetOld = join(work.dir, 'fleet-old');
const OLD_SET = ['--set', 'gatewayClass.name=previous-class'];

beforeAll(() => {
  expect(runWith(['render', '--each', fleetEnvs, '--output-dir', fleetRef]).code).toBe(0);
  expect(runWith(['render', '--each', fleetEnvs, '--output-dir', fleetOld, ...OLD_SET]).code).toBe(0);
}, 120_000);

/** Starts a fleet run and calls `act` once `out` holds at least `folders` entries. */
function startFleet(out: string, extra: string[] = []): { child: ChildProcess; done: Promise<Ran> } {
  const child = spawn(process.execPath, [BIN, 'render', '--each', fleetEnvs, '--output-dir', out, ...extra], { cwd: work.dir, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b: Buffer) => (stdout += b));
  child.stderr!.on('data', (b: Buffer) => (stderr += b));
  const done = new Promise<Ran>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** Resolves when `count()` reaches `n` (or the run ends first). */
async function whenAtLeast(count: () => number, n: number, done: Promise<Ran>): Promise<void> {
  let finished = false;
  void done.then(() => (finished = true));
  while (!finished && count() < n) await new Promise((r) => setTimeout(r, 1));
}

const envFolders = (out: string) => (existsSync(out) ? readdirSync(out).filter((n) => !n.startsWith('.')).length : 0);

/** Every environment folder under `out` is byte-identical to the one of `ref` (or of `alt`). */
function expectWholeFolders(out: string, refs: Map<string, string>[]): void {
  const got = tree(out);
  const envs = new Set([...got.keys()].filter((p) => !p.startsWith('.')).map((p) => p.split('/')[0]!));
  for (const env of envs) {
    let mine = [...got].filter(([p]) => p.startsWith(`${env}/`) && !p.includes('/.agc-'));
    if (mine.length === 0) {
      // Killed between the two renames of a swap: the previous folder waits under its staging
      // name for the next run to put back. It must be whole too.
      mine = [...got].filter(([p]) => p.startsWith(`${env}/ai-gateway-core/.agc-old.templates.`)).map(([p, text]) => [p.replace(/\/\.agc-old\.templates\.[^/]+\//, '/templates/'), text]);
    }
    const matches = refs.some((ref) => {
      const theirs = [...ref].filter(([p]) => p.startsWith(`${env}/`));
      return theirs.length === mine.length && mine.every(([p, text]) => ref.get(p) === text);
    });
    expect(matches, `${env} is not complete: ${mine.map(([p]) => p).join(', ')}`).toBe(true);
  }
}

describe('a fleet killed part way (SIGKILL)', () => {
  it.each([1, 60, 150, 280])('killed after %i folders: each folder is whole, leftovers are dot-named, and the next run finishes the job', async (n) => {
    const out = join(work.dir, `killed-${n}`);
    const run = startFleet(out);
    await whenAtLeast(() => envFolders(out), n, run.done);
    run.child.kill('SIGKILL');
    const r = await run.done;
    const ref = tree(fleetRef);
    expectWholeFolders(out, [ref]);
    for (const left of leftovers(out)) expect(left).toMatch(/^\.agc-tmp\.env-\d{3}\.\d+\.[0-9a-z]+$/);
    expect(leftovers(out).length).toBeLessThanOrEqual(1);
    if (r.signal === 'SIGKILL') expect(envFolders(out)).toBeLessThan(FLEET);
    const again = runWith(['render', '--each', fleetEnvs, '--output-dir', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(leftovers(out)).toEqual([]);
    expect(tree(out)).toEqual(ref);
  }, 120_000);

  it.each([30, 200])('killed after %i of 300 replacements: each templates folder is the old or the new one, and the next run restores any moved aside', async (n) => {
    const out = join(work.dir, `killed-replace-${n}`);
    expect(runWith(['render', '--each', fleetEnvs, '--output-dir', out, ...OLD_SET]).code).toBe(0);
    // a replacement leaves no new folder to count: count the old templates folders moved aside and removed
    const oldText = readFileSync(join(out, 'env-000/ai-gateway-core/templates/gatewayclass.yaml'), 'utf8');
    const replaced = () => readdirSync(out).filter((env) => {
      try {
        return readFileSync(join(out, env, 'ai-gateway-core/templates/gatewayclass.yaml'), 'utf8') !== oldText;
      } catch {
        return false;
      }
    }).length;
    const run = startFleet(out);
    await whenAtLeast(replaced, n, run.done);
    run.child.kill('SIGKILL');
    await run.done;
    const newRef = tree(fleetRef);
    const oldRef = tree(fleetOld);
    // The one instant with no templates folder: its previous content waits beside it.
    for (const env of readdirSync(out).filter((e) => !e.startsWith('.'))) {
      const chart = join(out, env, 'ai-gateway-core');
      if (!existsSync(join(chart, 'templates'))) expect(readdirSync(chart).some((e) => e.startsWith('.agc-old.templates.'))).toBe(true);
    }
    expectWholeFolders(out, [newRef, oldRef]);
    const again = runWith(['render', '--each', fleetEnvs, '--output-dir', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(leftovers(out)).toEqual([]);
    expect(tree(out)).toEqual(newRef);
  }, 120_000);
});

describe('a fleet interrupted (SIGINT, SIGTERM)', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: the run stops between two environments, exit %i, one line, every folder whole, nothing left over', async (signal, code) => {
    const out = join(work.dir, `interrupted-${signal}`);
    const run = startFleet(out);
    await whenAtLeast(() => envFolders(out), 40, run.done);
    run.child.kill(signal);
    const r = await run.done;
    expect(r.code).toBe(code);
    expectOneLine(r.stderr, new RegExp(`^Error: interrupted by ${signal}: (\\d+) of 300 environments were written, each complete; the others were not touched\\. Run again to write them all\\n$`));
    const count = Number(/: (\d+) of 300/.exec(r.stderr)![1]);
    expect(envFolders(out)).toBe(count);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('wrote ')).length).toBe(count * 5);
    expect(leftovers(out)).toEqual([]);
    expectWholeFolders(out, [tree(fleetRef)]);
  }, 120_000);
});

describe('concurrent runs writing the same --output-dir', () => {
  it('four runs at once, five times over: all exit 0 and the folder holds exactly one run\'s output', async () => {
    const refs = [0, 1, 2, 3].map((i) => {
      const dir = join(work.dir, `conc-ref-${i}`);
      expect(runWith(['render', '--output-dir', dir, '--set', `gateway.name=run-${i}`]).code).toBe(0);
      return tree(dir);
    });
    for (let round = 0; round < 5; round++) {
      const out = join(work.dir, `conc-${round}`);
      if (round % 2 === 1) expect(runWith(['render', '--output-dir', out, '--set', 'gateway.name=before']).code).toBe(0);
      const runs = [0, 1, 2, 3].map(
        (i) =>
          new Promise<Ran>((resolve) => {
            const child = spawn(process.execPath, [BIN, 'render', '--output-dir', out, '--set', `gateway.name=run-${i}`], { cwd: work.dir, env: ENV });
            let stderr = '';
            child.stderr.on('data', (b: Buffer) => (stderr += b));
            child.stdout.resume();
            child.on('close', (code, signal) => resolve({ code, signal, stdout: '', stderr }));
          }),
      );
      for (const r of await Promise.all(runs)) expect(r.code, r.stderr).toBe(0);
      const got = tree(out);
      expect(refs.some((ref) => ref.size === got.size && [...ref].every(([p, t]) => got.get(p) === t)), [...got.keys()].join(', ')).toBe(true);
      expect(leftovers(out)).toEqual([]);
    }
  }, 120_000);
});

describe('the CRD cache', () => {
  const crds = join(import.meta.dirname, '..', '..', '..', 'shared', 'crds');
  const deadPid = (): number => {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    return Number(child.stdout);
  };

  it.skipIf(!existsSync(crds))('four validate --crds at once fill an empty cache: all agree, whole entries, no temporary files', async () => {
    const cache = join(work.dir, 'crd-cache');
    const runs = [0, 1, 2, 3].map(
      () =>
        new Promise<Ran>((resolve) => {
          const child = spawn(process.execPath, [BIN, 'validate', '--crds', crds], { cwd: work.dir, env: { ...ENV, AI_GATEWAY_CORE_CACHE_DIR: cache } });
          let stderr = '';
          let stdout = '';
          child.stderr.on('data', (b: Buffer) => (stderr += b));
          child.stdout.on('data', (b: Buffer) => (stdout += b));
          child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
        }),
    );
    const results = await Promise.all(runs);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    expect(new Set(results.map((r) => r.stdout)).size).toBe(1);
    const names = readdirSync(cache);
    expect(names.filter((n) => n.startsWith('.') || n.endsWith('.tmp'))).toEqual([]);
    for (const name of names) expect(() => JSON.parse(readFileSync(join(cache, name), 'utf8'))).not.toThrow();
  }, 120_000);

  it.skipIf(!existsSync(crds))('what a killed writer left (this version\'s and the old `.<pid>.tmp` names) is removed by the next run', () => {
    const cache = join(work.dir, 'crd-cache-killed');
    mkdirSync(cache);
    const pid = deadPid();
    writeFileSync(join(cache, `.agc-tmp.crd-v2.x-abc.json.${pid}.k3`), '{"half');
    writeFileSync(join(cache, `crd-v2.x-abc.json.${pid}.tmp`), '{"half');
    const r = runWith(['validate', '--crds', crds]);
    expect(r.code, r.stderr).toBe(0);
    const again = spawnSync(process.execPath, [BIN, 'validate', '--crds', crds], { cwd: work.dir, env: { ...ENV, AI_GATEWAY_CORE_CACHE_DIR: cache }, encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(0);
    expect(readdirSync(cache).filter((n) => n.startsWith('.') || n.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});

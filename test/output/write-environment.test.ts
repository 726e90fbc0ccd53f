// An environment folder of `render --each`: a new folder is written directly and, on an I/O error,
// removed with what was written into it; replacing an existing one still goes through
// writeOutputDir.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { environmentJob, nodeEnvironmentFs, writeEnvironment, type EnvironmentFs } from '../../src/output/write-environment.js';
import type { OutputDirPlan } from '../../src/output/write-output-dir.js';

const root = mkdtempSync(join(tmpdir(), 'agc-env-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const plan = (dir: string, files: Record<string, string>): OutputDirPlan => ({
  files: new Map(Object.entries(files).map(([rel, text]) => [`${dir}/${rel}`, text])),
  log: '',
});

/** The real file system, recording each call; `fail` makes the call with that label throw. */
function recording(fail?: (call: string) => boolean): { fs: EnvironmentFs; calls: string[] } {
  const calls: string[] = [];
  const step = <A extends unknown[]>(name: string, real: (...args: A) => void) => (...args: A) => {
    const call = `${name} ${String(args[0]).slice(root.length)}`;
    calls.push(call);
    if (fail?.(call)) throw Object.assign(new Error(`ENOSPC: no space left on device, ${name}`), { code: 'ENOSPC' });
    real(...args);
  };
  return {
    calls,
    fs: {
      mkdir: step('mkdir', nodeEnvironmentFs.mkdir),
      mkdirParents: step('mkdirParents', nodeEnvironmentFs.mkdirParents),
      writeNew: step('writeNew', nodeEnvironmentFs.writeNew),
      removeFile: step('removeFile', nodeEnvironmentFs.removeFile),
      removeEmptyDir: step('removeEmptyDir', nodeEnvironmentFs.removeEmptyDir),
    },
  };
}

describe('environmentJob', () => {
  it('lists each folder once, parents first, and the files with absolute paths', () => {
    const job = environmentJob(plan('out/prod', { 'c/templates/a.yaml': 'A', 'c/templates/b.yaml': 'B', 'c/x.yaml': 'X' }), 'out/prod');
    const root = join(process.cwd(), 'out/prod');
    expect(job).toEqual({
      root,
      folders: [join(root, 'c'), join(root, 'c/templates')],
      files: [[join(root, 'c/templates/a.yaml'), 'A'], [join(root, 'c/templates/b.yaml'), 'B'], [join(root, 'c/x.yaml'), 'X']],
    });
  });

  it.each([['c/./a.yaml', 'c/a.yaml'], ['c//a.yaml', 'c/a.yaml'], ['c/../d/a.yaml', 'd/a.yaml']])('a path that is not plain (%s) is resolved the slow way', (rel, resolved) => {
    const job = environmentJob(plan('out/prod', { [rel]: 'A' }), 'out/prod');
    expect(job.files).toEqual([[join(process.cwd(), 'out/prod', resolved), 'A']]);
  });

  it.each([['../escape.yaml'], ['c/../../escape.yaml'], ['']])('refuses %j: it is not inside the folder', (rel) => {
    expect(() => environmentJob(plan('out/prod', { [rel]: 'A' }), 'out/prod')).toThrow(/outside out\/prod/);
  });
});

describe('writeEnvironment', () => {
  it('writes a new folder with one call per folder and file, and nothing else next to it', () => {
    const dir = join(root, 'out', 'prod');
    const { fs, calls } = recording();
    writeEnvironment(plan(dir, { 'c/templates/a.yaml': 'A', 'c/templates/b.yaml': 'B' }), dir, fs);
    expect(readdirSync(join(root, 'out'))).toEqual(['prod']);
    expect(readFileSync(join(dir, 'c/templates/a.yaml'), 'utf8')).toBe('A');
    expect(readFileSync(join(dir, 'c/templates/b.yaml'), 'utf8')).toBe('B');
    // the missing parent (out/) is made once, after the first mkdir says it is missing
    expect(calls).toEqual([
      'mkdir /out/prod',
      'mkdirParents /out',
      'mkdir /out/prod',
      'mkdir /out/prod/c',
      'mkdir /out/prod/c/templates',
      'writeNew /out/prod/c/templates/a.yaml',
      'writeNew /out/prod/c/templates/b.yaml',
    ]);
    const next = recording();
    writeEnvironment(plan(join(root, 'out', 'dev'), { 'c/a.yaml': 'A' }), join(root, 'out', 'dev'), next.fs);
    expect(next.calls).toEqual(['mkdir /out/dev', 'mkdir /out/dev/c', 'writeNew /out/dev/c/a.yaml']);
  });

  it('replaces the files of an existing folder', () => {
    const dir = join(root, 'again');
    mkdirSync(join(dir, 'c', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'c', 'templates', 'a.yaml'), 'old');
    writeEnvironment(plan(dir, { 'c/templates/a.yaml': 'new' }), dir);
    expect(readFileSync(join(dir, 'c/templates/a.yaml'), 'utf8')).toBe('new');
  });

  it('refuses a path outside the folder before writing anything', () => {
    const parent = join(root, 'failing');
    const dir = join(parent, 'env');
    mkdirSync(parent);
    expect(() => writeEnvironment(plan(dir, { 'c/a.yaml': 'A', '../escape.yaml': 'X' }), dir)).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/outside/) }));
    expect(readdirSync(parent)).toEqual([]);
  });

  it.each([['mkdir /io/env/c/templates'], ['writeNew /io/env/c/templates/b.yaml']])('an I/O error at %s removes the folder and what was written into it', (failing) => {
    const parent = join(root, 'io');
    mkdirSync(parent, { recursive: true });
    const dir = join(parent, 'env');
    const { fs, calls } = recording((call) => call === failing);
    expect(() => writeEnvironment(plan(dir, { 'c/templates/a.yaml': 'A', 'c/templates/b.yaml': 'B' }), dir, fs)).toThrow(
      expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/^cannot write to --output-dir .*env: ENOSPC.*; nothing was written for it$/) }),
    );
    expect(calls.at(-1)).toBe('removeEmptyDir /io/env');
    expect(readdirSync(parent)).toEqual([]);
  });

  it("removes only what it wrote: another run's file in the folder stays, and the message says so", () => {
    const parent = join(root, 'shared');
    mkdirSync(parent, { recursive: true });
    const dir = join(parent, 'env');
    // Another run writes into the folder just claimed, before this run's second file fails.
    const { fs } = recording((call) => {
      if (call !== 'writeNew /shared/env/c/b.yaml') return false;
      writeFileSync(join(dir, 'c', 'theirs.yaml'), 'T');
      return true;
    });
    expect(() => writeEnvironment(plan(dir, { 'c/a.yaml': 'A', 'c/b.yaml': 'B' }), dir, fs)).toThrow(
      expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/ENOSPC.*; some of what was written for it could not be removed$/) }),
    );
    expect(readdirSync(join(dir, 'c'))).toEqual(['theirs.yaml']);
  });

  it('a file where the folder would go is an I/O error for that folder only', () => {
    const dir = join(root, 'blocked');
    writeFileSync(dir, 'not a folder');
    expect(() => writeEnvironment(plan(dir, { 'c/a.yaml': 'A' }), dir)).toThrow(expect.objectContaining({ exitCode: 2 }));
    expect(readFileSync(dir, 'utf8')).toBe('not a folder');
  });
});

// An environment folder of `render --each`: written whole under a staging name and renamed into
// place; on an I/O error the staging folder is removed; replacing an existing one goes through
// writeOutputDir.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { environmentJob, writeEnvironment } from '../../src/output/write-environment.js';
import { nodeFs, type OutputDirPlan, type OutputFs } from '../../src/output/write-output-dir.js';

const root = mkdtempSync(join(tmpdir(), 'agc-env-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const plan = (dir: string, files: Record<string, string>): OutputDirPlan => ({
  files: new Map(Object.entries(files).map(([rel, text]) => [`${dir}/${rel}`, text])),
  log: '',
});

/** Staging names hold a pid and a nonce: shown as `<stage:NAME>` so calls can be compared. */
const STAGE = /\.agc-(tmp|old)\.([^/]+)\.\d+\.[0-9a-z]+/g;
const stable = (s: string): string => s.replace(STAGE, '<$1:$2>');

/** The real file system, recording each call; `fail` makes the call with that label throw. */
function recording(fail?: (call: string) => boolean): { fs: OutputFs; calls: string[] } {
  const calls: string[] = [];
  const step = <A extends unknown[], R>(name: string, real: (...args: A) => R) => (...args: A): R => {
    const call = stable(`${name} ${args.filter((a) => typeof a === 'string' && a.startsWith(root)).map((a) => String(a).slice(root.length)).join(' ')}`);
    calls.push(call);
    if (fail?.(call)) throw Object.assign(new Error(`ENOSPC: no space left on device, ${name}`), { code: 'ENOSPC' });
    return real(...args);
  };
  return {
    calls,
    fs: {
      mkdir: step('mkdir', nodeFs.mkdir),
      mkdirParents: step('mkdirParents', nodeFs.mkdirParents),
      writeNew: step('writeNew', nodeFs.writeNew),
      rename: step('rename', nodeFs.rename),
      link: step('link', nodeFs.link),
      removeTree: step('removeTree', nodeFs.removeTree),
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
  it('writes a new folder under a staging name, renames it into place, and leaves nothing else', () => {
    const dir = join(root, 'out', 'prod');
    const { fs, calls } = recording();
    writeEnvironment(plan(dir, { 'c/templates/a.yaml': 'A', 'c/templates/b.yaml': 'B' }), dir, fs);
    expect(readdirSync(join(root, 'out'))).toEqual(['prod']);
    expect(readFileSync(join(dir, 'c/templates/a.yaml'), 'utf8')).toBe('A');
    expect(readFileSync(join(dir, 'c/templates/b.yaml'), 'utf8')).toBe('B');
    // the missing parent (out/) is made once, after the first mkdir says it is missing
    expect(calls).toEqual([
      'mkdir /out/<tmp:prod>',
      'mkdirParents /out',
      'mkdir /out/<tmp:prod>',
      'mkdir /out/<tmp:prod>/c',
      'mkdir /out/<tmp:prod>/c/templates',
      'writeNew /out/<tmp:prod>/c/templates/a.yaml',
      'writeNew /out/<tmp:prod>/c/templates/b.yaml',
      'rename /out/<tmp:prod> /out/prod',
    ]);
    const next = recording();
    writeEnvironment(plan(join(root, 'out', 'dev'), { 'c/a.yaml': 'A' }), join(root, 'out', 'dev'), next.fs);
    expect(next.calls).toEqual(['mkdir /out/<tmp:dev>', 'mkdir /out/<tmp:dev>/c', 'writeNew /out/<tmp:dev>/c/a.yaml', 'rename /out/<tmp:dev> /out/dev']);
  });

  it('replaces the files of an existing folder, keeping foreign ones', () => {
    const dir = join(root, 'again');
    mkdirSync(join(dir, 'c', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'c', 'templates', 'a.yaml'), 'old');
    writeFileSync(join(dir, 'c', 'templates', 'README'), 'mine');
    writeEnvironment(plan(dir, { 'c/templates/a.yaml': 'new' }), dir);
    expect(readFileSync(join(dir, 'c/templates/a.yaml'), 'utf8')).toBe('new');
    expect(readFileSync(join(dir, 'c/templates/README'), 'utf8')).toBe('mine');
    expect(readdirSync(join(dir, 'c'))).toEqual(['templates']);
    expect(readdirSync(dir)).toEqual(['c']);
  });

  it('refuses a path outside the folder before writing anything', () => {
    const parent = join(root, 'failing');
    const dir = join(parent, 'env');
    mkdirSync(parent);
    expect(() => writeEnvironment(plan(dir, { 'c/a.yaml': 'A', '../escape.yaml': 'X' }), dir)).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/outside/) }));
    expect(readdirSync(parent)).toEqual([]);
  });

  it.each([['mkdir /io/<tmp:env>/c/templates'], ['writeNew /io/<tmp:env>/c/templates/b.yaml'], ['rename /io/<tmp:env> /io/env']])(
    'an I/O error at %s removes the staging folder: no folder under the name, nothing beside it',
    (failing) => {
      const parent = join(root, 'io');
      mkdirSync(parent, { recursive: true });
      const dir = join(parent, 'env');
      const { fs, calls } = recording((call) => call === failing);
      expect(() => writeEnvironment(plan(dir, { 'c/templates/a.yaml': 'A', 'c/templates/b.yaml': 'B' }), dir, fs)).toThrow(
        expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/^cannot write to --output-dir .*env: no space left on the device \(ENOSPC\).*; nothing was written for it$/) }),
      );
      expect(calls.at(-1)).toBe('removeTree /io/<tmp:env>');
      expect(readdirSync(parent)).toEqual([]);
    },
  );

  it('says so when the staging folder cannot be removed, naming it', () => {
    const parent = join(root, 'stuck');
    mkdirSync(parent, { recursive: true });
    const dir = join(parent, 'env');
    const { fs } = recording((call) => call.startsWith('writeNew') || call.startsWith('removeTree'));
    expect(() => writeEnvironment(plan(dir, { 'c/a.yaml': 'A' }), dir, fs)).toThrow(/nothing was written for it, but \S+\.agc-tmp\.env\.\d+\.\w+ could not be removed \(the next run removes it\)$/);
    // the name itself never appeared: only the dot-named staging folder is left
    expect(readdirSync(parent).every((n) => n.startsWith('.agc-tmp.env.'))).toBe(true);
  });

  it('a file where the folder would go is an I/O error for that folder only', () => {
    const dir = join(root, 'blocked');
    writeFileSync(dir, 'not a folder');
    expect(() => writeEnvironment(plan(dir, { 'c/a.yaml': 'A' }), dir)).toThrow(expect.objectContaining({ exitCode: 2 }));
    expect(readFileSync(dir, 'utf8')).toBe('not a folder');
    expect(readdirSync(root).filter((n) => n.startsWith('.agc-'))).toEqual([]);
  });
});

// An environment folder of `render --each` appears whole or not at all, and replacing an existing
// one still goes through writeOutputDir.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeEnvironment } from '../../src/output/write-environment.js';
import type { OutputDirPlan } from '../../src/output/write-output-dir.js';

const root = mkdtempSync(join(tmpdir(), 'agc-env-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const plan = (dir: string, files: Record<string, string>): OutputDirPlan => ({
  files: new Map(Object.entries(files).map(([rel, text]) => [`${dir}/${rel}`, text])),
  log: '',
});

describe('writeEnvironment', () => {
  it('writes a new folder in one piece and leaves nothing else next to it', async () => {
    const dir = join(root, 'out', 'prod');
    await writeEnvironment(plan(dir, { 'c/templates/a.yaml': 'A', 'c/templates/b.yaml': 'B' }), dir);
    expect(readdirSync(join(root, 'out'))).toEqual(['prod']);
    expect(readFileSync(join(dir, 'c/templates/a.yaml'), 'utf8')).toBe('A');
    expect(readFileSync(join(dir, 'c/templates/b.yaml'), 'utf8')).toBe('B');
  });

  it('replaces the files of an existing folder', async () => {
    const dir = join(root, 'again');
    mkdirSync(join(dir, 'c', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'c', 'templates', 'a.yaml'), 'old');
    await writeEnvironment(plan(dir, { 'c/templates/a.yaml': 'new' }), dir);
    expect(readFileSync(join(dir, 'c/templates/a.yaml'), 'utf8')).toBe('new');
  });

  it('on failure writes nothing: no folder, no temporary folder', async () => {
    const parent = join(root, 'failing');
    const dir = join(parent, 'env');
    mkdirSync(parent);
    await expect(writeEnvironment(plan(dir, { 'c/a.yaml': 'A', '../escape.yaml': 'X' }), dir)).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/outside/) });
    expect(readdirSync(parent)).toEqual([]);
  });

  it('a file where the folder would go is an I/O error for that folder only', async () => {
    const dir = join(root, 'blocked');
    writeFileSync(dir, 'not a folder');
    await expect(writeEnvironment(plan(dir, { 'c/a.yaml': 'A' }), dir)).rejects.toMatchObject({ exitCode: 2 });
    expect(readFileSync(dir, 'utf8')).toBe('not a folder');
  });
});

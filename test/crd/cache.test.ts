// The CRD cache's folder: entries are filled (every CEL rule parsed) only where they can be kept.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheWritable } from '../../src/crd/cache.js';
import { clearLoadCache, loadCrdText } from '../../src/crd/load.js';
import { testCrdYaml } from './fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'crd-cache-dir-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('cacheWritable', () => {
  it('makes a missing folder and says it can be written', () => {
    const dir = join(tmp, 'new', 'crds');
    expect(cacheWritable(dir)).toBe(true);
    expect(existsSync(dir)).toBe(true);
  });

  it('says no where the folder cannot exist (a file is in the way), and loading still works', () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    const dir = join(file, 'crds');
    expect(cacheWritable(dir)).toBe(false);
    clearLoadCache();
    const defs = loadCrdText({ name: 'test.yaml', text: testCrdYaml({ type: 'object', properties: { size: { type: 'integer' } } }) }, { cacheDir: dir });
    expect(defs.length).toBeGreaterThan(0);
  });

  it('a writable folder gets the entry', () => {
    const dir = join(tmp, 'filled');
    clearLoadCache();
    loadCrdText({ name: 'test.yaml', text: testCrdYaml({ type: 'object', properties: { size: { type: 'integer' } } }) }, { cacheDir: dir });
    expect(readdirSync(dir).some((f) => f.startsWith('crd-'))).toBe(true);
  });
});

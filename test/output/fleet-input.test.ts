// Which files `render --each` treats as environments, and the folder each one is written to.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findEnvironments } from '../../src/output/fleet-input.js';

const root = mkdtempSync(join(tmpdir(), 'agc-each-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(() => {
  for (const f of ['envs/prod.yaml', 'envs/dev.yml', 'envs/.hidden.yaml', 'envs/readme.md', 'envs/eu/prod.yaml', 'envs/eu/staging.yaml', 'envs/us/values.yaml', 'clash/a.yaml', 'clash/a.yml']) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), 'a: 1\n');
  }
  mkdirSync(join(root, 'envs', 'dir.yaml'));
  symlinkSync(join(root, 'nowhere.yaml'), join(root, 'envs', 'dangling.yaml'));
});

const names = (spec: string) => findEnvironments(join(root, spec)).map((e) => [e.name, e.file.slice(root.length + 1)]);

describe('findEnvironments', () => {
  it('a directory: its *.yaml and *.yml files, not hidden ones, not subdirectories, named without the extension', () => {
    expect(names('envs')).toEqual([['dev', 'envs/dev.yml'], ['prod', 'envs/prod.yaml']]);
  });

  it('a glob within one directory', () => {
    expect(names('envs/*.yaml')).toEqual([['prod', 'envs/prod.yaml']]);
    expect(names('envs/[dp]*')).toEqual([['dev', 'envs/dev.yml'], ['prod', 'envs/prod.yaml']]);
  });

  it('a glob over directories names each by its path below the fixed part', () => {
    expect(names('envs/*/*.yaml')).toEqual([['eu/prod', 'envs/eu/prod.yaml'], ['eu/staging', 'envs/eu/staging.yaml'], ['us/values', 'envs/us/values.yaml']]);
    expect(names('envs/**/prod.yaml')).toEqual([['eu/prod', 'envs/eu/prod.yaml'], ['prod', 'envs/prod.yaml']]);
  });

  it('a single file', () => {
    expect(names('envs/eu/staging.yaml')).toEqual([['staging', 'envs/eu/staging.yaml']]);
  });

  it('refuses what would write two environments to one folder', () => {
    expect(() => findEnvironments(join(root, 'clash'))).toThrow(/a\.yaml and .*a\.yml would both be written to the folder a/);
  });

  it('refuses a path that matches nothing, with an I/O exit code', () => {
    expect(() => findEnvironments(join(root, 'missing'))).toThrow(/neither a directory, a values file nor a glob/);
    expect(() => findEnvironments(join(root, 'envs/*.json'))).toThrow(/matches no values files/);
    try {
      findEnvironments(join(root, 'missing'));
    } catch (e) {
      expect((e as { exitCode: number }).exitCode).toBe(2);
    }
  });
});

// --output-dir: all or nothing (a failure at any step leaves the directory as it was: old files,
// no staging folders, no new folders), never a byte outside the directory whatever the values
// say, and symbolic links that lead out are refused before anything is written.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { nodeFs, planOutputDir, writeOutputDir, type OutputFs } from '../../src/output/write-output-dir.js';
import { render } from '../../src/render/render.js';
import { runCli } from '../support/cli.js';
import { CHART_DIR } from '../support/golden-cases.js';
import { runHelm } from '../support/helm.js';
import { trickyString } from '../support/arbitraries.js';
import { STACK } from './support/messages.js';

const root = mkdtempSync(join(tmpdir(), 'agc-outdir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A fresh parent folder; `out` inside it is where the test writes. */
let parent: string;
let out: string;
beforeEach(() => {
  parent = join(root, `case-${n++}`);
  mkdirSync(parent);
  out = join(parent, 'out');
});

/** Every file and link under `dir`, relative, with its content (or link target). */
function tree(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const stat = lstatSync(p);
      if (stat.isSymbolicLink()) result[relative(dir, p)] = `-> link`;
      else if (stat.isDirectory()) walk(p);
      else result[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  if (existsSync(dir)) walk(dir);
  return result;
}

const TEMPLATES = ['clienttrafficpolicy.yaml', 'envoyproxy.yaml', 'gateway.yaml', 'gatewayclass.yaml', 'gatewayconfig.yaml'].map((f) => `ai-gateway-core/templates/${f}`);

describe('what is written', () => {
  it('the files and log of helm template --output-dir', async () => {
    const helmOut = join(parent, 'helm');
    const [ours, helm] = await Promise.all([runCli(['render', '--output-dir', out]), runHelm('v4', ['template', CHART_DIR, '--output-dir', helmOut])]);
    expect(ours.code, ours.stderr).toBe(0);
    expect(helm.code, helm.stderr).toBe(0);
    expect(tree(out)).toEqual(tree(helmOut));
    expect(ours.stdout).toBe(helm.stdout.replaceAll(helmOut, out));
  });

  it('only the five template files, whatever names and text the values hold', () => {
    const hostile = fc.record({ annotation: trickyString, env: trickyString });
    const plans = fc.sample(hostile, { numRuns: 40, seed: 42 }).map(({ annotation, env }) => {
      const result = render({
        set: ['gateway.name=x', 'gatewayClass.name=y'],
        setJson: [
          `gateway.annotations=${JSON.stringify({ 'example.com/path': `../../${annotation}`, 'example.com/abs': `/etc/${annotation}` })}`,
          `gatewayConfig.extProc.kubernetes.env=${JSON.stringify([{ name: 'A', value: `../${env}/..` }])}`,
        ],
      });
      return planOutputDir(out, result.manifests);
    });
    for (const plan of plans) expect([...plan.files.keys()].sort()).toEqual(TEMPLATES.map((t) => join(out, t)).sort());
  });

  it('nothing lands outside the directory, even when values spell paths', async () => {
    const r = await runCli(['render', '--output-dir', out, '--set-json', 'gateway.annotations={"example.com/a":"../../../../etc/passwd","example.com/b":"/tmp/x"}']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(parent)).toEqual(['out']);
    expect(Object.keys(tree(out)).sort()).toEqual(TEMPLATES);
  });
});

describe('symbolic links', () => {
  function outside(): string {
    const dir = join(parent, 'outside');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'keep.txt'), 'untouched');
    return dir;
  }

  it.each([
    ['the chart folder', 'ai-gateway-core'],
    ['the templates folder', 'ai-gateway-core/templates'],
  ])('%s linked to a folder outside: refused, nothing written', async (_name, link) => {
    const target = outside();
    mkdirSync(join(out, link, '..'), { recursive: true });
    symlinkSync(target, join(out, link));
    const r = await runCli(['render', '--output-dir', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).toMatch(new RegExp(`refusing to write --output-dir: \\S+${link.replace('/', '\\/')} is a symbolic link to \\S+outside, outside`));
    expect(tree(target)).toEqual({ 'keep.txt': 'untouched' });
  });

  it('a template file linked to a file outside: refused, the file untouched', async () => {
    const target = outside();
    mkdirSync(join(out, 'ai-gateway-core', 'templates'), { recursive: true });
    symlinkSync(join(target, 'keep.txt'), join(out, 'ai-gateway-core', 'templates', 'gateway.yaml'));
    const r = await runCli(['render', '--output-dir', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/gateway\.yaml is a symbolic link/);
    expect(tree(target)).toEqual({ 'keep.txt': 'untouched' });
    expect(Object.keys(tree(out))).toEqual(['ai-gateway-core/templates/gateway.yaml']); // only the link
  });

  it('links that stay inside the directory are followed', async () => {
    mkdirSync(join(out, 'real'), { recursive: true });
    mkdirSync(join(out, 'ai-gateway-core'));
    symlinkSync(join(out, 'real'), join(out, 'ai-gateway-core', 'templates'));
    const r = await runCli(['render', '--output-dir', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(tree(join(out, 'real'))).sort()).toEqual(TEMPLATES.map((t) => t.replace('ai-gateway-core/templates/', '')));
  });

  it('--output-dir itself may be a link: it is where the user chose to write', async () => {
    const target = outside();
    symlinkSync(target, out);
    const r = await runCli(['render', '--output-dir', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(tree(target)).sort()).toEqual([...TEMPLATES, 'keep.txt'].sort());
  });

  it('a temporary file is created exclusively: a planted link is never written through', () => {
    const target = outside();
    const planted = join(parent, 'planted.tmp');
    symlinkSync(join(target, 'keep.txt'), planted);
    expect(() => nodeFs.writeNew(planted, 'overwritten?')).toThrow(/EEXIST/);
    expect(readFileSync(join(target, 'keep.txt'), 'utf8')).toBe('untouched');
  });
});

describe('all or nothing', () => {
  const OLD = 'old content\n';

  /** A previous render's files, one of them edited by hand, and a foreign file. */
  function previous(): Record<string, string> {
    for (const t of TEMPLATES) {
      mkdirSync(join(out, t, '..'), { recursive: true });
      writeFileSync(join(out, t), OLD);
    }
    writeFileSync(join(out, 'ai-gateway-core', 'templates', 'notes.txt'), 'mine');
    return tree(out);
  }

  /** nodeFs, except that call number `failAt` of `op` throws. */
  function failing(op: keyof OutputFs, failAt: number): OutputFs {
    let calls = 0;
    return {
      ...nodeFs,
      [op]: (...args: unknown[]) => {
        if (++calls === failAt) throw Object.assign(new Error(`ENOSPC: no space left on device, ${op}`), { code: 'ENOSPC' });
        return (nodeFs[op] as (...a: unknown[]) => unknown)(...args);
      },
    };
  }

  const plan = () => planOutputDir(out, render({ set: ['gateway.name=new'] }).manifests);

  it.each([
    ['while writing the staged folder', 'writeNew', 3],
    ['while linking the foreign files into it', 'link', 1],
    ['while moving the old folder aside', 'rename', 1],
    ['while putting the new folder in place', 'rename', 2],
  ] as [string, keyof OutputFs, number][])('a failure %s puts everything back', (_when, op, failAt) => {
    const before = previous();
    expect(() => writeOutputDir(plan(), out, failing(op, failAt))).toThrow(/cannot write to --output-dir .*ENOSPC.*; nothing was changed/);
    expect(tree(out)).toEqual(before);
  });

  it('a failure in a new directory leaves no directory behind', () => {
    expect(() => writeOutputDir(plan(), out, failing('writeNew', 2))).toThrow(/nothing was changed/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('a directory where a file goes: refused before anything is written', async () => {
    const before = previous();
    rmSync(join(out, TEMPLATES[2]!));
    mkdirSync(join(out, TEMPLATES[2]!));
    const withDir = tree(out);
    const r = await runCli(['render', '--output-dir', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/gateway\.yaml is a directory/);
    expect(tree(out)).toEqual(withDir);
    expect(Object.keys(before).length).toBe(6);
  });

  it('invalid values: nothing is created at all', async () => {
    const r = await runCli(['render', '--output-dir', out, '--set', 'gateway.name=Not_A_Name']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('a successful write replaces the old files and leaves foreign ones', () => {
    previous();
    writeOutputDir(plan(), out);
    const after = tree(out);
    expect(after['ai-gateway-core/templates/notes.txt']).toBe('mine');
    expect(after['ai-gateway-core/templates/gateway.yaml']).toContain('name: new');
    expect(Object.keys(after).filter((p) => /\.agc-|\.(tmp|old)$/.test(p))).toEqual([]);
    expect(readdirSync(join(out, 'ai-gateway-core'))).toEqual(['templates']);
  });
});

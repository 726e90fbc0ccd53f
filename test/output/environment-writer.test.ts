// The writers of `render --each`: in this thread or on a second one, every environment's folder
// ends up the same and the outcomes are reported in the order the environments were queued,
// whatever order the disk finishes in.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inThreadWriter, threadWorthIt, threadWriter, type EnvironmentWriter } from '../../src/output/environment-writer.js';
import type { OutputDirPlan } from '../../src/output/write-output-dir.js';

const root = mkdtempSync(join(tmpdir(), 'agc-writer-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const plan = (dir: string, files: Record<string, string>): OutputDirPlan => ({
  files: new Map(Object.entries(files).map(([rel, text]) => [`${dir}/${rel}`, text])),
  log: `wrote ${dir}\n`,
});

/** Queues a mix of environments (new, existing, refused, blocked, a render failure) and returns what was reported, in order. */
async function fleet(writer: EnvironmentWriter, out: string): Promise<string[]> {
  mkdirSync(join(out, 'existing', 'c'), { recursive: true });
  writeFileSync(join(out, 'existing', 'c', 'a.yaml'), 'old');
  writeFileSync(join(out, 'blocked'), 'a file where the folder should go');
  const reported: string[] = [];
  const done = (name: string) => (err: Error | undefined) => reported.push(err ? `${name}: ${err.message.replaceAll(out, 'OUT')}` : `${name}: ok`);
  for (let i = 0; i < 40; i++) {
    const name = `env-${String(i).padStart(2, '0')}`;
    const dir = join(out, name);
    if (i === 5) await writer.write(plan(join(out, 'existing'), { 'c/a.yaml': 'new' }), join(out, 'existing'), done('existing'));
    if (i === 7) await writer.write(plan(dir, { 'c/a.yaml': 'A', '../escape.yaml': 'X' }), dir, done('escape'));
    if (i === 9) await writer.write(plan(join(out, 'blocked'), { 'c/a.yaml': 'A' }), join(out, 'blocked'), done('blocked'));
    if (i === 11) writer.inOrder(() => reported.push('render failure'));
    await writer.write(plan(dir, { 'c/templates/a.yaml': `a ${i}`, 'c/templates/b.yaml': `b ${i}` }), dir, done(name));
  }
  await writer.close();
  return reported;
}

describe('environment writers', () => {
  it('in this thread and on a second one: the same folders, the same outcomes in queue order', async () => {
    const here = await fleet(inThreadWriter(), join(root, 'here'));
    const there = await fleet(threadWriter(), join(root, 'there'));
    expect(there).toEqual(here);
    expect(here.filter((r) => !r.endsWith(': ok'))).toEqual([
      'escape: refusing to write OUT/env-07/../escape.yaml: it is outside OUT/env-07',
      expect.stringMatching(/^blocked: cannot write to --output-dir OUT\/blocked: /),
      'render failure',
    ]);
    expect(here.indexOf('render failure')).toBe(here.indexOf('env-10: ok') + 1);
    for (const out of ['here', 'there']) {
      const dir = join(root, out);
      expect(readdirSync(dir).length).toBe(42); // 40 environments, existing, blocked
      expect(readFileSync(join(dir, 'existing', 'c', 'a.yaml'), 'utf8')).toBe('new');
      expect(readFileSync(join(dir, 'blocked'), 'utf8')).toBe('a file where the folder should go');
      expect(readFileSync(join(dir, 'env-39', 'c', 'templates', 'b.yaml'), 'utf8')).toBe('b 39');
      expect(readdirSync(join(dir, 'env-07'))).toEqual(['c']);
    }
  });

  it('a thread that stops leaves the rest to this thread: every environment is still written, in order', async () => {
    const stops = "require('node:worker_threads').parentPort.on('message', () => process.exit(3));";
    const out = join(root, 'stopped');
    const here = await fleet(inThreadWriter(), join(root, 'stopped-here'));
    expect(await fleet(threadWriter(stops), out)).toEqual(here);
    expect(readFileSync(join(out, 'env-00', 'c', 'templates', 'a.yaml'), 'utf8')).toBe('a 0');
  });
});

describe('threadWorthIt', () => {
  it.each([
    [200, 2, 0.2, true],
    [200, 2, 1.6, false], // both cores busy
    [200, 1, 0, false], // one core
    [15, 8, 0, false], // a thread costs more than it saves for a few environments
  ])('%d environments, %d cores, load %d → %s', (envs, cores, load, expected) => expect(threadWorthIt(envs, cores, load)).toBe(expected));
});

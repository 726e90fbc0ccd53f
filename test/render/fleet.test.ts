// `render --each`: every environment's folder is byte for byte what helm 3 and helm 4 write for it
// with --output-dir, and an environment that fails is reported with its file while the others are
// written exactly as if it were not there.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FleetFailedError, renderFleet } from '../../src/render/fleet.js';
import { runCli } from '../support/cli.js';
import { CHART_DIR, VALUES_DIR } from '../support/golden-cases.js';
import { HELM_MAJORS, runHelm } from '../support/helm.js';

const root = mkdtempSync(join(tmpdir(), 'agc-fleet-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every file under dir, relative path → contents. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

function makeEnvs(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

const golden = (file: string) => readFileSync(join(VALUES_DIR, file), 'utf8');
const SHARED = join(VALUES_DIR, 'overlay-base.yaml');

describe('render --each', () => {
  it('writes, per environment, exactly what helm 3 and helm 4 write with --output-dir', async () => {
    const envs = makeEnvs('same', {
      'prod.yaml': golden('seed-production.yaml'),
      'basic.yaml': golden('seed-basic.yaml'),
      'nulls.yml': golden('nulls.yaml'),
      'notes.txt': 'not a values file',
    });
    const out = join(root, 'same-out');
    const ours = await runCli(['render', 'rel', '-n', 'ns-x', '-f', SHARED, '--each', envs, '--output-dir', out]);
    expect(ours.stderr).toBe('');
    expect(ours.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['basic', 'nulls', 'prod']);
    let helmLog = '';
    for (const env of ['basic', 'nulls', 'prod']) {
      const file = join(envs, env === 'nulls' ? 'nulls.yml' : `${env}.yaml`);
      for (const major of HELM_MAJORS) {
        const helmOut = join(root, `same-${major}`, env);
        const h = await runHelm(major, ['template', 'rel', CHART_DIR, '-n', 'ns-x', '-f', SHARED, '-f', file, '--output-dir', helmOut]);
        expect(h.code, h.stderr).toBe(0);
        expect(tree(join(out, env)), `${env} vs helm ${major}`).toEqual(tree(helmOut));
        if (major === 'v3') helmLog += h.stdout.replaceAll(helmOut, join(out, env));
      }
    }
    expect(ours.stdout).toBe(helmLog);
  });

  it('reports a failing environment with its file and writes the others as if it were not there', async () => {
    const envs = makeEnvs('mixed', {
      'a-good.yaml': golden('seed-production.yaml'),
      'b-schema.yaml': 'gateway:\n  listeners:\n    - name: x\n      port: abc\n      protocol: HTTP\n',
      'c-syntax.yaml': 'gateway: [\n',
      'd-unwritable.yaml': golden('seed-basic.yaml'),
      'e-good.yaml': golden('seed-tracing-auth.yaml'),
    });
    const out = join(root, 'mixed-out');
    mkdirSync(out);
    writeFileSync(join(out, 'd-unwritable'), 'a file where the environment folder should go');
    const r = await runCli(['render', '--each', envs, '--output-dir', out]);
    expect(r.code).toBe(2); // the worst failure: an I/O error
    expect(r.stderr).toContain(`environment b-schema (${join(envs, 'b-schema.yaml')}): values don't meet the chart's schema`);
    expect(r.stderr).toContain(`${join(envs, 'b-schema.yaml')}:4:13`);
    expect(r.stderr).toContain(`environment c-syntax (${join(envs, 'c-syntax.yaml')}): ${join(envs, 'c-syntax.yaml')}:1:11: invalid YAML: the list opened with "[" is not closed`);
    expect(r.stderr).toContain(`environment d-unwritable (${join(envs, 'd-unwritable.yaml')}): refusing to write --output-dir: ${join(out, 'd-unwritable')} is a file where a directory is needed`);
    expect(r.stderr).toMatch(/Error: 3 of 5 environments failed: .*b-schema\.yaml, .*c-syntax\.yaml, .*d-unwritable\.yaml\n$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(out).sort()).toEqual(['a-good', 'd-unwritable', 'e-good']);
    expect(readFileSync(join(out, 'd-unwritable'), 'utf8')).toBe('a file where the environment folder should go');
    for (const [env, values] of [['a-good', 'seed-production.yaml'], ['e-good', 'seed-tracing-auth.yaml']]) {
      const helmOut = join(root, 'mixed-helm', env);
      const h = await runHelm('v4', ['template', CHART_DIR, '-f', join(envs, `${env}.yaml`), '--output-dir', helmOut]);
      expect(h.code, `${values}: ${h.stderr}`).toBe(0);
      expect(tree(join(out, env)), env).toEqual(tree(helmOut));
    }
    expect(r.stdout).toContain(`wrote ${join(out, 'e-good')}/ai-gateway-core/templates/gateway.yaml\n`);
    expect(r.stdout).not.toContain('b-schema');
  });

  it.each([
    [['--each', 'x'], /--each writes one folder per environment: add --output-dir DIR/],
    [['--each', join(VALUES_DIR, 'no-such-*.yaml'), '--output-dir', 'o'], /matches no values files/],
    [['--each', VALUES_DIR, '--output-dir', 'o', '-s', 'templates/gateway.yaml'], /drop --show-only/],
    [['--each', VALUES_DIR, '--output-dir', 'o', '-f', '-'], /standard input/],
    [['BAD_NAME', '--each', VALUES_DIR, '--output-dir', 'o'], /release name "BAD_NAME" is invalid/],
  ])('refuses %j with a usage error and writes nothing', async (args, message) => {
    const r = await runCli(['render', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});

describe('renderFleet', () => {
  it('yields every environment in order; a failure becomes that environment outcome only', () => {
    const envs = [{ name: 'a', file: 'a.yaml' }, { name: 'b', file: 'b.yaml' }, { name: 'c', file: 'c.yaml' }];
    const outcomes = [...renderFleet(envs, { releaseName: 'r' }, (env) => {
      if (env.name === 'b') throw new Error('disk on fire');
      return { name: env.file, text: 'gateway:\n  name: gw-' + env.name + '\n' };
    })];
    expect(outcomes.map((o) => [o.env.name, o.ok])).toEqual([['a', true], ['b', false], ['c', true]]);
    expect(outcomes[1]!.ok === false && (outcomes[1]!.error as Error).message).toBe('disk on fire');
    const c = outcomes[2]!;
    expect(c.ok && c.result.manifests.find((m) => m.kind === 'Gateway')?.content).toContain('name: gw-c');
  });

  it('environments that share a values file share nothing else', () => {
    const shared = { name: 'shared.yaml', text: 'gateway:\n  name: gw-shared\n' };
    const envs = [{ name: 'a', file: 'a.yaml' }, { name: 'b', file: 'b.yaml' }];
    const fleet = renderFleet(envs, { valuesFiles: [shared] }, (env) => ({ name: env.file, text: `gatewayClass:\n  name: class-${env.name}\n` }));
    const a = fleet.next().value!;
    expect(a.ok).toBe(true);
    if (a.ok) (a.result.values['gateway'] as Record<string, unknown>)['name'] = 'changed-by-the-caller';
    const b = fleet.next().value!;
    expect(b.ok && b.result.manifests.find((m) => m.kind === 'Gateway')?.content).toContain('name: gw-shared');
  });

  it('FleetFailedError names the failed files and carries the exit code', () => {
    const e = new FleetFailedError([{ name: 'x', file: 'envs/x.yaml' }], 3, 2);
    expect(e.message).toBe('1 of 3 environments failed: envs/x.yaml');
    expect(e.exitCode).toBe(2);
  });
});

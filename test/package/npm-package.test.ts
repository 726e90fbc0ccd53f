// The npm package as users get it: `npm pack` holds only what runs, its version is the chart's,
// and the tarball works through a global install and through npx on a machine that has nothing
// but Node and the npm cache (installs run --offline, from the cache `npm ci` filled). The README
// recipes run against that installed package.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { ROOT, runHelm } from '../support/helm.js';
import { CHART_DIR, expectedOutput } from '../support/golden-cases.js';
import { runKubectl } from '../support/kubectl.js';
import { recipe } from '../support/readme-recipes.js';
import { runCli } from '../support/cli.js';
import { packProject, installGlobal, npxCacheEntries, run, cleanUp, type PackResult, type RunResult } from '../support/npm-package.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const chart = parse(readFileSync(join(ROOT, 'chart', 'Chart.yaml'), 'utf8'));
const PRODUCTION = join(ROOT, 'examples', 'production.yaml');

describe('package.json', () => {
  it('has the version of chart/Chart.yaml', () => {
    expect(pkg.version).toBe(chart.version);
  });

  it('sets engines.node, and this Node satisfies it', () => {
    expect(pkg.engines.node).toBe('>=20');
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(20);
  });

  it('lists only runtime folders and files in "files"', () => {
    expect([...pkg.files].sort()).toEqual(['LICENSE', 'README.md', 'bin/', 'chart/', 'charts/', 'dist/', 'schema/']);
  });
});

describe('the packed tarball', () => {
  let packed: PackResult;
  let bin: string;
  let npx: Promise<RunResult>;
  const ALLOWED = /^(package\.json|README\.md|LICENSE|bin\/.+|dist\/.+|chart\/.+|charts\/.+|schema\/.+)$/;
  const npxBefore = npxCacheEntries();

  beforeAll(async () => {
    packed = await packProject();
    // npx on a fresh machine installs the tarball into its own cache; it runs beside the global install.
    const cwd = mkdtempSync(join(packed.scratch, 'npx-'));
    npx = run('npx', ['--prefer-offline', '--yes', '--package', packed.tgz, 'ai-gateway-core', 'render', '-s', 'templates/gateway.yaml'], { cwd, env: { npm_config_prefix: join(cwd, 'no-global') } });
    bin = await installGlobal(packed.tgz, join(packed.scratch, 'global'));
    await npx;
  }, 180_000);

  afterAll(() => {
    // npx keeps one folder per tarball path; ours are throwaway.
    cleanUp(packed?.scratch, ...[...npxCacheEntries()].filter((e) => !npxBefore.has(e)));
  });

  /** Runs a shell command as a user whose PATH has the globally installed CLI. */
  const sh = (script: string, cwd: string, env: NodeJS.ProcessEnv = {}, args: string[] = []) =>
    run('sh', ['-c', script, 'sh', ...args], { cwd, env: { PATH: `${bin}:${process.env.PATH}`, ...env } });

  it('contains only what runs: bin, the built code, chart/, charts/models/, schema/, README, LICENSE', () => {
    expect(packed.files.filter((f) => !ALLOWED.test(f))).toEqual([]);
    for (const f of ['LICENSE', 'README.md', 'package.json', 'bin/ai-gateway-core.js', 'chart/Chart.yaml', 'chart/values.yaml', 'chart/values.schema.json', 'chart/README.md', 'schema/values.schema.json', 'charts/models/Chart.yaml', 'charts/models/values.yaml', 'charts/models/values.schema.json', 'charts/models/README.md']) {
      expect(packed.files, f).toContain(f);
    }
    // _helpers.tpl and the eight templates (five core objects; certificate, issuer and httproute for HTTPS)
    expect(packed.files.filter((f) => f.startsWith('chart/templates/')).length).toBe(9);
    // _helpers.tpl and one template per kind of the models chart
    expect(packed.files.filter((f) => f.startsWith('charts/models/templates/')).length).toBe(7);
    expect(packed.files.some((f) => /\.(test|spec)\.|\.map$|\.tsbuildinfo$/.test(f))).toBe(false);
  });

  it('a global install runs from any folder: render, values, schema, completion, --version', async () => {
    const cwd = mkdtempSync(join(packed.scratch, 'user-'));
    const cli = (...args: string[]) => sh('ai-gateway-core "$@"', cwd, {}, args);
    const render = await cli('render');
    expect(render.stderr).toBe('');
    expect(render.stdout).toBe(expectedOutput('defaults'));
    expect((await cli('--version')).stdout.trim()).toBe(chart.version);
    expect((await cli('values')).stdout).toBe(`${readFileSync(join(ROOT, 'chart', 'values.yaml'), 'utf8')}\n`);
    expect((await cli('schema')).stdout).toBe(readFileSync(join(ROOT, 'schema', 'values.schema.json'), 'utf8'));
    expect((await cli('completion', 'bash')).stdout).toContain('complete -F _ai_gateway_core ai-gateway-core');
    writeFileSync(join(cwd, 'bad.yaml'), 'gateway:\n  listeners: []\n');
    const bad = await cli('validate', '-f', 'bad.yaml');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
  });

  it('check runs from the installed package: the example pair passes, a broken one fails (the models chart ships in charts/models/)', async () => {
    expect(packed.files).toContain('charts/models/values.yaml');
    const cwd = mkdtempSync(join(packed.scratch, 'check-'));
    for (const f of ['core.yaml', 'models.yaml']) copyFileSync(join(ROOT, 'examples', 'system', f), join(cwd, f));
    const cli = (...args: string[]) => sh('ai-gateway-core "$@"', cwd, {}, args);
    const good = await cli('check', '--core', 'core.yaml', '--models', 'models.yaml', '-n', 'ai-gateway');
    expect(good).toMatchObject({ code: 0, stdout: 'the core and models releases are valid\n', stderr: '' });
    const bad = await cli('check', '--core', 'core.yaml', '--models', 'models.yaml', '--models-set', 'gateway.name=nope');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('which the core release does not render');
  });

  it('works through npx on a fresh machine (npx installs the tarball itself)', async () => {
    const r = await npx;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe((await runCli(['render', '-s', 'templates/gateway.yaml'])).stdout);
    expect(r.stdout).toContain('kind: Gateway\n');
  });

  describe('README recipes', () => {
    it('Argo CD plugin: the generate command prints what helm template prints for the app', async () => {
      const plugin = parse(recipe('argocd-plugin'));
      const app = parse(recipe('argocd-application'));
      expect(plugin.kind).toBe('ConfigManagementPlugin');
      expect(app.spec.source.plugin.name).toBe(`${plugin.metadata.name}-${plugin.spec.version}`);
      const dir = mkdtempSync(join(packed.scratch, 'argocd-'));
      copyFileSync(PRODUCTION, join(dir, plugin.spec.discover.fileName));
      const [command, ...args] = [...plugin.spec.generate.command, ...plugin.spec.generate.args];
      const generated = await run(command, args, { cwd: dir, env: { PATH: `${bin}:${process.env.PATH}`, ARGOCD_APP_NAME: app.metadata.name, ARGOCD_APP_NAMESPACE: app.spec.destination.namespace } });
      const helm = await runHelm('v4', ['template', app.metadata.name, CHART_DIR, '-n', app.spec.destination.namespace, '-f', PRODUCTION]);
      expect(generated.stderr).toBe('');
      expect(generated.stdout).toBe(helm.stdout);
    });

    it('Flux and Kustomize: kubectl kustomize builds the rendered folder, namespaces intact', async () => {
      const repo = mkdtempSync(join(packed.scratch, 'flux-'));
      const flux = parse(recipe('flux-kustomization'));
      const folder = join(repo, flux.spec.path);
      mkdirSync(folder, { recursive: true });
      copyFileSync(PRODUCTION, join(folder, 'values.yaml'));
      writeFileSync(join(folder, 'kustomization.yaml'), recipe('kustomization'));
      const rendered = await sh(recipe('kustomize-render'), repo);
      expect(rendered.code, rendered.stderr).toBe(0);
      const built = await runKubectl(['kustomize', folder]);
      expect(built.code, built.stderr).toBe(0);
      const objects = parseAllDocuments(built.stdout).map((d) => d.toJS());
      const source = parseAllDocuments(readFileSync(join(folder, 'manifests.yaml'), 'utf8')).map((d) => d.toJS());
      expect(objects).toHaveLength(5);
      for (const o of objects) {
        expect(o.metadata.labels['app.kubernetes.io/part-of']).toBe('platform');
        expect(o.metadata.namespace).toBe(o.kind === 'GatewayClass' ? undefined : 'ai-gateway');
        delete o.metadata.labels['app.kubernetes.io/part-of'];
        expect(source).toContainEqual(o);
      }
    });

    const workflow = () => parse(recipe('github-actions'));
    const runSteps = () => (workflow().jobs.validate.steps as { run?: string }[]).map((s) => s.run).filter((r): r is string => r !== undefined && !r.startsWith('npm install'));

    /** A checkout of a repository with the values the CI recipe reads. */
    function checkout(values: string): string {
      const repo = mkdtempSync(join(packed.scratch, 'ci-'));
      mkdirSync(join(repo, 'deploy', 'ai-gateway-core'), { recursive: true });
      copyFileSync(values, join(repo, 'deploy', 'ai-gateway-core', 'values.yaml'));
      return repo;
    }

    it('CI job: the render step (and the install step is the one the tarball replaced)', async () => {
      expect(workflow().jobs.validate.steps.some((s: { run?: string }) => s.run === `npm install -g ai-gateway-core@${pkg.version}`)).toBe(true);
      const repo = checkout(PRODUCTION);
      const render = runSteps().find((r) => r.includes(' render '))!;
      const r = await sh(render, repo);
      expect(r.code, r.stderr).toBe(0);
      const helm = await runHelm('v4', ['template', 'ai-gateway-core', CHART_DIR, '-n', 'ai-gateway', '-f', PRODUCTION]);
      expect(readFileSync(join(repo, 'manifests.yaml'), 'utf8')).toBe(helm.stdout);
    });

    it('CI job: validate -o sarif writes SARIF for code scanning, and fails on bad values', async () => {
      const step = runSteps().find((r) => r.includes(' validate '))!;
      const good = checkout(PRODUCTION);
      const ok = await sh(step, good);
      expect(ok.code, ok.stderr).toBe(0);
      const sarif = JSON.parse(readFileSync(join(good, 'ai-gateway-core.sarif'), 'utf8'));
      expect(sarif.version).toBe('2.1.0');
      const badValues = join(packed.scratch, 'bad-values.yaml');
      writeFileSync(badValues, 'gateway:\n  name: Bad_Name\n');
      const bad = checkout(badValues);
      const failed = await sh(step, bad);
      expect(failed.code).not.toBe(0);
      const report = JSON.parse(readFileSync(join(bad, 'ai-gateway-core.sarif'), 'utf8'));
      expect(report.runs[0].results.length).toBeGreaterThan(0);
    });

    it('pre-commit hook: validates each matching file and fails on a bad one', async () => {
      const config = parse(recipe('pre-commit'));
      const hook = config.repos[0].hooks[0];
      expect(hook.additional_dependencies).toEqual([`ai-gateway-core@${pkg.version}`]);
      const files = new RegExp(hook.files);
      const staged = ['deploy/ai-gateway-core/values.yaml', 'deploy/ai-gateway-core/prod-values.yml', 'deploy/other/values.yaml', 'deploy/ai-gateway-core/manifests.yaml'];
      expect(staged.filter((f) => files.test(f))).toEqual(['deploy/ai-gateway-core/values.yaml', 'deploy/ai-gateway-core/prod-values.yml']);
      const repo = mkdtempSync(join(packed.scratch, 'pre-commit-'));
      mkdirSync(join(repo, 'deploy', 'ai-gateway-core'), { recursive: true });
      copyFileSync(PRODUCTION, join(repo, 'deploy/ai-gateway-core/values.yaml'));
      writeFileSync(join(repo, 'deploy/ai-gateway-core/prod-values.yml'), 'envoyProxy:\n  provider:\n    kubernetes:\n      envoyDeployment:\n        replicas: 2\n');
      // pre-commit splits `entry` like a shell and appends the file names.
      const entry = (names: string[]) => sh(`${hook.entry} "$@"`, repo, {}, names);
      const ok = await entry(['deploy/ai-gateway-core/values.yaml', 'deploy/ai-gateway-core/prod-values.yml']);
      expect(ok.code, ok.stderr).toBe(0);
      writeFileSync(join(repo, 'deploy/ai-gateway-core/prod-values.yml'), 'envoyProxy:\n  provider:\n    kubernetes:\n      envoyDeployment:\n        replicas: -2\n');
      const bad = await entry(['deploy/ai-gateway-core/values.yaml', 'deploy/ai-gateway-core/prod-values.yml']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('replicas');
    });
  });
});

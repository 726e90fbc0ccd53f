// `ai-gateway-core validate` as a user runs it: what it prints, where, and the exit code; the
// machine formats; colour; --crds on every golden case; --manifests; render --crds; the CRD cache.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { ROOT } from '../../support/helm.js';
import { absoluteArgs, expectedOutput, goldenCases, GOLDEN_DIR } from '../../support/golden-cases.js';
import { useColor } from '../../../src/cli/commands/validate.js';
import { clearLoadCache, loadCrds, readCrdSource } from '../../../src/crd/index.js';
import { cacheEntryName } from '../../../src/crd/cache.js';
import { synthesizeResource } from '../../crd/synth.js';

const CRDS = join(ROOT, '..', 'shared', 'crds');
/** The golden cases render cert-manager objects and an HTTPRoute too: their CRDs, as more --crds. */
const GOLDEN_CRDS = ['--crds', CRDS, '--crds', join(ROOT, '..', 'shared', 'crds-cert-manager'), '--crds', join(ROOT, '..', 'shared', 'crds-models', 'gateway.networking.k8s.io_httproutes.yaml')];
const CASES = join(ROOT, 'test', 'validate', 'cases');
const PRODUCTION = 'test/validate/values/seed-production-original.yaml';
const tmp = mkdtempSync(join(tmpdir(), 'agc-validate-'));
const file = (name: string, text: string): string => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

// Parsed CRDs are cached on disk; tests use their own folder.
let savedCacheDir: string | undefined;
beforeAll(() => {
  savedCacheDir = process.env['AI_GATEWAY_CORE_CACHE_DIR'];
  process.env['AI_GATEWAY_CORE_CACHE_DIR'] = join(tmp, 'cache');
});
afterAll(() => {
  if (savedCacheDir === undefined) delete process.env['AI_GATEWAY_CORE_CACHE_DIR'];
  else process.env['AI_GATEWAY_CORE_CACHE_DIR'] = savedCacheDir;
});

describe('validate: text for people', () => {
  it("the seed's original Production example: exactly its known problems, each with a fix, grouped by file; exit 1", async () => {
    const r = await runCli(['validate', '-f', PRODUCTION]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'Error: values are invalid: 1 error, 1 warning',
        PRODUCTION,
        "  58:25   warning envoyProxy.provider.kubernetes.envoyDeployment.pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchLabels: the anti-affinity selector (app: envoy) matches none of this Gateway's Envoy pods, so it does not spread the replicas",
        "                  expected: labels the Envoy pods carry: Envoy Gateway's (app.kubernetes.io/name: envoy, gateway.envoyproxy.io/owning-gateway-name) or envoyDeployment.pod.labels",
        '                  fix: select the Envoy pods: matchLabels: {app.kubernetes.io/name: envoy, gateway.envoyproxy.io/owning-gateway-name: ai-gateway}, or add app: envoy to envoyProxy.provider.kubernetes.envoyDeployment.pod.labels',
        '  86:7    error   clientTrafficPolicy.timeout.http.requestTimeout: unknown key "requestTimeout": requestTimeout is not a ClientTrafficPolicy field (it is a BackendTrafficPolicy one)',
        '                  expected: one of idleTimeout, requestReceivedTimeout, streamIdleTimeout, requestHeadersReceivedTimeout',
        "                  fix: use clientTrafficPolicy.timeout.http.requestReceivedTimeout, the nearest field: the time allowed to receive the whole request. The deadline for the model's response belongs to the route: set it on the AIGatewayRoute (`timeouts.request`, models chart)",
        '',
      ].join('\n'),
    );
  });

  it('valid values: "values are valid" on stdout, nothing on stderr, exit 0', async () => {
    const r = await runCli(['validate']);
    expect(r).toEqual({ code: 0, stdout: 'values are valid\n', stderr: '' });
  });

  it('warnings alone pass (on stderr) unless --strict', async () => {
    const f = join(CASES, 'semantic-buffer-limit-small.yaml');
    const r = await runCli(['validate', '-f', f]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('values are valid (0 errors, 1 warning)\n');
    expect(r.stderr).toContain(`${f}\n  3:18    warning clientTrafficPolicy.connection.bufferLimit: bufferLimit 64Ki (65536 bytes) is below 1Mi`);
    const strict = await runCli(['validate', '--strict', '-f', f]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toMatch(/^Error: values are invalid: 0 errors, 1 warning \(--strict: warnings fail\)\n/);
  });

  it('groups by file in command-line order, then flags; names the flag that set a value', async () => {
    const a = file('a.yaml', 'gateway:\n  name: AI_Gateway\n');
    const b = file('b.yaml', 'clientTrafficPolicy:\n  tls:\n    minVersion: 1.2\n');
    const r = await runCli(['validate', '-f', a, '-f', b, '--set', 'gateway.listeners[0].port=0', '--set', 'gateway.labels.version=2']);
    expect(r.code).toBe(1);
    const headers = r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith(' '));
    expect(headers).toEqual([
      'Error: values are invalid: 6 errors, 0 warnings',
      a,
      b,
      '--set gateway.listeners[0].port=0',
      '--set gateway.labels.version=2',
    ]);
    expect(r.stderr).toContain('fix: use "ai-gateway"');
    expect(r.stderr).toContain('fix: quote it: minVersion: "1.2" (YAML reads 1.2 as the number 1.2)');
    expect(r.stderr).toContain('fix: use --set-string gateway.labels.version=2: --set reads 2 as a number');
    expect(r.stderr).toContain("fix: --set gateway.listeners[0].port=0 replaces the whole list gateway.listeners with entries that have only the keys it sets (helm's rule)");
  });

  it('colour only on a terminal, never with NO_COLOR', async () => {
    expect(useColor('auto', true, {})).toBe(true);
    expect(useColor('auto', false, {})).toBe(false);
    expect(useColor('auto', undefined, {})).toBe(false);
    expect(useColor('auto', true, { TERM: 'dumb' })).toBe(false);
    expect(useColor('auto', true, { NO_COLOR: '1' })).toBe(false);
    expect(useColor('always', false, { NO_COLOR: '1' })).toBe(false);
    expect(useColor('always', false, { NO_COLOR: '' })).toBe(true);
    // The terminal check is asked only when its answer decides.
    const never = (): boolean => {
      throw new Error('asked whether stderr is a terminal');
    };
    expect(useColor('auto', never, { NO_COLOR: '1' })).toBe(false);
    expect(useColor('never', never, {})).toBe(false);
    expect(useColor('auto', never, { TERM: 'dumb' })).toBe(false);
    expect(useColor('auto', () => true, {})).toBe(true);
    const f = join(CASES, 'pattern-name-upper.yaml');
    expect((await runCli(['validate', '-f', f])).stderr).not.toContain('\u001b[');
    expect((await runCli(['validate', '-f', f, '--color', 'always'])).stderr).toContain('\u001b[31merror\u001b[0m');
    process.env['NO_COLOR'] = '1';
    try {
      expect((await runCli(['validate', '-f', f, '--color', 'always'])).stderr).not.toContain('\u001b[');
    } finally {
      delete process.env['NO_COLOR'];
    }
  });
});

describe('validate: exit codes', () => {
  it.each([
    [['validate', '-f', join(tmp, 'missing.yaml')], 'values file'],
    [['validate', '--crds', join(tmp, 'no-such-dir')], 'CRDs:'],
    [['validate', '--manifests', join(CASES, 'pattern-name-upper.yaml')], '--manifests needs --crds'],
    [['validate', '--crds', CRDS, '--manifests', PRODUCTION, '-f', PRODUCTION], '--manifests checks the given documents'],
    [['validate', '--set', 'gateway.name'], '--set gateway.name: failed parsing --set data: key "gateway.name" has no value'],
    [['validate', '-o', 'xml'], 'xml'],
    [['validate', '-f', '-', '--crds', '-'], 'only one of -f, --crds and --manifests can read standard input'],
  ])('2 for usage and I/O errors: %j', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('2 for a CRD file that is not a CRD set', async () => {
    const bad = file('bad-crd.yaml', 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: x\n');
    const r = await runCli(['validate', '--crds', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Error: CRDs: /);
  });

  it('1 for invalid values, 0 for valid ones', async () => {
    expect((await runCli(['validate', '-f', join(CASES, 'duplicate-nested.yaml')])).code).toBe(1);
    expect((await runCli(['validate', '-f', join(CASES, 'semantic-credentials-secret-ref-ok.yaml')])).code).toBe(0);
  });
});

describe('validate: formats for tools and CI', () => {
  const bad = join(CASES, 'duplicate-nested.yaml');

  it('-o json: every finding with its location, on stdout, also when invalid', async () => {
    const r = await runCli(['validate', '-f', bad, '-o', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error: values are invalid: 1 error, 0 warnings (see the report on stdout)\n');
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ valid: false, errors: 1, warnings: 0, notes: 0 });
    expect(json.findings).toEqual([
      {
        severity: 'error',
        code: 'values/duplicate-key',
        origin: 'duplicate-key',
        path: 'clientTrafficPolicy.connection.bufferLimit',
        message: 'duplicate key: set at line 3 and again at line 4; helm silently keeps only the last one',
        suggestion: 'keep one of them: merge the two into the entry at line 3 and delete the one at line 4',
        location: { kind: 'file', file: bad, line: 4, col: 5 },
        related: [{ location: { kind: 'file', file: bad, line: 3, col: 5 }, message: 'first set here' }],
      },
    ]);
    expect(typeof json.elapsedMs).toBe('number');
  });

  it('-o junit: one suite per file, errors as failures, XML-escaped', async () => {
    const r = await runCli(['validate', '-f', PRODUCTION, '-o', 'junit']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="ai-gateway-core validate" tests="2" failures="1" errors="0" time="[\d.]+">\n/);
    expect(r.stdout).toContain(`<testsuite name="${PRODUCTION}" tests="2" failures="1" errors="0" skipped="0">`);
    expect(r.stdout).toContain('<failure message="unknown key &quot;requestTimeout&quot;: requestTimeout is not a ClientTrafficPolicy field (it is a BackendTrafficPolicy one)" type="error">');
    expect(r.stdout).toContain('<system-out>warning: ');
    expect(r.stdout.match(/<testcase /g)).toHaveLength(2);
    expect(r.stdout.endsWith('</testsuites>\n')).toBe(true);
    const ok = await runCli(['validate', '-o', 'junit']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('<testcase name="values are valid" classname="ai-gateway-core.validate"/>');
  });

  it('-o sarif: SARIF 2.1.0 with one rule per check and locations in the values files', async () => {
    const r = await runCli(['validate', '-f', PRODUCTION, '--set', 'gateway.listeners[0].port=0', '-o', 'sarif']);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('ai-gateway-core');
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(['schema/range', 'schema/unknown-key', 'semantic/anti-affinity-selects-nothing']);
    const unknown = run.results.find((x: { ruleId: string }) => x.ruleId === 'schema/unknown-key');
    expect(unknown.level).toBe('error');
    expect(unknown.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: PRODUCTION }, region: { startLine: 86, startColumn: 7 } });
    expect(unknown.locations[0].logicalLocations).toEqual([{ fullyQualifiedName: 'clientTrafficPolicy.timeout.http.requestTimeout', kind: 'member' }]);
    expect(unknown.message.text).toContain('Fix: use clientTrafficPolicy.timeout.http.requestReceivedTimeout');
    expect(run.results.find((x: { ruleId: string }) => x.ruleId === 'semantic/anti-affinity-selects-nothing').level).toBe('warning');
    const flag = run.results.find((x: { ruleId: string }) => x.ruleId === 'schema/range');
    expect(flag.locations[0].logicalLocations[0]).toEqual({ fullyQualifiedName: '--set gateway.listeners[0].port=0', kind: 'parameter' });
    for (const res of run.results) expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
  });
});

describe('validate --crds', () => {
  it.each(goldenCases.map((c) => [c.name]))('golden %s: its rendered output passes with 0 errors and 0 unevaluated rules', async (name) => {
    const r = await runCli(['validate', ...GOLDEN_CRDS, '--manifests', join(GOLDEN_DIR, 'expected', `${name}.yaml`), '-o', 'json']);
    const json = JSON.parse(r.stdout);
    expect(json.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    expect(json.crds.unevaluable).toBe(0);
    expect(r.code).toBe(0);
  });

  const RENDER_ONLY = new Set(['-s', '--show-only', '--kube-version', '-a', '--api-versions']);
  it.each(goldenCases.map((c) => [c.name, c.args]))('golden %s: validate with its values and --crds renders and accepts every document', async (_name, args) => {
    const valueArgs = absoluteArgs(args).filter((a, i, all) => !RENDER_ONLY.has(a) && !RENDER_ONLY.has(all[i - 1] ?? ''));
    const r = await runCli(['validate', ...valueArgs, ...GOLDEN_CRDS, '-o', 'json']);
    const json = JSON.parse(r.stdout);
    expect(json.findings.filter((f: { origin: string; severity: string }) => f.origin === 'crd' && f.severity === 'error')).toEqual([]);
    expect(json.crds.unevaluable).toBe(0);
    // --show-only only filters what render prints; validate checks every document
    if (!args.some((a) => a === '-s' || a === '--show-only')) {
      expect(json.crds.documents).toBe(YAML.parseAllDocuments(expectedOutput(_name)).filter((d) => d.contents !== null).length);
    }
  });

  it('prints the CEL coverage per CRD; on the maximal documents of the five CRDs it is 100% of the non-transition rules', async () => {
    const crds = loadCrds(readCrdSource(CRDS));
    const docs = crds.crds.flatMap((def) => def.versions.map((v) => synthesizeResource(def.group, v.name, def.kind, v.schema)));
    const manifests = file('maximal.yaml', docs.map((d) => YAML.stringify(d)).join('---\n'));
    const json = JSON.parse((await runCli(['validate', '--crds', CRDS, '--manifests', manifests, '-o', 'json'])).stdout);
    // [kind, evaluated, run on create, non-transition, total]: Gateway's 2 status rules never run on create
    expect(json.crds.coverage.map((c: { kind: string; evaluated: number; onCreate: number; nonTransition: number; total: number }) => [c.kind, c.evaluated, c.onCreate, c.nonTransition, c.total])).toEqual([
      ['GatewayConfig', 6, 6, 6, 6],
      ['ClientTrafficPolicy', 16, 16, 16, 16],
      ['EnvoyProxy', 201, 201, 201, 201],
      ['GatewayClass', 0, 0, 0, 2],
      ['Gateway', 30, 30, 32, 32],
    ]);
    expect(json.crds.unevaluable).toBe(0);
    expect(json.crds.transitionSkipped).toBe(2);
    // with --status (objects read back from a cluster) the status rules run too: 100% of the non-transition rules
    const withStatus = JSON.parse((await runCli(['validate', '--crds', CRDS, '--manifests', manifests, '--status', '-o', 'json'])).stdout);
    for (const c of withStatus.crds.coverage) expect([c.kind, c.evaluated]).toEqual([c.kind, c.nonTransition]);
    expect(withStatus.crds.unevaluable).toBe(0);
    const text = await runCli(['validate', '--crds', CRDS, '--manifests', manifests]);
    const out = text.stdout + text.stderr;
    expect(out).toContain('CEL coverage per CRD');
    expect(out).toMatch(/\n {2}EnvoyProxy +201\/201 +100% +0 +0 +0 +1 +envoyproxies\.gateway\.envoyproxy\.io\n/);
    expect(out).toMatch(/\n {2}GatewayClass +0\/2 +100% +2 +0 +0 +2 +gatewayclasses\.gateway\.networking\.k8s\.io\n/);
    expect(out).toMatch(/\n {2}Gateway +30\/32 +100% +0 +2 +0 +2 +gateways\.gateway\.networking\.k8s\.io\n/);
    expect(out).toContain('2 transition rules skipped on create, 0 could not be evaluated');
  });

  it('traces a rendered field back to the values line that produced it', async () => {
    const values = file('traced.yaml', 'clientTrafficPolicy:\n  headers:\n    preserveXRequestID: true\n    requestID: Generate\n');
    const r = await runCli(['validate', '-f', values, '--crds', CRDS]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${values}\n  3:5     error   clientTrafficPolicy.headers → ClientTrafficPolicy/client-buffer-limit spec.headers: Invalid value: "object": preserveXRequestID and requestID cannot both be set.\n`,
    );
    expect(r.stderr).toContain("rule: !(has(self.preserveXRequestID) && has(self.requestID))");
  });

  it('values the chart cannot render are reported, and the CRD check says it did not run', async () => {
    const r = await runCli(['validate', '-f', PRODUCTION, '--crds', CRDS, '-o', 'json']);
    const json = JSON.parse(r.stdout);
    expect(json.findings.map((f: { code: string }) => f.code)).toEqual(['schema/unknown-key', 'semantic/anti-affinity-selects-nothing', 'crd/not-checked']);
  });

  it('caches parsed CRDs on disk, keyed by the sha256 of their text', async () => {
    const cache = join(tmp, 'cache-test');
    process.env['AI_GATEWAY_CORE_CACHE_DIR'] = cache;
    try {
      clearLoadCache();
      const cold = performance.now();
      expect((await runCli(['validate', '--crds', CRDS])).code).toBe(0);
      const coldMs = performance.now() - cold;
      const expected = readdirSync(CRDS)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => cacheEntryName(createHash('sha256').update(readFileSync(join(CRDS, f), 'utf8')).digest('hex')))
        .sort();
      expect(readdirSync(cache).filter((f) => f.startsWith('crd-')).sort()).toEqual(expected);
      clearLoadCache();
      const warm = performance.now();
      expect((await runCli(['validate', '--crds', CRDS])).code).toBe(0);
      expect(performance.now() - warm).toBeLessThan(coldMs);
      // --no-cache neither reads nor writes it
      clearLoadCache();
      expect((await runCli(['validate', '--crds', CRDS, '--no-cache'])).code).toBe(0);
    } finally {
      process.env['AI_GATEWAY_CORE_CACHE_DIR'] = join(tmp, 'cache');
    }
  });
});

describe('validate --crds --manifests: any documents', () => {
  const manifests = [
    '# hand-written policies and another chart\'s output',
    'apiVersion: gateway.envoyproxy.io/v1alpha1',
    'kind: ClientTrafficPolicy',
    'metadata:',
    '  name: hand-written',
    'spec:',
    '  targetRefs:',
    '    - group: gateway.networking.k8s.io',
    '      kind: Gateway',
    '      name: ai-gateway',
    '  conection:',
    '    bufferLimit: 50Mi',
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: settings',
    'data:',
    '  a: b',
    '---',
    'apiVersion: aigateway.envoyproxy.io/v1alpha1',
    'kind: AIGatewayRoute',
    'metadata:',
    '  name: models',
    'spec: {}',
    '---',
    'apiVersion: gateway.networking.k8s.io/v1',
    'kind: Gateway',
    'metadata:',
    '  name: gw',
    'spec:',
    '  gatewayClassName: ai-gateway',
    '  listeners:',
    '    - name: tcp',
    '      protocol: TCP',
    '      port: 9000',
    '      hostname: example.com',
    '',
  ].join('\n');

  it('reports unknown fields, CEL failures and kinds without a CRD at their lines; built-in kinds are skipped with a note', async () => {
    const f = file('manifests.yaml', manifests);
    const r = await runCli(['validate', '--crds', CRDS, '--manifests', f, '-o', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    const got = json.findings.map((x: { severity: string; code: string; location: { line: number; col: number }; message: string; suggestion?: string }) => [
      x.severity,
      x.code,
      `${x.location.line}:${x.location.col}`,
      x.message,
      x.suggestion,
    ]);
    expect(got).toEqual([
      ['error', 'crd/decode', '11:3', 'unknown field "spec.conection"', 'did you mean "connection"?'],
      ['note', 'crd/builtin-skipped', '14:1', 'skipped: core/v1/ConfigMap is a built-in kind, not validated against CRDs', 'built-in kinds are checked by the API server itself: kubectl apply --dry-run=server'],
      ['error', 'crd/no-crd', '21:1', 'no CRD for group/version/kind aigateway.envoyproxy.io/v1alpha1/AIGatewayRoute', 'pass the CRD of AIGatewayRoute with --crds, e.g. from the cluster: kubectl get crd -o name | grep aigateway.envoyproxy.io'],
      ['error', 'crd/cel', '33:3', `Invalid value: "array": hostname must not be specified for protocols ['TCP', 'UDP']`, `change spec.listeners so that the rule holds: self.all(l, l.protocol in ['TCP', 'UDP']  ? (!has(l.hostname) || l.hostname == '') : true)`],
    ]);
  });

  it('groups the text report by manifests file', async () => {
    const f = file('manifests2.yaml', manifests);
    const r = await runCli(['validate', '--crds', CRDS, '--manifests', f]);
    expect(r.stderr).toContain(`Error: documents are invalid: 3 errors, 0 warnings, 1 note\n${f}\n  11:3    error   ClientTrafficPolicy/hand-written spec.conection: unknown field "spec.conection"\n`);
  });
});

describe('render --crds', () => {
  it('prints the manifests when the CRDs accept them', async () => {
    const r = await runCli(['render', '--crds', CRDS]);
    expect(r).toEqual({ code: 0, stdout: expectedOutput('defaults'), stderr: '' });
  });

  it('refuses to print what the cluster would reject, naming the values line', async () => {
    const values = file('render-bad.yaml', 'clientTrafficPolicy:\n  tls:\n    minVersion: "1.3"\n    ciphers:\n      - ECDHE-RSA-AES128-GCM-SHA256\n');
    const r = await runCli(['render', '-f', values, '--crds', CRDS]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Error: the cluster would reject the rendered documents: 1 error, 0 warnings\n');
    expect(r.stderr).toContain(`${values}\n  3:5     error   clientTrafficPolicy.tls → ClientTrafficPolicy/client-buffer-limit spec.tls: Invalid value: "object": setting ciphers has no effect if the minimum possible TLS version is 1.3`);
  });

  it('prints warnings (a deprecated API version) on stderr and the manifests on stdout', async () => {
    const c = goldenCases.find((g) => g.name === 'gatewayconfig-v1alpha1')!;
    const r = await runCli(['render', ...absoluteArgs(c.args), '--crds', CRDS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(expectedOutput(c.name));
    expect(r.stderr).toMatch(/warning +gatewayConfig\.apiVersion → GatewayConfig\/\S+ apiVersion: aigateway.envoyproxy.io\/v1alpha1 is deprecated; use aigateway.envoyproxy.io\/v1beta1 instead/);
  });
});

describe('validate: the List that kubectl get prints', () => {
  const list = (items: unknown[]) => YAML.stringify({ apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } });

  it('--crds reads the CRDs of `kubectl get crd … -o yaml` (and -o json)', async () => {
    const crds = readdirSync(CRDS)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => YAML.parse(readFileSync(join(CRDS, f), 'utf8')));
    const yaml = file('crds-list.yaml', list(crds));
    const json = file('crds-list.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: crds }));
    for (const f of [yaml, json]) {
      const r = await runCli(['validate', '--crds', f]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('values are valid; 5 documents accepted by the CRDs');
    }
  });

  it('--manifests checks the items of a List, at their lines', async () => {
    const f = file('objects-list.yaml', list([{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'x' }, spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller', colour: 'blue' } }]));
    const r = await runCli(['validate', '--crds', CRDS, '--manifests', f, '-o', 'json']);
    const findings = JSON.parse(r.stdout).findings;
    expect(findings.map((x: { message: string; location: { line: number } }) => [x.message, x.location.line])).toEqual([['unknown field "spec.colour"', 10]]);
  });
});

describe('validate: standard input (the shipped command)', () => {
  const BIN = join(ROOT, 'bin', 'ai-gateway-core.js');
  const runBin = (args: string[], input: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [BIN, ...args], { env: { ...process.env, AI_GATEWAY_CORE_CACHE_DIR: join(tmp, 'cache'), NO_COLOR: '1' } }, (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin?.end(input);
    });

  it('-f - reads the values from stdin and names it <stdin>', async () => {
    const r = await runBin(['validate', '-f', '-'], 'gateway:\n  name: AI_Gateway\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('<stdin>\n  2:9     error   gateway.name: ');
  });

  it('--manifests - reads the documents from stdin', async () => {
    const r = await runBin(['validate', '--crds', CRDS, '--manifests', '-'], expectedOutput('defaults'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^documents are valid; 5 documents accepted by the CRDs\n/);
  });
});

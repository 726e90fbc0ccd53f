// `ai-gateway-core diff` end to end, in-process: output layout, exit codes, live objects as the
// API server returns them, refusals with --crds, redaction, JSON/SARIF, and bad input.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { render } from '../../../src/render/render.js';
import { loadCrds, readCrdSource } from '../../../src/crd/index.js';
import { applyDefaults } from '../../../src/crd/defaults.js';

const dir = mkdtempSync(join(tmpdir(), 'agc-diff-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CRDS = '/work/shared/crds';

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const base = write('base.yaml', 'gateway:\n  listeners:\n    - name: http\n      protocol: HTTP\n      port: 80\n');
const renamed = write('renamed.yaml', 'gateway:\n  name: edge\n');

/** The chart's objects as `kubectl get -o yaml` returns them: server fields, helm's annotations, CRD defaults. */
function liveList(valuesText: string, namespace = 'default'): string {
  const crds = loadCrds(readCrdSource(CRDS));
  const r = render({ valuesFiles: [{ name: 'v.yaml', text: valuesText }], namespace, releaseName: 'prod' });
  const items = r.manifests.map((m, i) => {
    const o = YAML.parse(m.content) as Record<string, any>;
    const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
    const schema = crds.find(group, o.kind)?.versions.find((v) => v.name === version)?.schema;
    const live = (schema ? applyDefaults(o, schema) : o) as Record<string, any>;
    live.metadata = {
      ...live.metadata,
      uid: `0000-${i}`,
      resourceVersion: String(1000 + i),
      generation: 2,
      creationTimestamp: '2026-01-01T00:00:00Z',
      managedFields: [{ manager: 'helm', operation: 'Update' }],
      annotations: { ...(live.metadata.annotations ?? {}), 'meta.helm.sh/release-name': 'prod', 'meta.helm.sh/release-namespace': namespace, 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
    };
    live.status = { conditions: [{ type: 'Accepted', status: 'True' }] };
    return live;
  });
  return YAML.stringify({ apiVersion: 'v1', kind: 'List', items });
}

describe('diff: layout and exit codes', () => {
  it('identical inputs: "No changes.", exit 0, even with --detailed-exitcode', async () => {
    const r = await runCli(['diff', '--from', base, '-f', base, '--detailed-exitcode']);
    expect(r).toEqual({ code: 0, stdout: 'No changes.\n', stderr: '' });
  });
  it('a change: helm-diff headers, unified hunks, a plan; exit 0, or 3 with --detailed-exitcode', async () => {
    const r = await runCli(['diff', '--from', base, '-f', base, '--set', 'clientTrafficPolicy.connection.bufferLimit=64Mi', '--context', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'default, client-buffer-limit, ClientTrafficPolicy (gateway.envoyproxy.io) has changed:',
        '@@ -13,3 +13,3 @@',
        '   connection:',
        '-    bufferLimit: 50Mi',
        '+    bufferLimit: 64Mi',
        '   targetRefs:',
        '',
        'Plan: 0 to add, 1 to change, 0 to destroy.',
        '',
      ].join('\n'),
    );
    const d = await runCli(['diff', '--from', base, '-f', base, '--set', 'clientTrafficPolicy.connection.bufferLimit=64Mi', '--detailed-exitcode']);
    expect(d.code).toBe(3);
  });
  it('a rename: removed and added objects and a warning with the values line on stderr', async () => {
    const r = await runCli(['diff', '--from', base, '-f', base, '-f', renamed]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('default, ai-gateway, Gateway (gateway.networking.k8s.io) has been removed:\n@@ -1,');
    expect(r.stdout).toContain('default, edge, Gateway (gateway.networking.k8s.io) has been added:\n@@ -0,0 +1,');
    expect(r.stderr).toContain(`${renamed}\n  2:9     warning gateway.name → Gateway/edge metadata.name: Gateway default/ai-gateway is renamed to default/edge`);
  });
  it('-o json: objects and findings as data', async () => {
    const r = await runCli(['diff', '--from', base, '-f', base, '-f', renamed, '-o', 'json']);
    const j = JSON.parse(r.stdout);
    expect(j.objects.map((o: any) => `${o.change} ${o.kind}/${o.name}`)).toEqual(['changed ClientTrafficPolicy/client-buffer-limit', 'removed Gateway/ai-gateway', 'added Gateway/edge']);
    expect(Object.keys(j.objects[0]).sort()).toEqual(['change', 'diff', 'group', 'kind', 'name', 'namespace']);
    expect(j.findings[0]).toMatchObject({ severity: 'warning', code: 'upgrade/rename', path: 'gateway.name', location: { kind: 'file', file: renamed, line: 2, col: 9 } });
  });
  it('-o sarif: the findings, located in the values file', async () => {
    const r = await runCli(['diff', '--from', base, '-f', base, '-f', renamed, '-o', 'sarif']);
    const s = JSON.parse(r.stdout);
    expect(s.runs[0].results[0].ruleId).toBe('upgrade/rename');
    expect(s.runs[0].results[0].locations[0].physicalLocation.region).toEqual({ startLine: 2, startColumn: 9 });
  });
});

describe('diff --from-manifests: live objects', () => {
  it('server fields, helm annotations and CRD defaults are not changes', async () => {
    const live = write('live.yaml', liveList('{}\n', 'ai'));
    const r = await runCli(['diff', 'prod', '-n', 'ai', '--from-manifests', live, '--crds', CRDS, '--no-cache']);
    expect(r).toEqual({ code: 0, stdout: 'No changes.\n', stderr: '' });
  });
  it('a real change against live objects', async () => {
    const live = write('live2.yaml', liveList('{}\n', 'ai'));
    const r = await runCli(['diff', 'prod', '-n', 'ai', '--from-manifests', live, '--crds', CRDS, '--no-cache', '--set', 'envoyProxy.provider.kubernetes.envoyService.type=ClusterIP', '--detailed-exitcode']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('ai, ai-gateway, EnvoyProxy (gateway.envoyproxy.io) has changed:');
    expect(r.stdout).toContain('-        type: LoadBalancer\n+        type: ClusterIP');
    expect(r.stderr).toContain('--set envoyProxy.provider.kubernetes.envoyService.type=ClusterIP');
    expect(r.stderr).toContain('the cloud load balancer is released and its external address is lost');
  });
  it('reads a List from stdin-like multi-document streams too', async () => {
    const docs = (YAML.parse(liveList('{}\n')) as { items: unknown[] }).items.map((o) => YAML.stringify(o)).join('---\n');
    const live = write('docs.yaml', docs);
    const r = await runCli(['diff', 'prod', '--from-manifests', live, '--crds', CRDS, '--no-cache']);
    expect(r.stdout).toBe('No changes.\n');
  });
});

describe('diff --from-manifests: objects of other owners', () => {
  it('are context, not removals: a live route is not "destroyed", but is named when its listener goes', async () => {
    const route = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'chat', namespace: 'default' }, spec: { parentRefs: [{ name: 'ai-gateway', sectionName: 'http' }] } };
    const other = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default', annotations: { 'meta.helm.sh/release-name': 'another' } }, data: { a: 'b' } };
    const live = write('routes.yaml', liveList('{}\n').replace('items:\n', `items:\n  - ${JSON.stringify(route)}\n  - ${JSON.stringify(other)}\n`));
    const same = await runCli(['diff', 'prod', '--from-manifests', live, '--crds', CRDS, '--no-cache']);
    expect(same.stdout).toBe('No changes.\n');
    const https = write('https-only.yaml', 'gateway:\n  listeners:\n    - name: https\n      protocol: HTTPS\n      port: 443\n      tls:\n        certificateRefs:\n          - name: tls\n');
    const r = await runCli(['diff', 'prod', '--from-manifests', live, '-f', https, '--crds', CRDS, '--no-cache']);
    expect(r.stderr).toContain('listener http (port 80) of Gateway default/ai-gateway is removed: port 80 stops serving: HTTPRoute/chat detach');
    expect(r.stdout).not.toContain('HTTPRoute');
  });
});

describe('diff --crds: what the API server refuses on UPDATE', () => {
  it('a changed controllerName is refused, naming the object, the field and the rule message (exit 1)', async () => {
    const r = await runCli(['diff', '--from', base, '-f', base, '--set', 'gatewayClass.controllerName=example.com/other', '--crds', CRDS, '--no-cache', '--detailed-exitcode']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ai-gateway, GatewayClass (gateway.networking.k8s.io) has changed:');
    expect(r.stderr).toContain('Error: the API server would refuse this upgrade: 1 error, 0 warnings');
    expect(r.stderr).toContain(
      'error   gatewayClass.controllerName → GatewayClass/ai-gateway spec.controllerName: the API server refuses the update of GatewayClass ai-gateway: spec.controllerName: Invalid value: "string": Value is immutable',
    );
    expect(r.stderr).toContain('--set gatewayClass.controllerName=example.com/other');
  });
  it('against live objects too', async () => {
    const live = write('live3.yaml', liveList('{}\n'));
    const r = await runCli(['diff', 'prod', '--from-manifests', live, '--set', 'gatewayClass.controllerName=example.com/other', '--crds', CRDS, '--no-cache', '-o', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.findings[0]).toMatchObject({ severity: 'error', code: 'crd/update-refused', path: 'gatewayClass.controllerName', rule: 'self == oldSelf' });
  });
  it('an unchanged controllerName passes', async () => {
    const r = await runCli(['diff', '--from', base, '-f', base, '--set', 'gatewayClass.labels.team=a', '--crds', CRDS, '--no-cache']);
    expect(r.code).toBe(0);
  });
});

describe('diff: secrets', () => {
  const withKey = (v: string) => `gatewayConfig:\n  extProc:\n    kubernetes:\n      env:\n        - name: OPENAI_API_KEY\n          value: ${v}\n`;
  it('are redacted unless --show-secrets, and a change still shows', async () => {
    const a = write('s1.yaml', withKey('sk-aaaaaaaaaaaaaaaaaaaaaaaa'));
    const b = write('s2.yaml', withKey('sk-bbbbbbbbbbbbbbbbbbbbbbbbbbbb'));
    const r = await runCli(['diff', '--from', a, '-f', b]);
    expect(r.stdout).not.toMatch(/sk-a|sk-b/);
    expect(r.stdout).toContain('-        value: (redacted, 27 bytes)');
    expect(r.stdout).toContain('+        value: (redacted, 31 bytes, changed)');
    const shown = await runCli(['diff', '--from', a, '-f', b, '--show-secrets']);
    expect(shown.stdout).toContain('+        value: sk-bbbbbbbbbbbbbbbbbbbbbbbbbbbb');
  });
  it('a Secret in live objects shows no data', async () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'k', namespace: 'default', annotations: { 'meta.helm.sh/release-name': 'prod' } }, data: { apiKey: 'c2VjcmV0LXZhbHVl' } };
    const live = write('secret.yaml', liveList('{}\n').replace('items:\n', `items:\n  - ${JSON.stringify(secret)}\n`));
    const r = await runCli(['diff', 'prod', '--from-manifests', live, '--crds', CRDS, '--no-cache']);
    expect(r.stdout).toContain('default, k, Secret has been removed:');
    expect(r.stdout).toContain('-  apiKey: (redacted, 16 bytes)');
    expect(r.stdout).not.toContain('c2VjcmV0');
  });
});

describe('diff: bad input', () => {
  it('needs the old state', async () => {
    const r = await runCli(['diff', '-f', base]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('Error: give the old state: --from OLD_VALUES.yaml (or --from-set …), or --from-manifests LIVE.yaml (kubectl get … -o yaml)\n');
  });
  it('one old state only', async () => {
    const r = await runCli(['diff', '--from', base, '--from-manifests', base]);
    expect(r.code).toBe(2);
  });
  it('a manifests file that is not YAML names the line', async () => {
    const bad = write('bad.yaml', 'apiVersion: v1\nkind: List\nitems: [\n');
    const r = await runCli(['diff', '--from-manifests', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^Error: ${bad.replace(/[.]/g, '\\.')}:\\d+:\\d+: invalid YAML: `));
    expect(r.stdout).toBe('');
  });
  it('an object without a name', async () => {
    const bad = write('noname.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n');
    const r = await runCli(['diff', '--from-manifests', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`Error: ${bad}:1: ConfigMap has no metadata.name\n`);
  });
  it('bad old values say they are the old ones', async () => {
    const bad = write('badvalues.yaml', 'gateway:\n  listeners:\n    - name: http\n      protocol: HTTP\n      port: "80"\n');
    const r = await runCli(['diff', '--from', bad, '-f', base]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: the old values \(--from\): /);
    expect(r.stdout).toBe('');
  });
  it('duplicate keys warn as render warns, naming the old values', async () => {
    const dup = write('dup.yaml', 'gateway:\n  name: a\n  name: b\n');
    const r = await runCli(['diff', '--from', dup, '-f', base]);
    expect(r.stderr).toContain(`warning: the old values (--from): ${dup}:3:3: duplicate key gateway.name (first at line 2); the last one wins, as in helm`);
  });
  it('a bad --context', async () => {
    const r = await runCli(['diff', '--from', base, '--context', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--context "x": expected a number of lines');
  });
});

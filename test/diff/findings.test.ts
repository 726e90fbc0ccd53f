// Every upgrade finding of `diff`, from old/new values pairs (the core chart) and from
// hand-written manifests (the models chart's kinds), each naming the values path and line.
import { describe, expect, it } from 'vitest';
import { diff, type DiffResult } from '../../src/diff/diff.js';
import { describeLocation, type Finding } from '../../src/validate/findings.js';
import YAML from 'yaml';
import { checkModels } from '../../src/diff/checks/models.js';
import { checkRateLimits } from '../../src/diff/checks/rate-limits.js';
import { checkListeners } from '../../src/diff/checks/listeners.js';
import { fromManifestText, indexObjects } from '../../src/diff/objects.js';
import type { CheckContext } from '../../src/diff/checks/context.js';

const file = (name: string, text: string) => ({ name, text });

function valuesDiff(oldText: string, newText: string): DiffResult {
  return diff({ from: { kind: 'values', options: { valuesFiles: [file('old.yaml', oldText)] } }, to: { valuesFiles: [file('new.yaml', newText)] } });
}

function only(result: DiffResult, code: string): Finding[] {
  return result.findings.filter((f) => f.code === code);
}

describe('renames', () => {
  it('a renamed Gateway: new proxies, new Service, a new external address', () => {
    const r = valuesDiff('gateway:\n  name: ai-gateway\n', 'gateway:\n  name: edge\n');
    const [f, ...rest] = only(r, 'upgrade/rename');
    expect(rest).toEqual([]);
    expect(f!.severity).toBe('warning');
    expect(f!.path).toBe('gateway.name');
    expect(describeLocation(f!.location)).toBe('new.yaml:2:9');
    expect(f!.message).toContain('Gateway default/ai-gateway is renamed to default/edge');
    expect(f!.message).toContain('new external address');
    expect(r.objects.map((o) => `${o.kind}/${o.name}:${o.change}`)).toEqual(expect.arrayContaining(['Gateway/ai-gateway:removed', 'Gateway/edge:added', 'ClientTrafficPolicy/client-buffer-limit:changed']));
  });
  it('a renamed GatewayClass names the Gateways of the class', () => {
    const [f] = only(valuesDiff('{}\n', 'gatewayClass:\n  name: eg\n'), 'upgrade/rename');
    expect(f!.path).toBe('gatewayClass.name');
    expect(f!.message).toMatch(/GatewayClass ai-gateway is renamed to eg: the Gateways of the class \(default\/ai-gateway\).*new external address/);
  });
  it('a renamed EnvoyProxy names the Gateways whose proxies restart', () => {
    const [f] = only(valuesDiff('{}\n', 'envoyProxy:\n  name: proxy-config\n'), 'upgrade/rename');
    expect(f!.path).toBe('envoyProxy.name');
    expect(f!.message).toMatch(/EnvoyProxy default\/ai-gateway is renamed to default\/proxy-config: the Envoy proxies of every Gateway that points at it \(default\/ai-gateway\)/);
  });
});

describe('the Envoy Service', () => {
  it('LoadBalancer to ClusterIP: the address is lost', () => {
    const r = valuesDiff('{}\n', 'envoyProxy:\n  provider:\n    kubernetes:\n      envoyService:\n        type: ClusterIP\n');
    const [f] = only(r, 'upgrade/service-type');
    expect(f!.path).toBe('envoyProxy.provider.kubernetes.envoyService.type');
    expect(describeLocation(f!.location)).toBe('new.yaml:5:15');
    expect(f!.message).toContain('changes from LoadBalancer to ClusterIP: the cloud load balancer is released and its external address is lost');
  });
  it('a new load-balancer IP', () => {
    const [f] = only(valuesDiff('{}\n', 'envoyProxy:\n  provider:\n    kubernetes:\n      envoyService:\n        loadBalancerIP: 203.0.113.7\n'), 'upgrade/load-balancer-ip');
    expect(f!.path).toBe('envoyProxy.provider.kubernetes.envoyService.loadBalancerIP');
    expect(f!.message).toContain('asks for load-balancer IP 203.0.113.7');
  });
  it('externalTrafficPolicy Local to Cluster: the client IP is gone', () => {
    const [f] = only(valuesDiff('{}\n', 'envoyProxy:\n  provider:\n    kubernetes:\n      envoyService:\n        externalTrafficPolicy: Cluster\n'), 'upgrade/external-traffic-policy');
    expect(f!.path).toBe('envoyProxy.provider.kubernetes.envoyService.externalTrafficPolicy');
    expect(f!.message).toContain("no longer sees the client's IP");
  });
});

describe('listeners', () => {
  const two = 'gateway:\n  listeners:\n    - name: http\n      protocol: HTTP\n      port: 80\n    - name: admin\n      protocol: HTTP\n      port: 8080\n';
  it('a listener removed: its port stops serving', () => {
    const [f] = only(valuesDiff(two, '{}\n'), 'upgrade/listener-removed');
    expect(f!.path).toBe('gateway.listeners');
    expect(f!.message).toBe('listener admin (port 8080) of Gateway default/ai-gateway is removed: port 8080 stops serving: routes attached to it detach');
  });
  it('a listener moved to another port', () => {
    const [f] = only(valuesDiff('{}\n', 'gateway:\n  listeners:\n    - name: http\n      protocol: HTTP\n      port: 8080\n'), 'upgrade/listener-port');
    expect(f!.path).toBe('gateway.listeners[0].port');
    expect(describeLocation(f!.location)).toBe('new.yaml:5:13');
    expect(f!.message).toContain('moves from port 80 to 8080: clients of port 80 break');
  });
});

describe('the GatewayConfig', () => {
  it('a renamed GatewayConfig: restart, and defaults until it exists', () => {
    const r = valuesDiff('{}\n', 'gatewayConfig:\n  name: tracing-v2\n');
    const [f] = only(r, 'upgrade/gateway-config');
    expect(f!.path).toBe('gatewayConfig.name');
    expect(describeLocation(f!.location)).toBe('new.yaml:2:9');
    expect(f!.message).toContain('now names GatewayConfig tracing-v2 instead of ai-gateway-tracing: AI Gateway restarts its Envoy pods');
    expect(f!.message).toContain('does not exist yet when helm writes the Gateway, so it runs on defaults (tracing and external-processor settings gone)');
    expect(only(r, 'upgrade/rename')[0]!.message).toContain('GatewayConfig default/ai-gateway-tracing is renamed');
  });
  it('a GatewayConfig whose content changes rolls the Envoy pods', () => {
    const [f] = only(valuesDiff('{}\n', 'gatewayConfig:\n  extProc:\n    kubernetes:\n      env:\n        - name: OTEL_SERVICE_NAME\n          value: gw\n'), 'upgrade/gateway-config');
    expect(f!.message).toContain('GatewayConfig default/ai-gateway-tracing changes: AI Gateway restarts the Envoy pods');
  });
});

describe('resource policy', () => {
  it('an object helm keeps (helm.sh/resource-policy: keep) is never shown as removed', () => {
    const r = valuesDiff('gatewayConfig:\n  annotations:\n    helm.sh/resource-policy: keep\n', 'gatewayConfig:\n  enabled: false\n');
    expect(r.objects.filter((o) => o.change === 'removed')).toEqual([]);
  });
});

describe('identical inputs', () => {
  it('no objects, no findings', () => {
    const r = valuesDiff('gateway:\n  name: a\n', 'gateway:\n  name: a\n');
    expect(r.objects).toEqual([]);
    expect(r.findings).toEqual([]);
  });
});

// The models chart's kinds, as live objects: the checks work by kind.
const btp = (rules: unknown[]) => ({
  apiVersion: 'gateway.envoyproxy.io/v1alpha1',
  kind: 'BackendTrafficPolicy',
  metadata: { name: 'backend-retry-policy', namespace: 'default' },
  spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'ai-gateway' }], rateLimit: { global: { rules } } },
});
const rule = (plan: string, requests: number) => ({ clientSelectors: [{ headers: [{ name: 'x-plan', value: plan }] }], limit: { requests, unit: 'Hour' } });


function toYaml(objects: unknown[]): string {
  return objects.map((o) => YAML.stringify(o)).join('---\n');
}

function context(oldObjects: unknown[], newObjects: unknown[]): CheckContext {
  const old = indexObjects(fromManifestText('live.yaml', toYaml(oldObjects)), 'old');
  const now = indexObjects(fromManifestText('new.yaml', toYaml(newObjects)), 'new');
  const ctx: CheckContext = { old: { objects: old }, new: { objects: now }, pairs: [], added: [], removed: [] };
  for (const [k, o] of old) (now.has(k) ? ctx.pairs.push([o, now.get(k)!]) : ctx.removed.push(o));
  for (const [k, o] of now) if (!old.has(k)) ctx.added.push(o);
  return ctx;
}

/** The checks on two sets of hand-written objects (the models chart is not in the pipeline yet). */
function manifestsDiff(oldObjects: unknown[], newObjects: unknown[]): DiffResult {
  const ctx = context(oldObjects, newObjects);
  return { objects: [], inputs: [], warnings: [], findings: [...checkRateLimits(ctx), ...checkModels(ctx), ...checkListeners(ctx)] };
}

describe('rate-limit rules (BackendTrafficPolicy)', () => {
  const a = rule('free', 10);
  const b = rule('pro', 100);
  const c = rule('enterprise', 1000);
  it('appending a rule keeps every counter', () => {
    expect(manifestsDiff([btp([a, b])], [btp([a, b, c])]).findings).toEqual([]);
  });
  it('changing a limit in place keeps the positions', () => {
    expect(manifestsDiff([btp([a, b])], [btp([a, rule('pro', 200)])]).findings).toEqual([]);
  });
  it('inserting before others resets the counters that move', () => {
    const [f] = manifestsDiff([btp([a, b])], [btp([c, a, b])]).findings;
    expect(f!.code).toBe('upgrade/rate-limit-order');
    expect(f!.message).toBe(
      'BackendTrafficPolicy default/backend-retry-policy: rule inserted at 0; the rule\'s position is part of its counter key, so the counters of the rules that move (0→1, 1→2) start again at zero',
    );
    expect(describeLocation(f!.location)).toBe('new.yaml:13:7');
  });
  it('removing a rule before others', () => {
    const [f] = manifestsDiff([btp([a, b, c])], [btp([a, c])]).findings;
    expect(f!.message).toContain('rule 1 removed');
    expect(f!.message).toContain('(2→1)');
  });
  it('reordering', () => {
    const [f] = manifestsDiff([btp([a, b])], [btp([b, a])]).findings;
    expect(f!.message).toContain('rules reordered');
    expect(f!.message).toContain('(1→0, 0→1)');
  });
});

const route = (name: string, model: string, backend: string) => ({
  apiVersion: 'aigateway.envoyproxy.io/v1beta1',
  kind: 'AIGatewayRoute',
  metadata: { name, namespace: 'default' },
  spec: {
    parentRefs: [{ name: 'ai-gateway', sectionName: 'http' }],
    rules: [{ matches: [{ headers: [{ type: 'Exact', name: 'x-ai-eg-model', value: model }] }], backendRefs: [{ name: backend }] }],
  },
});
const aisb = (name: string) => ({ apiVersion: 'aigateway.envoyproxy.io/v1beta1', kind: 'AIServiceBackend', metadata: { name, namespace: 'default' }, spec: { schema: { name: 'OpenAI' }, backendRef: { name, kind: 'Backend', group: 'gateway.envoyproxy.io' } } });
const backend = (name: string) => ({ apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'Backend', metadata: { name, namespace: 'default' }, spec: { endpoints: [{ fqdn: { hostname: `${name}.example.com`, port: 443 } }] } });
const bsp = (name: string, target: string) => ({
  apiVersion: 'aigateway.envoyproxy.io/v1beta1',
  kind: 'BackendSecurityPolicy',
  metadata: { name, namespace: 'default' },
  spec: { type: 'APIKey', targetRefs: [{ group: 'aigateway.envoyproxy.io', kind: 'AIServiceBackend', name: target }], apiKey: { secretRef: { name: `${target}-key` } } },
});

describe('models (AIGatewayRoute)', () => {
  const shared = [aisb('openai'), backend('openai'), bsp('openai-security', 'openai')];
  it('a removed model names its route, its policy and the backends only it used', () => {
    const before = [route('gpt-4o', 'gpt-4o', 'openai'), route('llama', 'llama-3', 'vllm'), ...shared, aisb('vllm'), backend('vllm'), bsp('vllm-security', 'vllm')];
    const after = [route('gpt-4o', 'gpt-4o', 'openai'), ...shared];
    const f = manifestsDiff(before, after).findings.filter((x) => x.code === 'upgrade/model-removed');
    expect(f.map((x) => x.message)).toEqual([
      'model llama-3 is removed: AIGatewayRoute/llama, AIServiceBackend/vllm, Backend/vllm and BackendSecurityPolicy/vllm-security go away; clients asking for it get 404',
    ]);
    expect(describeLocation(f[0]!.location)).toBe('live.yaml:29:7');
  });
  it('a backend another model still uses stays', () => {
    const before = [route('gpt-4o', 'gpt-4o', 'openai'), route('gpt-4o-mini', 'gpt-4o-mini', 'openai'), ...shared];
    const after = [route('gpt-4o', 'gpt-4o', 'openai'), ...shared];
    const [f] = manifestsDiff(before, after).findings;
    expect(f!.message).toBe('model gpt-4o-mini is removed: AIGatewayRoute/gpt-4o-mini goes away; clients asking for it get 404');
  });
});

describe('listeners with routes from the cluster', () => {
  const gw = (listeners: unknown[]) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'ai-gateway', namespace: 'default' }, spec: { gatewayClassName: 'ai-gateway', listeners } });
  const http = { name: 'http', port: 80, protocol: 'HTTP' };
  const https = { name: 'https', port: 443, protocol: 'HTTPS' };
  it('names the routes that detach', () => {
    const [f] = manifestsDiff([gw([http, https]), route('gpt-4o', 'gpt-4o', 'openai')], [gw([https])]).findings.filter((x) => x.code === 'upgrade/listener-removed');
    expect(f!.message).toBe('listener http (port 80) of Gateway default/ai-gateway is removed: port 80 stops serving: AIGatewayRoute/gpt-4o detach');
  });
});

describe('the models chart: values pairs', () => {
  const base = 'backends:\n  up: {schema: OpenAI, hostname: api.openai.com, auth: {type: APIKey, secretName: k}}\ndefaults:\n  rateLimit:\n    enabled: true\n    clientHeader: x-user-id\n    requests: {limit: 600, unit: Minute}\n    tokens:\n      - {limit: 1000000, unit: Day}\nmodels:\n  gpt-4o:\n    backends: {up: {}}\n';
  const models = (oldText: string, newText: string) =>
    diff({ from: { kind: 'values', options: { chart: 'models', valuesFiles: [file('old.yaml', oldText)] } }, to: { chart: 'models', valuesFiles: [file('new.yaml', newText)] } });

  it('a model removed: one line naming what goes, at the model in the old values', () => {
    const r = models(`${base}  llama:\n    backends: {up: {}}\n`, base);
    const [f, ...rest] = only(r, 'upgrade/model-removed');
    expect(rest).toEqual([]);
    expect(f!.path).toBe('models.llama');
    expect(describeLocation(f!.location)).toBe('old.yaml:13:3');
    expect(f!.message).toMatch(/^model llama is removed: AIGatewayRoute\/llama.* go away; clients asking for it get 404$/);
  });
  it('a token rule inserted before another resets the counters that move, at the model in the new values', () => {
    const r = models(base, base.replace('    tokens:\n      - {limit: 1000000, unit: Day}\n', '    tokens:\n      - {limit: 5, unit: Second}\n      - {limit: 1000000, unit: Day}\n'));
    const [f] = only(r, 'upgrade/rate-limit-order');
    expect(f!.path).toBe('defaults.rateLimit'); // the model has no rateLimit of its own: the defaults' changed
    expect(f!.message).toContain('BackendTrafficPolicy default/gpt-4o: rule inserted at 1');
    expect(f!.message).toContain('start again at zero');
  });
});

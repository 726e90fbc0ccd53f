// Test fixtures for the rules of src/check: the core side rendered for real from a values file, the
// models side from hand-written objects shaped as ../shared/spec/models-chart.md says the models
// chart renders them (until its twins land, and for shapes the chart cannot produce).
import YAML from 'yaml';
import { checkSide } from '../../src/check/check.js';
import type { RenderedObject, System, SystemSide } from '../../src/check/system.js';
import { Locator } from '../../src/validate/locator.js';
import { readValuesYaml } from '../../src/values/fast-values-yaml.js';
import type { ValueMap } from '../../src/values/types.js';

export function coreSide(text = '', namespace = 'ai-gateway'): SystemSide {
  const r = checkSide('core', { valuesFiles: [{ name: 'core.yaml', text }], namespace });
  if (!r.side) throw new Error(`core values do not render: ${JSON.stringify(r.findings)}`);
  return r.side;
}

export interface ModelSpec {
  name: string;
  gateway?: { name?: string; namespace?: string; sectionName?: string };
  timeout?: string;
  costs?: { metadataKey: string; type: string }[];
  retry?: ValueMap | null;
  rateLimit?: { clientHeader?: string; tokens?: number; costKey?: string; costNamespace?: string };
}

const DEFAULT_COSTS = [
  { metadataKey: 'llm_input_token', type: 'InputToken' },
  { metadataKey: 'llm_output_token', type: 'OutputToken' },
  { metadataKey: 'llm_total_token', type: 'TotalToken' },
];
const DEFAULT_RETRY = {
  numRetries: 3,
  numAttemptsPerPriority: 1,
  perRetry: { timeout: '30s', backOff: { baseInterval: '100ms', maxInterval: '10s' } },
  retryOn: { httpStatusCodes: [500, 502, 503, 504], triggers: ['connect-failure', 'retriable-status-codes'] },
};

/** The AIGatewayRoute and BackendTrafficPolicy the models chart renders for one model. */
export function modelObjects(m: ModelSpec, namespace = 'ai-gateway'): ValueMap[] {
  const meta = { name: m.name, namespace };
  const parentRef: ValueMap = { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: m.gateway?.name ?? 'ai-gateway' };
  if (m.gateway?.namespace) parentRef['namespace'] = m.gateway.namespace;
  if (m.gateway?.sectionName) parentRef['sectionName'] = m.gateway.sectionName;
  const route: ValueMap = {
    apiVersion: 'aigateway.envoyproxy.io/v1beta1',
    kind: 'AIGatewayRoute',
    metadata: meta,
    spec: {
      parentRefs: [parentRef],
      rules: [
        {
          matches: [{ headers: [{ type: 'Exact', name: 'x-ai-eg-model', value: m.name }] }],
          backendRefs: [{ name: 'openai-01', priority: 0 }],
          timeouts: { request: m.timeout ?? '600s' },
        },
      ],
      llmRequestCosts: m.costs ?? DEFAULT_COSTS,
    },
  };
  const spec: ValueMap = { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: m.name }] };
  if (m.retry !== null) spec['retry'] = m.retry ?? DEFAULT_RETRY;
  if (m.rateLimit) {
    const selectors = m.rateLimit.clientHeader ? { clientSelectors: [{ headers: [{ name: m.rateLimit.clientHeader, type: 'Distinct' }] }] } : {};
    spec['rateLimit'] = {
      global: {
        rules: [
          {
            limit: { requests: m.rateLimit.tokens ?? 1000000, unit: 'Day' },
            cost: {
              request: { from: 'Number', number: 0 },
              response: { from: 'Metadata', metadata: { namespace: m.rateLimit.costNamespace ?? 'io.envoy.ai_gateway', key: m.rateLimit.costKey ?? 'llm_total_token' } },
            },
            ...selectors,
          },
        ],
      },
    };
  }
  const objects = [route];
  if (spec['retry'] !== undefined || spec['rateLimit'] !== undefined) {
    objects.push({ apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'BackendTrafficPolicy', metadata: meta, spec });
  }
  return objects;
}

/** A models side: its values file (for locations and `modality`) and the objects it renders. */
export function modelsSide(valuesText: string, objects: ValueMap[], namespace = 'ai-gateway'): SystemSide {
  const parsed = readValuesYaml(valuesText, 'models.yaml');
  const rendered: RenderedObject[] = objects.map((object) => ({ object: JSON.parse(JSON.stringify(object)) as ValueMap, template: `ai-gateway-models/templates/${String(object['kind']).toLowerCase()}.yaml` }));
  return { id: 'models', release: 'models', namespace, values: parsed.values, locator: new Locator(parsed.sources, [{ name: 'models.yaml', text: valuesText }], parsed.values), objects: rendered };
}

export function system(core: SystemSide, models: SystemSide): System {
  return { core, models };
}

/** Objects added by hand to a side (an HTTPS redirect of a given shape, an object another release could render). */
export function withObjects(side: SystemSide, yaml: string): SystemSide {
  const extra = YAML.parseAllDocuments(yaml).map((d) => ({ object: d.toJS() as ValueMap, template: 'ai-gateway-core/templates/extra.yaml' }));
  return { ...side, objects: [...side.objects, ...extra] };
}

/**
 * The TypeScript twins of the logic that chart/templates/*.yaml compute with sprig before they
 * print anything. Each function names the template it mirrors; keep the two in step. Registered
 * as the chart's own helpers (chart.json `helpers`).
 */
import { TemplateFailError } from '../../errors.js';
import { goTruthy } from '../../render/go-truth.js';
import { asMap, deepCopy } from '../../render/chart-helpers.js';
import { newMap, type Value, type ValueMap } from '../../values/types.js';
import { certificates, acmeSolver, httpsRedirect } from './https.js';

/** gateway.yaml: the user's annotations plus the GatewayConfig reference when it is enabled. */
export function gatewayAnnotations(annotations: unknown, gatewayConfig: unknown): ValueMap {
  const out = newMap();
  const own = asMap(annotations);
  for (const key of Object.keys(own)) out[key] = own[key];
  const config = asMap(gatewayConfig);
  if (goTruthy(config.enabled)) out['aigateway.envoyproxy.io/gateway-config'] = config.name ?? null;
  return out;
}

/** gatewayconfig.yaml: `spec`, with gatewayConfig.extProc.kubernetes.env appended to its env. */
export function gatewayConfigSpec(config: unknown): ValueMap {
  const cfg = asMap(config);
  const spec = asMap(goTruthy(cfg.spec) ? deepCopy(cfg.spec as Value) : newMap());
  const extra = asMap(asMap(cfg.extProc).kubernetes).env;
  if (goTruthy(extra)) {
    const extProc = goTruthy(spec.extProc) ? asMap(spec.extProc) : newMap();
    const kubernetes = goTruthy(extProc.kubernetes) ? asMap(extProc.kubernetes) : newMap();
    const current = goTruthy(kubernetes.env) ? (kubernetes.env as Value[]) : [];
    kubernetes.env = [...current, ...(extra as Value[])];
    extProc.kubernetes = kubernetes;
    spec.extProc = extProc;
  }
  return spec;
}

/** clienttrafficpolicy.yaml: `connection` without the chart-only connectionTimeout, and without an empty bufferLimit. */
export function policyConnection(policy: unknown): ValueMap {
  const connection = asMap(asMap(policy).connection);
  const out = newMap();
  for (const key of Object.keys(connection)) {
    if (key === 'connectionTimeout') continue;
    if (key === 'bufferLimit' && !goTruthy(connection[key])) continue;
    out[key] = connection[key];
  }
  return out;
}

const TEMPLATE = 'ai-gateway-core/templates/clienttrafficpolicy.yaml';

/** clienttrafficpolicy.yaml: `timeout`, with connection.connectionTimeout as timeout.http.idleTimeout. */
export function policyTimeout(policy: unknown): ValueMap {
  const p = asMap(policy);
  const timeout = asMap(goTruthy(p.timeout) ? deepCopy(p.timeout as Value) : newMap());
  const connectionTimeout = asMap(p.connection).connectionTimeout;
  if (goTruthy(connectionTimeout)) {
    if (goTruthy(asMap(timeout.http).idleTimeout)) {
      throw new TemplateFailError(
        TEMPLATE,
        'clientTrafficPolicy.connection.connectionTimeout and clientTrafficPolicy.timeout.http.idleTimeout set the same field (spec.timeout.http.idleTimeout): keep only one',
      );
    }
    const http = goTruthy(timeout.http) ? asMap(timeout.http) : newMap();
    http.idleTimeout = connectionTimeout as Value;
    timeout.http = http;
  }
  return timeout;
}

export const helpers = {
  gatewayAnnotations: (annotations: unknown, config: unknown) => gatewayAnnotations(annotations, config),
  gatewayConfigSpec: (config: unknown) => gatewayConfigSpec(config),
  policyConnection: (policy: unknown) => policyConnection(policy),
  policyTimeout: (policy: unknown) => policyTimeout(policy),
  certificates: (root: unknown) => certificates(root as never),
  acmeSolver: (root: unknown) => acmeSolver(root as never),
  httpsRedirect: (root: unknown) => httpsRedirect(root as never),
};

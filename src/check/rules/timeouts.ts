/**
 * Finding 3: timeouts agree end to end.
 *
 * - A model's route timeout (AIGatewayRoute `timeouts.request`) longer than the time the Gateway's
 *   client side lets a response stay silent (ClientTrafficPolicy `timeout.http.streamIdleTimeout`,
 *   Envoy Gateway's default 5 minutes): a non-streaming generation sends nothing until it is done,
 *   so Envoy cuts it at the idle timeout whatever the route allows.
 * - A route timeout longer than the ClientTrafficPolicy's `connection.connectionLimit.maxStreamDuration`:
 *   Envoy resets every stream at that age, whatever other timeouts say.
 * - A retry budget, (1 + numRetries) × perRetry.timeout, longer than the route timeout: the route
 *   timeout ends the request first, so the later attempts (and the fallbacks they would reach) can
 *   never run.
 *
 * The connection idle timeout (`timeout.http.idleTimeout`) is not compared: Envoy counts it only
 * while a connection has no request in flight, so it never cuts a response.
 */
import type { Finding } from '../../validate/findings.js';
import type { ValueMap } from '../../values/types.js';
import { parentRefs, policiesFor } from '../attachment.js';
import { describeObject, durationMs, formatDuration, get, list, modelSetting, nameList, nameOf, num, objectsOf, str, systemFinding, type System } from '../system.js';

/** Envoy Gateway's listener stream idle timeout when no ClientTrafficPolicy sets one. */
export const DEFAULT_STREAM_IDLE_MS = 5 * 60_000;
/** AI Gateway writes this into the generated HTTPRoute when the AIGatewayRoute sets none. */
export const AI_GATEWAY_DEFAULT_REQUEST_MS = 60_000;
/** BackendTrafficPolicy `retry.numRetries` default (CRD). */
const DEFAULT_NUM_RETRIES = 2;

/** The route's request timeout in ms; Infinity for `0s` (no timeout). */
function routeTimeoutMs(route: ValueMap): number {
  const raw = get(route, 'spec', 'rules', 0, 'timeouts', 'request');
  const ms = durationMs(raw);
  if (ms === undefined) return AI_GATEWAY_DEFAULT_REQUEST_MS;
  return ms === 0 ? Infinity : ms;
}

const show = (ms: number): string => (ms === Infinity ? 'no timeout (0s)' : formatDuration(ms));

export function timeouts(system: System): Finding[] {
  return [...streamIdle(system), ...maxStreamDuration(system), ...retryBudget(system)];
}

function maxStreamDuration(system: System): Finding[] {
  const { core, models } = system;
  const groups = new Map<string, { routes: Set<ValueMap>; timeoutPath: string; ms: number; capMs: number; policy: ValueMap }>();
  for (const ref of parentRefs(system)) {
    if (!ref.gateway) continue;
    const policy = policiesFor(core, 'ClientTrafficPolicy', ref.gateway, core)[0];
    const cap = durationMs(get(policy, 'spec', 'connection', 'connectionLimit', 'maxStreamDuration'));
    const ms = routeTimeoutMs(ref.route);
    if (!policy || cap === undefined || cap === 0 || ms <= cap) continue;
    const timeoutPath = modelSetting(models, nameOf(ref.route), 'timeout');
    const key = JSON.stringify([timeoutPath, nameOf(policy)]);
    const g = groups.get(key) ?? { routes: new Set<ValueMap>(), timeoutPath, ms, capMs: cap, policy };
    g.routes.add(ref.route);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const routes = [...g.routes];
    return systemFinding({
      severity: 'warning',
      code: 'check/timeout-max-stream-duration',
      at: { side: core, path: 'clientTrafficPolicy.connection.connectionLimit.maxStreamDuration' },
      object: { o: g.policy, field: 'spec.connection.connectionLimit.maxStreamDuration' },
      message: `ClientTrafficPolicy ${nameOf(g.policy)} resets every stream after ${formatDuration(g.capMs)}, but ${routes.length === 1 ? 'model' : 'models'} ${nameList(routes.map(nameOf))} may take ${show(g.ms)} to answer: longer generations are cut mid-response, streamed or not`,
      expected: `a maxStreamDuration at least as long as the route timeout (${show(g.ms)}), or none`,
      suggestion: `raise clientTrafficPolicy.connection.connectionLimit.maxStreamDuration to ${g.ms === Infinity ? 'the longest generation you expect' : formatDuration(g.ms)} (or remove it) in the core values, or lower ${g.timeoutPath} to ${formatDuration(g.capMs)} in the models values`,
      related: [{ side: models, path: g.timeoutPath, message: `the route timeout: ${show(g.ms)}` }],
    });
  });
}

function streamIdle(system: System): Finding[] {
  const { core, models } = system;
  // One finding per (timeout setting, policy): every model on `defaults.timeout` shares it.
  const groups = new Map<string, { routes: Set<ValueMap>; timeoutPath: string; ms: number; idleMs: number; policy?: ValueMap; gateway: ValueMap }>();
  for (const ref of parentRefs(system)) {
    if (!ref.gateway) continue;
    const ms = routeTimeoutMs(ref.route);
    const policy = policiesFor(core, 'ClientTrafficPolicy', ref.gateway, core)[0];
    const idle = durationMs(get(policy, 'spec', 'timeout', 'http', 'streamIdleTimeout'));
    const idleMs = idle === undefined ? DEFAULT_STREAM_IDLE_MS : idle === 0 ? Infinity : idle;
    if (ms <= idleMs) continue;
    const timeoutPath = modelSetting(models, nameOf(ref.route), 'timeout');
    const key = JSON.stringify([timeoutPath, policy ? nameOf(policy) : '', nameOf(ref.gateway)]);
    const g = groups.get(key) ?? { routes: new Set<ValueMap>(), timeoutPath, ms, idleMs, gateway: ref.gateway, ...(policy ? { policy } : {}) };
    g.routes.add(ref.route);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const routes = [...g.routes];
    const names = nameList(routes.map(nameOf));
    const idleSet = g.policy !== undefined && get(g.policy, 'spec', 'timeout', 'http', 'streamIdleTimeout') !== undefined;
    const idleWhere = idleSet
      ? `ClientTrafficPolicy ${nameOf(g.policy!)} sets timeout.http.streamIdleTimeout: ${formatDuration(g.idleMs)}`
      : `${g.policy ? `ClientTrafficPolicy ${nameOf(g.policy)} sets no streamIdleTimeout` : `no ClientTrafficPolicy applies to ${describeObject(g.gateway, core)}`}, so Envoy Gateway's default of 5m applies`;
    const want = g.ms === Infinity ? '0s (no idle timeout) or the longest generation you expect' : formatDuration(g.ms);
    return systemFinding({
      severity: 'warning',
      code: 'check/timeout-stream-idle',
      at: { side: models, path: g.timeoutPath },
      object: { o: routes[0]!, field: 'spec.rules[0].timeouts.request' },
      message: `${routes.length === 1 ? 'model' : 'models'} ${names} may take ${show(g.ms)} to answer, but ${idleWhere}: a non-streaming response sends nothing until it is done, so Envoy cuts it after ${formatDuration(g.idleMs)} of silence`,
      expected: `a stream idle timeout at least as long as the route timeout (${show(g.ms)})`,
      suggestion: `set clientTrafficPolicy.timeout.http.streamIdleTimeout: ${want} in the core values, or lower ${g.timeoutPath} to ${formatDuration(g.idleMs)} or less in the models values`,
      related: [
        idleSet
          ? { side: core, path: 'clientTrafficPolicy.timeout.http.streamIdleTimeout', message: `the client side allows ${formatDuration(g.idleMs)} of silence` }
          : { side: core, path: g.policy ? 'clientTrafficPolicy.timeout' : 'clientTrafficPolicy.enabled', message: 'no stream idle timeout is set: the default 5m applies' },
      ],
    });
  });
}

function retryBudget(system: System): Finding[] {
  const { models } = system;
  const routes = new Map(objectsOf(models, 'AIGatewayRoute').map((r) => [nameOf(r), r] as const));
  const groups = new Map<string, { names: string[]; route: ValueMap; policy: ValueMap; attempts: number; perTry: number; timeout: number; paths: string[] }>();
  for (const policy of objectsOf(models, 'BackendTrafficPolicy')) {
    const retry = get(policy, 'spec', 'retry');
    const perTry = durationMs(get(retry, 'perRetry', 'timeout'));
    if (retry === undefined || perTry === undefined || perTry === 0) continue;
    const attempts = 1 + (num(get(retry, 'numRetries')) ?? DEFAULT_NUM_RETRIES);
    for (const t of list(get(policy, 'spec', 'targetRefs'))) {
      if (str(get(t, 'kind')) !== 'HTTPRoute') continue;
      const name = str(get(t, 'name')) ?? '';
      const route = routes.get(name);
      if (!route) continue;
      const timeout = routeTimeoutMs(route);
      // One attempt longer than the route: the models chart's own check says so (validate, finding 8).
      if (attempts * perTry <= timeout || perTry > timeout) continue;
      const paths = [modelSetting(models, name, 'retry.numRetries'), modelSetting(models, name, 'retry.perRetry.timeout'), modelSetting(models, name, 'timeout')];
      const key = JSON.stringify([...paths, attempts, perTry, timeout]);
      const g = groups.get(key) ?? { names: [], route, policy, attempts, perTry, timeout, paths };
      g.names.push(name);
      groups.set(key, g);
    }
  }
  return [...groups.values()].map((g) => {
    const [retriesPath, perTryPath, timeoutPath] = g.paths as [string, string, string];
    const fit = Math.ceil(g.timeout / g.perTry);
    const lost = g.attempts - fit;
    const fitting = Math.max(0, fit - 1);
    return systemFinding({
      severity: 'warning',
      code: 'check/retry-budget',
      at: { side: models, path: retriesPath },
      object: { o: g.policy, field: 'spec.retry' },
      message: `${g.names.length === 1 ? 'model' : 'models'} ${nameList(g.names)}: ${g.attempts} attempts of up to ${formatDuration(g.perTry)} each need ${formatDuration(g.attempts * g.perTry)}, but the route gives up after ${formatDuration(g.timeout)}, so the last ${lost === 1 ? 'attempt' : `${lost} attempts`} (and any fallback ${lost === 1 ? 'it' : 'they'} would reach) can never run`,
      expected: `(1 + numRetries) × perRetry.timeout ≤ timeout: ${g.attempts} × ${formatDuration(g.perTry)} ≤ ${formatDuration(g.timeout)}`,
      suggestion: `raise ${timeoutPath} to ${formatDuration(g.attempts * g.perTry)} or more, or lower ${retriesPath} to ${fitting}, or ${perTryPath} to ${formatDuration(Math.floor(g.timeout / g.attempts))} or less`,
      related: [
        { side: models, path: timeoutPath, message: `the route timeout: ${formatDuration(g.timeout)}` },
        { side: models, path: perTryPath, message: `each attempt may take ${formatDuration(g.perTry)}` },
      ],
    });
  });
}

/**
 * The TypeScript twins of what certificate.yaml, issuer.yaml, httproute.yaml and their defines in
 * _helpers.tpl compute before they print: which Secrets to issue, for which names, and where the
 * ACME solver and the redirect attach. Each `fail` of those templates is thrown here with the same
 * message. Keep the two in step.
 */
import { goQuote } from '../../go/quote.js';
import { TemplateFailError } from '../../errors.js';
import { goTruthy } from '../../render/go-truth.js';
import { asMap, type TemplateRoot } from '../../render/chart-helpers.js';
import { compareGoStrings } from '../../go/sort-strings.js';
import type { Value, ValueMap } from '../../values/types.js';

/** sprig's `uniq`: the first of each value, in order. */
function uniq(values: Value[]): Value[] {
  const out: Value[] = [];
  for (const v of values) if (!out.includes(v)) out.push(v);
  return out;
}

const list = (v: unknown): Value[] => (Array.isArray(v) ? (v as Value[]) : []);

interface ListenerSecret {
  hosts: Value[];
  listeners: Value[];
}

/**
 * _helpers.tpl "ai-gateway-core.certificates": the Secrets to issue, Secret name → the hostnames and
 * names of the listeners that terminate TLS with it, in Go's key order.
 */
export function listenerSecrets(root: TemplateRoot): [string, ListenerSecret][] {
  const secrets = new Map<string, ListenerSecret>();
  for (const l of list(asMap(root.Values.gateway).listeners)) {
    const listener = asMap(l);
    const tls = asMap(listener.tls);
    if (listener.protocol !== 'HTTPS' && listener.protocol !== 'TLS') continue;
    if ((goTruthy(tls.mode) ? tls.mode : 'Terminate') !== 'Terminate') continue;
    for (const r of list(tls.certificateRefs)) {
      const ref = asMap(r);
      const group = goTruthy(ref.group) ? ref.group : '';
      const kind = goTruthy(ref.kind) ? ref.kind : 'Secret';
      const namespace = goTruthy(ref.namespace) ? ref.namespace : '';
      if ((group !== '' && group !== 'core') || kind !== 'Secret' || (namespace !== '' && namespace !== root.Release.Namespace)) continue;
      const name = String(ref.name);
      const entry = secrets.get(name) ?? { hosts: [], listeners: [] };
      if (goTruthy(listener.hostname)) entry.hosts.push(listener.hostname as Value);
      entry.listeners.push(listener.name ?? null);
      secrets.set(name, entry);
    }
  }
  return [...secrets.entries()].sort(([a], [b]) => compareGoStrings(a, b));
}

/** _helpers.tpl "ai-gateway-core.certificateNames": certManager.dnsNames, then the listeners' hostnames. */
export function certificateNames(root: TemplateRoot): Value[] {
  const names = [...list(asMap(root.Values.certManager).dnsNames)];
  for (const [, entry] of listenerSecrets(root)) names.push(...entry.hosts);
  return uniq(names);
}

/** _helpers.tpl "ai-gateway-core.firstListener": the first listener of a protocol. */
export function firstListener(root: TemplateRoot, protocol: string): ValueMap | undefined {
  for (const l of list(asMap(root.Values.gateway).listeners)) {
    if (asMap(l).protocol === protocol) return asMap(l);
  }
  return undefined;
}

const CERTIFICATE_TEMPLATE = 'ai-gateway-core/templates/certificate.yaml';
const ISSUER_TEMPLATE = 'ai-gateway-core/templates/issuer.yaml';
const HTTPROUTE_TEMPLATE = 'ai-gateway-core/templates/httproute.yaml';

/** certificate.yaml: one Certificate per Secret, with its names; fails as the template does. */
const SECRET_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function certificates(root: TemplateRoot): { secretName: string; dnsNames: Value[] }[] {
  const secrets = listenerSecrets(root);
  if (secrets.length === 0) {
    throw new TemplateFailError(
      CERTIFICATE_TEMPLATE,
      'certManager.enabled needs an HTTPS listener whose tls.certificateRefs names the Secret to issue: add one to gateway.listeners, e.g. {name: https, protocol: HTTPS, port: 443, hostname: ai.example.com, tls: {certificateRefs: [{kind: Secret, name: ai-gateway-tls}]}}',
    );
  }
  const given = list(asMap(root.Values.certManager).dnsNames);
  return secrets.map(([secretName, entry]) => {
    // certificate.yaml prints it as the Certificate's name and secretName.
    if (secretName.length > 253 || !SECRET_NAME.test(secretName)) {
      throw new TemplateFailError(CERTIFICATE_TEMPLATE, `Secret ${goQuote(secretName)} in a listener's tls.certificateRefs is not a valid Secret name (lower-case letters, digits, "-" and ".", at most 253): cert-manager cannot issue it`);
    }
    const dnsNames = uniq([...given, ...entry.hosts]);
    if (dnsNames.length === 0) {
      throw new TemplateFailError(
        CERTIFICATE_TEMPLATE,
        `the Certificate for Secret ${secretName} has no names: give listener ${uniq(entry.listeners).map(String).join(', ')} a hostname, or list the names in certManager.dnsNames`,
      );
    }
    return { secretName, dnsNames };
  });
}

/** issuer.yaml: the HTTP listener on port 80 that solves HTTP-01, and the account key's Secret. */
export function acmeSolver(root: TemplateRoot): { listener: string; accountKey: string } {
  const http = firstListener(root, 'HTTP');
  if (!http) {
    throw new TemplateFailError(
      ISSUER_TEMPLATE,
      'certManager.issuer.create solves ACME HTTP-01 challenges through an HTTP listener on port 80, and the Gateway has none: add {name: http, protocol: HTTP, port: 80} to gateway.listeners',
    );
  }
  if (Number(http.port) !== 80) {
    throw new TemplateFailError(
      ISSUER_TEMPLATE,
      `certManager.issuer.create solves ACME HTTP-01 challenges on port 80, but the HTTP listener ${String(http.name)} is on port ${String(http.port)}: move it to port 80, or bring your own issuer (certManager.issuer.create: false)`,
    );
  }
  return { listener: http.name as string, accountKey: `${String(asMap(asMap(root.Values.certManager).issuer).name)}-account-key` };
}

/** httproute.yaml: where the redirect attaches, for which hostnames, and the https port when it is not 443. */
export function httpsRedirect(root: TemplateRoot): { name: string; listener: Value; hostnames: Value; port: Value | undefined } {
  const http = firstListener(root, 'HTTP');
  if (!http) {
    throw new TemplateFailError(
      HTTPROUTE_TEMPLATE,
      'httpsRedirect.enabled needs an HTTP listener to redirect from, and the Gateway has none: add {name: http, protocol: HTTP, port: 80} to gateway.listeners',
    );
  }
  const https = firstListener(root, 'HTTPS');
  const given = asMap(root.Values.httpsRedirect).hostnames;
  return {
    name: `${String(asMap(root.Values.gateway).name)}-https-redirect`,
    listener: http.name ?? null,
    hostnames: goTruthy(given) ? (given as Value) : certificateNames(root),
    port: https && Number(https.port) !== 443 ? (https.port ?? null) : undefined,
  };
}

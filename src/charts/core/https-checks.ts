/**
 * Checks of the HTTPS values (certManager, httpsRedirect) against the listeners: the mistakes of
 * wiring cert-manager to a Gateway by hand. The ones listed in `templateFailures` (index.ts) are the cases the chart's templates refuse with `fail`; finding them here
 * lets `validate` name the line without rendering.
 */
import type { Value, ValueMap } from '../../values/types.js';
import { isMap } from '../../values/types.js';
import type { Finding, FindingLocation } from '../../validate/findings.js';
import { nearest } from '../../validate/suggest.js';

type Get = (path: (string | number)[]) => Value | undefined;
type Add = (f: Omit<Finding, 'origin' | 'location'> & { location?: FindingLocation }) => void;
type At = (path: string, key?: boolean) => FindingLocation | undefined;

const str = (v: Value | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: Value | undefined): Value[] => (Array.isArray(v) ? v : []);
const map = (v: Value | undefined): ValueMap => (isMap(v) ? v : {});
const truthy = (v: Value | undefined): boolean =>
  !(v === undefined || v === null || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0) || (isMap(v) && Object.keys(v).length === 0));

export const LETSENCRYPT_STAGING = 'https://acme-staging-v02.api.letsencrypt.org/directory';
/** Words in a hostname that say it is not production. */
const NON_PRODUCTION = /(^|[.-])(staging|stage|stg|dev|develop|test|testing|qa|uat|sandbox|preview|demo|local|internal)([.-]|\d|$)/;
const ADD_HTTP = 'add {name: http, protocol: HTTP, port: 80} to gateway.listeners';

interface Listener {
  index: number;
  name: string;
  protocol: string | undefined;
  port: Value | undefined;
  hostname: string;
}

/** A Secret the chart issues, and the listeners that terminate TLS with it. */
interface IssuedSecret {
  name: string;
  listeners: Listener[];
  hosts: string[];
}

/** Does a listener with this hostname serve the name? Gateway API: `*.a.b` covers every name below a.b. */
export function listenerServes(hostname: string, name: string): boolean {
  if (hostname === '' || hostname === name) return true;
  return hostname.startsWith('*.') && name.endsWith(hostname.slice(1)) && name.length > hostname.length - 1;
}

export function checkHttps(get: Get, add: Add, at: At, namespace: string): void {
  const flag = (path: string[]) => get(path) === true;
  const certManagerOn = flag(['certManager', 'enabled']);
  const issuerOn = flag(['certManager', 'issuer', 'create']);
  const redirectOn = flag(['httpsRedirect', 'enabled']);
  if (!certManagerOn && !issuerOn && !redirectOn) return;

  const listeners: Listener[] = list(get(['gateway', 'listeners'])).map((l, index) => {
    const m = map(l);
    return { index, name: str(m['name']) ?? String(index), protocol: str(m['protocol']), port: m['port'], hostname: str(m['hostname']) ?? '' };
  });
  const http = listeners.find((l) => l.protocol === 'HTTP');
  const https = listeners.find((l) => l.protocol === 'HTTPS');
  const issued = issuedSecrets(get, add, namespace, certManagerOn);
  const dnsNames = list(get(['certManager', 'dnsNames'])).filter((n): n is string => typeof n === 'string');

  if (certManagerOn) {
    if (issued.length === 0) {
      add({
        severity: 'error',
        code: 'semantic/certificate-no-listener',
        path: 'certManager.enabled',
        message: 'certManager.enabled is on, but no HTTPS or TLS listener terminates TLS with a Secret in the release namespace, so there is no certificate to issue (the chart refuses to render)',
        expected: 'a listener with protocol HTTPS and tls.certificateRefs: [{kind: Secret, name: …}]',
        suggestion: 'add to gateway.listeners: {name: https, protocol: HTTPS, port: 443, hostname: ai.example.com, tls: {certificateRefs: [{kind: Secret, name: ai-gateway-tls}]}}',
      });
    }
    for (const secret of issued) {
      if (dnsNames.length > 0 || secret.hosts.length > 0) continue;
      const names = secret.listeners.map((l) => l.name).filter((n, i, all) => all.indexOf(n) === i);
      add({
        severity: 'error',
        code: 'semantic/certificate-no-names',
        path: `gateway.listeners[${secret.listeners[0]!.index}]`,
        message: `the Certificate for Secret ${JSON.stringify(secret.name)} has no names: listener ${names.join(', ')} has no hostname and certManager.dnsNames is empty (the chart refuses to render)`,
        expected: 'at least one DNS name on every certificate',
        suggestion: `give listener ${names.join(', ')} a hostname (hostname: ai.example.com), or list the names in certManager.dnsNames`,
      });
    }
    // cert-manager's own group has two issuer kinds; any other kind there is a typo nothing will ever serve.
    const refKind = str(get(['certManager', 'issuerRef', 'kind']));
    const refGroup = str(get(['certManager', 'issuerRef', 'group'])) || 'cert-manager.io';
    if (refGroup === 'cert-manager.io' && refKind && refKind !== 'Issuer' && refKind !== 'ClusterIssuer') {
      const near = nearest(refKind, ['Issuer', 'ClusterIssuer']);
      add({
        severity: 'error',
        code: 'semantic/issuer-ref-kind',
        path: 'certManager.issuerRef.kind',
        message: `cert-manager.io has no issuer kind ${JSON.stringify(refKind)}: the certificates would never be issued`,
        expected: 'Issuer or ClusterIssuer (or another kind together with its own issuerRef.group, for an external issuer)',
        suggestion: near ? `did you mean ${JSON.stringify(near)}?` : 'use ClusterIssuer or Issuer',
      });
    }
    // A name from certManager.dnsNames goes on every certificate; one that no listener using that
    // certificate's Secret serves is a name the certificate is never presented for.
    dnsNames.forEach((name, i) => {
      const unserved = issued.filter((s) => !s.listeners.some((l) => listenerServes(l.hostname, name)));
      if (unserved.length === 0 || issued.length === 0) return;
      const shown = unserved.map((s) => `${s.name} (listener ${s.listeners.map((l) => `${l.name}: ${l.hostname}`).join(', ')})`).join('; ');
      add({
        severity: 'error',
        code: 'semantic/certificate-name-not-served',
        path: `certManager.dnsNames[${i}]`,
        message: `${JSON.stringify(name)} goes on the certificate for Secret ${shown}, but no listener that uses the Secret serves that name: clients asking for it never get this certificate`,
        expected: 'names that the listeners using the certificate serve: their hostname, a name under their wildcard, or any name when a listener has no hostname',
        suggestion: `add a listener with hostname: ${name} that uses the Secret, or remove ${JSON.stringify(name)} from certManager.dnsNames`,
      });
    });
  }

  if (issuerOn) {
    if (!http) {
      add({
        severity: 'error',
        code: 'semantic/acme-no-http-listener',
        path: 'certManager.issuer.create',
        message: 'the ACME issuer solves HTTP-01 challenges through an HTTP listener on port 80, and the Gateway has none (the chart refuses to render)',
        expected: 'a listener with protocol HTTP on port 80: the CA fetches the challenge from http://<name>/.well-known/acme-challenge/…',
        suggestion: `${ADD_HTTP}, or bring your own issuer (certManager.issuer.create: false)`,
      });
    } else if (typeof http.port === 'number' && http.port !== 80) {
      add({
        severity: 'error',
        code: 'semantic/acme-no-http-listener',
        path: `gateway.listeners[${http.index}].port`,
        message: `the ACME issuer solves HTTP-01 challenges on port 80, but the HTTP listener ${JSON.stringify(http.name)} is on port ${http.port} (the chart refuses to render)`,
        expected: 'the first HTTP listener on port 80: the CA always connects to port 80',
        suggestion: 'set its port to 80, or bring your own issuer (certManager.issuer.create: false)',
      });
    }
    const issuerName = str(get(['certManager', 'issuer', 'name']));
    const issuerKind = str(get(['certManager', 'issuer', 'kind']));
    const refName = str(get(['certManager', 'issuerRef', 'name']));
    const refKind = str(get(['certManager', 'issuerRef', 'kind'])) ?? 'Issuer';
    const refGroup = str(get(['certManager', 'issuerRef', 'group'])) || 'cert-manager.io';
    if (certManagerOn && issuerName !== undefined && (issuerName !== refName || issuerKind !== refKind || refGroup !== 'cert-manager.io')) {
      const field = issuerName !== refName ? 'name' : issuerKind !== refKind ? 'kind' : 'group';
      add({
        severity: 'error',
        code: 'semantic/issuer-ref-mismatch',
        path: `certManager.issuerRef.${field}`,
        message: `the certificates ask for ${refKind} ${JSON.stringify(refName)} (group ${refGroup}), but the chart creates ${issuerKind} ${JSON.stringify(issuerName)}: they would wait for an issuer that does not exist`,
        expected: 'certManager.issuerRef naming the issuer that certManager.issuer.create makes',
        suggestion: `set certManager.issuerRef to {group: cert-manager.io, kind: ${issuerKind}, name: ${issuerName}}`,
        related: relatedAt(at('certManager.issuer.name'), 'the created issuer'),
      });
    }
    const email = get(['certManager', 'issuer', 'email']);
    if (!truthy(email)) {
      add({
        severity: 'warning',
        code: 'semantic/acme-email-empty',
        path: 'certManager.issuer.email',
        location: userOr(at, 'certManager.issuer.email', 'certManager.issuer.create'),
        message: 'the ACME account has no contact email: the CA cannot reach you about the account or a problem with your certificates',
        expected: 'an address that a person reads',
        suggestion: 'set certManager.issuer.email: platform@example.com (your team\'s address)',
      });
    }
    const server = str(get(['certManager', 'issuer', 'server'])) ?? '';
    if (/staging/i.test(server)) {
      const names = [...dnsNames, ...issued.flatMap((s) => s.hosts)];
      const replicas = get(['envoyProxy', 'provider', 'kubernetes', 'envoyDeployment', 'replicas']);
      const why =
        typeof replicas === 'number' && replicas >= 2
          ? `${replicas} Envoy replicas`
          : names.length > 0 && !names.some((n) => NON_PRODUCTION.test(n))
            ? `names with no staging or test marker (${names.slice(0, 3).join(', ')})`
            : undefined;
      if (why) {
        add({
          severity: 'warning',
          code: 'semantic/acme-staging-in-production',
          path: 'certManager.issuer.server',
          location: userOr(at, 'certManager.issuer.server', 'certManager.issuer.create'),
          message: `the ACME server is a staging CA, whose certificates no browser or client trusts, but these values look like production: ${why}`,
          expected: 'the production ACME server for production traffic',
          suggestion: 'set certManager.issuer.server: https://acme-v02.api.letsencrypt.org/directory once staging issuance works',
        });
      }
    }
    // cert-manager's solver route carries the challenge's name: a hostname on the HTTP listener
    // that does not cover it keeps the route from attaching, and the challenge never passes.
    if (certManagerOn && http?.hostname && issuerName === refName && issuerKind === refKind) {
      const names = [...dnsNames.map((n, i) => ({ n, path: `certManager.dnsNames[${i}]` })), ...issued.flatMap((s) => s.listeners.filter((l) => l.hostname).map((l) => ({ n: l.hostname, path: `gateway.listeners[${l.index}].hostname` })))];
      const outside = names.find(({ n }) => !n.startsWith('*.') && !listenerServes(http.hostname, n));
      if (outside) {
        add({
          severity: 'error',
          code: 'semantic/acme-name-outside-http-listener',
          path: outside.path,
          message: `the HTTP-01 challenge for ${JSON.stringify(outside.n)} cannot attach to HTTP listener ${JSON.stringify(http.name)}, whose hostname is ${JSON.stringify(http.hostname)}: the certificate would never be issued`,
          expected: 'an HTTP listener on port 80 that accepts every name on the certificates (no hostname, or one that covers them)',
          suggestion: `remove hostname from listener ${JSON.stringify(http.name)}, or give it a wildcard that covers ${JSON.stringify(outside.n)}`,
          related: relatedAt(at(`gateway.listeners[${http.index}].hostname`), 'the HTTP listener\'s hostname'),
        });
      }
    }
    // HTTP-01 proves control of one exact name; a wildcard needs DNS-01.
    if (certManagerOn && issuerName === refName && issuerKind === refKind) {
      const wildcard = [...dnsNames.map((n, i) => ({ n, path: `certManager.dnsNames[${i}]` })), ...issued.flatMap((s) => s.listeners.map((l) => ({ n: l.hostname, path: `gateway.listeners[${l.index}].hostname` })))].find(
        ({ n }) => n.startsWith('*.'),
      );
      if (wildcard) {
        add({
          severity: 'error',
          code: 'semantic/acme-wildcard',
          path: wildcard.path,
          message: `${JSON.stringify(wildcard.n)} is a wildcard name, and the chart's ACME issuer solves only HTTP-01, which cannot issue wildcards: the whole certificate would fail`,
          expected: 'exact names with the HTTP-01 issuer',
          suggestion: `list the exact names instead of ${JSON.stringify(wildcard.n)}, or use an issuer of your own with a DNS-01 solver (certManager.issuer.create: false)`,
        });
      }
    }
  }

  if (redirectOn) {
    if (!http) {
      add({
        severity: 'error',
        code: 'semantic/redirect-no-http-listener',
        path: 'httpsRedirect.enabled',
        message: 'the redirect attaches to the Gateway\'s HTTP listener, and the Gateway has none (the chart refuses to render)',
        expected: 'a listener with protocol HTTP to redirect from',
        suggestion: `${ADD_HTTP}, or set httpsRedirect.enabled: false`,
      });
    }
    const given = list(get(['httpsRedirect', 'hostnames'])).filter((n): n is string => typeof n === 'string');
    if (http?.hostname && given.length > 0) {
      // Gateway API: route hostnames that do not intersect the listener's are ignored, and with none left the route is not accepted.
      given.forEach((name, i) => {
        if (listenerServes(http.hostname, name) || listenerServes(name, http.hostname)) return;
        add({
          severity: 'warning',
          code: 'semantic/redirect-hostname-outside-listener',
          path: `httpsRedirect.hostnames[${i}]`,
          message: `${JSON.stringify(name)} is not a name HTTP listener ${JSON.stringify(http.name)} (hostname ${JSON.stringify(http.hostname)}) accepts, so requests for it are not redirected`,
          expected: 'redirect hostnames that the HTTP listener accepts',
          suggestion: `remove ${JSON.stringify(name)}, or remove the hostname of listener ${JSON.stringify(http.name)}`,
        });
      });
    }
    if (!https) {
      add({
        severity: 'error',
        code: 'semantic/redirect-no-https-listener',
        path: 'httpsRedirect.enabled',
        message: 'the redirect sends every plain-HTTP request to https, but the Gateway has no HTTPS listener to land on: every request would end in a failed connection',
        expected: 'a listener with protocol HTTPS next to the redirect',
        suggestion: 'add to gateway.listeners: {name: https, protocol: HTTPS, port: 443, tls: {certificateRefs: [{kind: Secret, name: ai-gateway-tls}]}}, or set httpsRedirect.enabled: false',
      });
    }
  }
}

/**
 * The Secrets the chart issues (mirrors _helpers.tpl "ai-gateway-core.certificates"); with
 * cert-manager on, a TLS-terminating listener's reference that is not one of them is reported.
 */
function issuedSecrets(get: Get, add: Add, namespace: string, certManagerOn: boolean): IssuedSecret[] {
  const out = new Map<string, IssuedSecret>();
  list(get(['gateway', 'listeners'])).forEach((l, index) => {
    const m = map(l);
    const protocol = str(m['protocol']);
    const tls = map(m['tls']);
    if ((protocol !== 'HTTPS' && protocol !== 'TLS') || (str(tls['mode']) || 'Terminate') !== 'Terminate') return;
    const listener: Listener = { index, name: str(m['name']) ?? String(index), protocol, port: m['port'], hostname: str(m['hostname']) ?? '' };
    list(tls['certificateRefs']).forEach((r, j) => {
      const ref = map(r);
      const name = str(ref['name']);
      if (name === undefined) return;
      const group = str(ref['group']) || '';
      const kind = str(ref['kind']) || 'Secret';
      const ns = str(ref['namespace']) || '';
      if ((group === '' || group === 'core') && kind === 'Secret' && (ns === '' || ns === namespace)) {
        const entry = out.get(name) ?? { name, listeners: [], hosts: [] };
        entry.listeners.push(listener);
        if (listener.hostname) entry.hosts.push(listener.hostname);
        out.set(name, entry);
        return;
      }
      if (!certManagerOn) return;
      const what = kind !== 'Secret' || (group !== '' && group !== 'core') ? `a ${kind} (group ${group || 'core'})` : `Secret ${JSON.stringify(name)} in namespace ${JSON.stringify(ns)}`;
      add({
        severity: 'warning',
        code: 'semantic/certificate-ref-not-issued',
        path: `gateway.listeners[${index}].tls.certificateRefs[${j}]`,
        message: `listener ${JSON.stringify(listener.name)} uses ${what}, which cert-manager does not issue here (the chart issues Secrets in the release namespace ${JSON.stringify(namespace)} only): it must exist already`,
        expected: 'a Secret in the release namespace for the chart to issue, or a certificate you manage yourself',
        suggestion: `make sure it exists (and, across namespaces, a ReferenceGrant allows it), or drop ${ns ? 'namespace' : 'kind and group'} so the chart issues Secret ${JSON.stringify(name)} in ${JSON.stringify(namespace)}`,
      });
    });
  });
  return [...out.values()];
}

/** Where the user set `path`, or else where they set `fallback`: a chart default is not theirs to fix in chart/values.yaml. */
function userOr(at: At, path: string, fallback: string): FindingLocation | undefined {
  const loc = at(path);
  return loc && loc.kind !== 'default' ? loc : (at(fallback) ?? loc);
}

function relatedAt(loc: FindingLocation | undefined, message: string): Finding['related'] {
  return loc ? [{ location: loc, message }] : undefined;
}

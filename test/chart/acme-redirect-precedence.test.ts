// The redirect and cert-manager's ACME solver share the HTTP listener. This test shows, with the
// Gateway API's precedence rules (quoted from the HTTPRoute CRD below) and with Envoy Gateway's
// one-virtual-host-per-hostname translation, that a challenge request still reaches the solver
// while every other plain-HTTP request is redirected. The routes are the chart's own output (the
// golden case https-production) and the route cert-manager creates for a challenge.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { expectedOutput } from '../support/golden-cases.js';

interface PathMatch {
  type: 'Exact' | 'PathPrefix';
  value: string;
}
interface Route {
  namespace: string;
  name: string;
  /** creationTimestamp, as a number: smaller is older */
  created: number;
  hostnames: string[];
  parentRefs: { name: string; sectionName?: string }[];
  rules: { matches?: { path?: PathMatch }[]; filters?: unknown[]; backendRefs?: unknown[] }[];
}
interface Listener {
  gateway: string;
  name: string;
  hostname?: string;
}
interface Request {
  host: string;
  path: string;
}
interface Winner {
  route: string;
  rule: number;
}

const CRD_TEXT = readFileSync('/work/shared/crds-models/gateway.networking.k8s.io_httproutes.yaml', 'utf8');

/** Gateway API hostname matching: a `*.` wildcard covers one or more labels in front of its suffix. */
function hostMatches(pattern: string, host: string): boolean {
  if (!pattern.startsWith('*.')) return pattern === host;
  return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
}

function attached(route: Route, listener: Listener): boolean {
  const ref = route.parentRefs.some((p) => p.name === listener.gateway && (p.sectionName === undefined || p.sectionName === listener.name));
  if (!ref) return false;
  if (!listener.hostname || route.hostnames.length === 0) return true;
  return route.hostnames.some((h) => hostMatches(h, listener.hostname!) || hostMatches(listener.hostname!, h));
}

function pathMatches(m: PathMatch, path: string): boolean {
  if (m.type === 'Exact') return path === m.value;
  if (m.value === '/') return true;
  const prefix = m.value.replace(/\/$/, '');
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** The hostname a route matches the request with ('' when it has none): the spec's first criterion. */
function hostnameRank(route: Route, host: string): [number, number] | undefined {
  if (route.hostnames.length === 0) return [0, 0];
  const matching = route.hostnames.filter((h) => hostMatches(h, host));
  if (matching.length === 0) return undefined;
  const exact = Math.max(0, ...matching.filter((h) => !h.startsWith('*')).map((h) => h.length));
  return [exact, Math.max(...matching.map((h) => h.length))];
}

/** The spec's order of matches: Exact path first, then the longest prefix (method, headers and query are unused here). */
function matchRank(m: PathMatch): [number, number] {
  return m.type === 'Exact' ? [1, m.value.length] : [0, m.value.length];
}

const desc = (a: number[], b: number[]): number => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  return 0;
};

interface Candidate {
  route: Route;
  rule: number;
  match: PathMatch;
  host: [number, number];
}

function candidates(routes: Route[], listener: Listener, req: Request): Candidate[] {
  const out: Candidate[] = [];
  for (const route of routes.filter((r) => attached(r, listener))) {
    const host = hostnameRank(route, req.host);
    if (!host) continue;
    route.rules.forEach((rule, i) => {
      // A rule without matches, or a match without a path, is a prefix match on "/".
      for (const m of rule.matches?.length ? rule.matches : [{}]) out.push({ route, rule: i, match: m.path ?? { type: 'PathPrefix', value: '/' }, host });
    });
  }
  return out;
}

/**
 * Gateway API precedence, as the HTTPRoute CRD states it: hostname specificity across routes,
 * then Exact over the longest prefix, then the oldest route, then namespace/name, then rule order.
 */
function specWinner(routes: Route[], listener: Listener, req: Request): Winner | undefined {
  const ordered = candidates(routes, listener, req).sort(
    (a, b) =>
      desc(a.host, b.host) ||
      desc(matchRank(a.match), matchRank(b.match)) ||
      a.route.created - b.route.created ||
      `${a.route.namespace}/${a.route.name}`.localeCompare(`${b.route.namespace}/${b.route.name}`) ||
      a.rule - b.rule,
  );
  const hit = ordered.find((c) => pathMatches(c.match, req.path));
  return hit && { route: hit.route.name, rule: hit.rule };
}

/**
 * Envoy Gateway: one Envoy virtual host per route hostname (a hostless route lands in the
 * listener's hostname or `*`); Envoy picks the most specific domain first, with no fall-back to
 * another virtual host; inside it, Exact before the longest prefix, then route age.
 */
function envoyGatewayWinner(routes: Route[], listener: Listener, req: Request): Winner | undefined {
  const vhosts = new Map<string, Route[]>();
  for (const route of routes.filter((r) => attached(r, listener))) {
    for (const h of route.hostnames.length ? route.hostnames : [listener.hostname ?? '*']) vhosts.set(h, [...(vhosts.get(h) ?? []), route]);
  }
  const domains = [...vhosts.keys()].filter((d) => d === '*' || hostMatches(d, req.host));
  // Exact domains first, then the longest wildcard suffix, `*` last.
  domains.sort((a, b) => Number(a.startsWith('*')) - Number(b.startsWith('*')) || b.length - a.length);
  const vhost = domains[0];
  if (vhost === undefined) return undefined;
  const ordered = candidates(vhosts.get(vhost)!, listener, req).sort(
    (a, b) => desc(matchRank(a.match), matchRank(b.match)) || a.route.created - b.route.created || a.rule - b.rule,
  );
  const hit = ordered.find((c) => pathMatches(c.match, req.path));
  return hit && { route: hit.route.name, rule: hit.rule };
}

// --- the chart's objects --------------------------------------------------------------------------

const docs = parseAllDocuments(expectedOutput('https-production')).map((d) => d.toJS() as Record<string, any>);
const redirectDoc = docs.find((d) => d.kind === 'HTTPRoute')!;
const issuerDoc = docs.find((d) => d.kind === 'ClusterIssuer')!;
const certificateDoc = docs.find((d) => d.kind === 'Certificate')!;
const gatewayDoc = docs.find((d) => d.kind === 'Gateway')!;

const httpListener: Listener = { gateway: gatewayDoc.metadata.name, name: redirectDoc.spec.parentRefs[0].sectionName };

function chartRedirect(created: number, hostnames: string[] = redirectDoc.spec.hostnames ?? []): Route {
  return { namespace: redirectDoc.metadata.namespace, name: redirectDoc.metadata.name, created, hostnames, parentRefs: redirectDoc.spec.parentRefs, rules: redirectDoc.spec.rules };
}

const TOKEN = 'evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA';

/** The HTTPRoute cert-manager creates per challenge: the issuer's parentRefs, the domain, the token's exact path. */
function solverRoute(domain: string, created: number): Route {
  const solver = issuerDoc.spec.acme.solvers[0].http01.gatewayHTTPRoute;
  return {
    namespace: certificateDoc.metadata.namespace,
    name: 'cm-acme-http-solver-x7k2p',
    created,
    hostnames: [domain],
    parentRefs: solver.parentRefs,
    rules: [{ matches: [{ path: { type: 'Exact', value: `/.well-known/acme-challenge/${TOKEN}` } }], backendRefs: [{ name: 'cm-acme-http-solver-x7k2p', port: 8089 }] }],
  };
}

const REDIRECT = redirectDoc.metadata.name as string;
const SOLVER = 'cm-acme-http-solver-x7k2p';

describe('the ACME challenge beats the redirect on the HTTP listener', () => {
  it('encodes the precedence rules the HTTPRoute CRD states', () => {
    for (const line of [
      '* Characters in a matching non-wildcard hostname.',
      '* Characters in a matching hostname.',
      '* "Exact" path match.',
      '* "Prefix" path match with largest number of characters.',
      '* The oldest Route based on creation timestamp.',
      '"{namespace}/{name}".',
      'to the FIRST matching rule (in list order)',
      'If no matches are specified, the default is a prefix',
    ]) {
      expect(CRD_TEXT).toContain(line);
    }
  });

  it('the solver and the redirect attach to the same listener, so they compete', () => {
    const domain = certificateDoc.spec.dnsNames[0] as string;
    expect(attached(chartRedirect(1), httpListener)).toBe(true);
    expect(attached(solverRoute(domain, 2), httpListener)).toBe(true);
    expect(redirectDoc.spec.rules[0].matches).toEqual([{ path: { type: 'PathPrefix', value: '/' } }]);
  });

  for (const model of [
    ['Gateway API rules', specWinner],
    ['Envoy Gateway virtual hosts', envoyGatewayWinner],
  ] as const) {
    const [label, winner] = model;
    describe(label, () => {
      for (const domain of certificateDoc.spec.dnsNames as string[]) {
        // The challenge comes after the install: the solver's route is the newer one, and wins anyway.
        for (const [order, solverCreated] of [
          ['solver newer', 2],
          ['solver older', 0],
        ] as const) {
          it(`${domain}, ${order}: the token path goes to the solver, everything else is redirected`, () => {
            const routes = [chartRedirect(1), solverRoute(domain, solverCreated)];
            expect(winner(routes, httpListener, { host: domain, path: `/.well-known/acme-challenge/${TOKEN}` })).toEqual({ route: SOLVER, rule: 0 });
            expect(winner(routes, httpListener, { host: domain, path: '/.well-known/acme-challenge/another-token' })).toEqual({ route: REDIRECT, rule: 0 });
            expect(winner(routes, httpListener, { host: domain, path: '/v1/chat/completions' })).toEqual({ route: REDIRECT, rule: 0 });
            expect(winner(routes, httpListener, { host: domain, path: '/' })).toEqual({ route: REDIRECT, rule: 0 });
          });
        }
      }
    });
  }

  it('the redirect covers every name on the certificate, so each challenge host keeps its redirect', () => {
    expect(redirectDoc.spec.hostnames).toEqual(expect.arrayContaining(certificateDoc.spec.dnsNames));
  });

  it('why the chart gives the redirect hostnames: a hostless redirect loses the challenge host on Envoy Gateway while a challenge is live', () => {
    const domain = certificateDoc.spec.dnsNames[0] as string;
    const routes = [chartRedirect(1, []), solverRoute(domain, 2)];
    // The spec falls through to the catch-all redirect...
    expect(specWinner(routes, httpListener, { host: domain, path: '/v1/models' })).toEqual({ route: REDIRECT, rule: 0 });
    // ...Envoy Gateway's virtual host for the domain holds only the token path: 404 until the challenge ends.
    expect(envoyGatewayWinner(routes, httpListener, { host: domain, path: '/v1/models' })).toBeUndefined();
    expect(envoyGatewayWinner(routes, httpListener, { host: domain, path: `/.well-known/acme-challenge/${TOKEN}` })).toEqual({ route: SOLVER, rule: 0 });
  });
});

// Finding 7: routes on every listener of a Gateway with an HTTPS listener serve AI traffic over
// plain HTTP too, and the HTTPS redirect never applies to them.
import { describe, expect, it } from 'vitest';
import { plainHttp } from '../../../src/check/rules/plain-http.js';
import { coreSide, modelObjects, modelsSide, system, withObjects } from '../system-fixtures.js';

const TWO_LISTENERS = 'gateway:\n  listeners:\n    - {name: http, protocol: HTTP, port: 80}\n    - {name: https, protocol: HTTPS, port: 443, tls: {certificateRefs: [{name: tls}]}}\n';
const REDIRECT = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ai-gateway-https-redirect, namespace: ai-gateway}
spec:
  parentRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: ai-gateway, sectionName: http}]
  rules: [{matches: [{path: {type: PathPrefix, value: /}}], filters: [{type: RequestRedirect, requestRedirect: {scheme: https, statusCode: 301}}]}]
`;

describe('plain HTTP', () => {
  it('routes on every listener of a Gateway with HTTP and HTTPS: say which listener to pin', () => {
    const models = modelsSide('gateway:\n  name: ai-gateway\n', modelObjects({ name: 'gpt-4-1' }));
    const [f, ...rest] = plainHttp(system(coreSide(TWO_LISTENERS), models));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', code: 'check/plain-http', path: 'gateway.sectionName', suggestion: 'set gateway.sectionName: https in the models values' });
    expect(f!.message).toBe('AIGatewayRoute gpt-4-1 attaches to every listener of Gateway ai-gateway/ai-gateway, so AI traffic, API keys and prompts included, is served unencrypted on listener "http" (port 80) as well as on HTTPS listener "https"');
    // fixed twin: pinned to HTTPS
    const pinned = modelsSide('gateway:\n  sectionName: https\n', modelObjects({ name: 'gpt-4-1', gateway: { sectionName: 'https' } }));
    expect(plainHttp(system(coreSide(TWO_LISTENERS), pinned))).toEqual([]);
  });

  it('with the HTTPS redirect: it never applies to the AI routes', () => {
    const core = withObjects(coreSide(TWO_LISTENERS), REDIRECT);
    const [f] = plainHttp(system(core, modelsSide('', modelObjects({ name: 'm' }))));
    expect(f!.message).toContain('the HTTPS redirect (HTTPRoute ai-gateway-https-redirect) never applies to them, because their header-matching rules outrank its catch-all');
    // pinned to the HTTP listener next to a redirect: still skipped by it
    const onHttp = modelsSide('gateway:\n  sectionName: http\n', modelObjects({ name: 'm', gateway: { sectionName: 'http' } }));
    expect(plainHttp(system(core, onHttp))[0]!.message).toContain('is pinned to the plain HTTP listener "http"');
    // pinned to HTTP without a redirect: a choice, not reported
    expect(plainHttp(system(coreSide(TWO_LISTENERS), onHttp))).toEqual([]);
  });

  it('an HTTP-only Gateway is not this rule\'s business', () => {
    expect(plainHttp(system(coreSide(), modelsSide('', modelObjects({ name: 'm' }))))).toEqual([]);
  });

  it('a redirect with host names of its own: it covers those names only, the AI routes serve every other Host', () => {
    const core = withObjects(coreSide(TWO_LISTENERS), REDIRECT.replace('spec:\n', 'spec:\n  hostnames: [api.example.com]\n'));
    const [f] = plainHttp(system(core, modelsSide('', modelObjects({ name: 'm' }))));
    expect(f!.message).toContain('the HTTPS redirect (HTTPRoute ai-gateway-https-redirect) covers requests for api.example.com only: AI traffic sent to any other host name, or to the address itself, is served over plain HTTP');
  });
});

// Shared fixtures for the CRD validator tests: the five real CRDs from /work/shared/crds, loaded
// once per test file, and small builders for documents and expected findings.
import { readCrdSource } from '../../src/crd/sources.js';
import { loadCrds } from '../../src/crd/load.js';
import { formatIssue } from '../../src/crd/validate.js';
import type { CrdReport, CrdSet } from '../../src/crd/types.js';

export const SHARED_CRDS_DIR = '/work/shared/crds';

let shared: CrdSet | undefined;

export function sharedCrds(): CrdSet {
  shared ??= loadCrds(readCrdSource(SHARED_CRDS_DIR));
  return shared;
}

export const API = {
  gatewayClass: 'gateway.networking.k8s.io/v1',
  gateway: 'gateway.networking.k8s.io/v1',
  envoyProxy: 'gateway.envoyproxy.io/v1alpha1',
  ctp: 'gateway.envoyproxy.io/v1alpha1',
  gatewayConfig: 'aigateway.envoyproxy.io/v1beta1',
} as const;

export function resource(apiVersion: string, kind: string, name: string, spec: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion, kind, metadata: { name, namespace: 'ai-gateway', ...(extra['metadata'] as object | undefined) }, spec, ...omit(extra, 'metadata') };
}

function omit(o: Record<string, unknown>, k: string): Record<string, unknown> {
  const { [k]: _drop, ...rest } = o;
  return rest;
}

export const envoyProxy = (spec: unknown) => resource(API.envoyProxy, 'EnvoyProxy', 'ai-gateway', spec);
export const ctp = (spec: unknown) => resource(API.ctp, 'ClientTrafficPolicy', 'client-buffer-limit', spec);
export const gateway = (spec: unknown) => resource(API.gateway, 'Gateway', 'ai-gateway', spec);
export const gatewayConfig = (spec: unknown) => resource(API.gatewayConfig, 'GatewayConfig', 'ai-gateway-tracing', spec);
export const gatewayClass = (spec: unknown) => ({ apiVersion: API.gatewayClass, kind: 'GatewayClass', metadata: { name: 'ai-gateway' }, spec });

export const GATEWAY_TARGET = { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'ai-gateway' };

/** Errors (not warnings) as `path: message`, sorted: what tests compare exactly. */
export function errorsOf(report: CrdReport): string[] {
  return report.issues.filter((i) => i.severity === 'error').map(formatIssue).sort();
}

export function warningsOf(report: CrdReport): string[] {
  return report.issues.filter((i) => i.severity === 'warning').map(formatIssue).sort();
}

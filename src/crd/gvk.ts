// apiVersion/kind parsing and the list of API groups served by kube-apiserver itself.

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** `apps/v1` → group apps; `v1` → the core group (''). */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Built-in `*.k8s.io` groups. Others under k8s.io (e.g. gateway.networking.k8s.io) are CRDs. */
const BUILTIN_K8S_IO_GROUPS = new Set([
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apiserverinternal.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);

/** Core and legacy groups have no dot (`v1`, `apps`, `batch`, `policy`, `autoscaling`, ...). */
export function isBuiltinGroup(group: string): boolean {
  return !group.includes('.') || BUILTIN_K8S_IO_GROUPS.has(group);
}

export function formatGvk(gvk: GroupVersionKind): string {
  return `${gvk.group === '' ? 'core' : gvk.group}/${gvk.version}/${gvk.kind}`;
}

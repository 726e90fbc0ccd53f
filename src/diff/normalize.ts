/**
 * What is not a change: the fields the API server sets (status, uid, resourceVersion,
 * managedFields, creationTimestamp, generation), the annotations helm and `kubectl apply` add,
 * and (given the CRDs) the fields a CRD defaults. Both sides go through the same steps, so a
 * rendered object and the live object it became compare equal.
 */
import { applyDefaults } from '../crd/defaults.js';
import { parseApiVersion } from '../crd/gvk.js';
import { isPlainObject } from '../crd/schema.js';
import type { CrdSet } from '../crd/types.js';
import type { Obj } from './objects.js';

const SERVER_METADATA = ['uid', 'resourceVersion', 'managedFields', 'creationTimestamp', 'generation', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'];

function addedByTools(annotation: string): boolean {
  return annotation.startsWith('meta.helm.sh/') || annotation === 'kubectl.kubernetes.io/last-applied-configuration' || annotation === 'deployment.kubernetes.io/revision';
}

/** A copy of `o` without what the server and the tools add; defaulted by its CRD when one is known. */
export function normalizeObject(o: Obj, crds?: CrdSet): Obj {
  const out = structuredClone(o);
  delete out['status'];
  if (isPlainObject(out['metadata'])) {
    const meta = out['metadata'];
    for (const k of SERVER_METADATA) delete meta[k];
    if (isPlainObject(meta['annotations'])) {
      const ann = meta['annotations'];
      for (const k of Object.keys(ann)) if (addedByTools(k)) delete ann[k];
      if (Object.keys(ann).length === 0) delete meta['annotations'];
    }
    if (isPlainObject(meta['labels']) && Object.keys(meta['labels']).length === 0) delete meta['labels'];
  }
  const schema = crds ? schemaOf(crds, out) : undefined;
  return schema ? (applyDefaults(out, schema) as Obj) : out;
}

function schemaOf(crds: CrdSet, o: Obj) {
  if (typeof o['apiVersion'] !== 'string' || typeof o['kind'] !== 'string') return undefined;
  const { group, version } = parseApiVersion(o['apiVersion']);
  return crds.find(group, o['kind'])?.versions.find((v) => v.name === version)?.schema;
}

/**
 * The two sides of a diff as sets of Kubernetes objects, keyed the way helm-diff keys them
 * (`<namespace>, <name>, <Kind> (<group>)`: an apiVersion bump is a change, not a remove and an
 * add), each remembering where it came from so findings can point at a line.
 */
import YAML from 'yaml';
import { parseYamlDocument } from '../crd/simple-yaml.js';
import { parseApiVersion } from '../crd/gvk.js';
import { isPlainObject } from '../crd/schema.js';
import type { Manifest } from '../render/manifest.js';
import { DiffInputError } from './errors.js';

export type Obj = Record<string, unknown>;

export type ObjectOrigin =
  | { kind: 'chart'; template: string }
  /** a document of a manifests file; `prefix` is `['items', i]` for an item of a List */
  | { kind: 'file'; file: string; text: string; docIndex: number; prefix: (string | number)[] };

export interface KubeObject {
  key: string;
  group: string;
  kind: string;
  namespace: string;
  name: string;
  object: Obj;
  origin: ObjectOrigin;
}

export function objectKey(group: string, kind: string, namespace: string, name: string): string {
  return `${namespace}/${group}/${kind}/${name}`;
}

/** helm-diff's spelling of an object: `default, ai-gateway, Gateway (gateway.networking.k8s.io)`. */
export function describeObject(o: Pick<KubeObject, 'group' | 'kind' | 'namespace' | 'name'>): string {
  return `${o.namespace ? `${o.namespace}, ` : ''}${o.name}, ${o.kind}${o.group ? ` (${o.group})` : ''}`;
}

export function metadataOf(o: Obj): Obj {
  return isPlainObject(o['metadata']) ? o['metadata'] : {};
}

function toKubeObject(object: unknown, origin: ObjectOrigin, where: string): KubeObject | undefined {
  if (object === null || object === undefined) return undefined;
  if (!isPlainObject(object) || typeof object['kind'] !== 'string' || typeof object['apiVersion'] !== 'string') {
    throw new DiffInputError(`${where}: not a Kubernetes object (it needs apiVersion and kind)`);
  }
  const meta = metadataOf(object);
  const name = typeof meta['name'] === 'string' ? meta['name'] : '';
  if (name === '') throw new DiffInputError(`${where}: ${object['kind']} has no metadata.name`);
  const group = parseApiVersion(object['apiVersion']).group;
  const namespace = typeof meta['namespace'] === 'string' ? meta['namespace'] : '';
  return { key: objectKey(group, object['kind'], namespace, name), group, kind: object['kind'], namespace, name, object, origin };
}

/** The chart's rendered documents. */
export function fromManifests(manifests: readonly Manifest[]): KubeObject[] {
  const out: KubeObject[] = [];
  for (const m of manifests) {
    const o = toKubeObject(parseYamlDocument(m.content), { kind: 'chart', template: m.source }, m.source);
    if (o) out.push(o);
  }
  return out;
}

/**
 * Objects as `kubectl get … -o yaml` prints them: a `List`, a multi-document stream, or both.
 * A file that is not YAML is an input error naming the line.
 */
export function fromManifestText(file: string, text: string): KubeObject[] {
  const lc = new YAML.LineCounter();
  const docs = YAML.parseAllDocuments(text, { lineCounter: lc });
  const out: KubeObject[] = [];
  (Array.isArray(docs) ? docs : []).forEach((d, docIndex) => {
    if (d.errors.length > 0) {
      const e = d.errors[0]!;
      const p = lc.linePos(e.pos[0]);
      throw new DiffInputError(`${file}:${p.line}:${p.col}: invalid YAML: ${e.message.split('\n')[0]}; fix the YAML, or pass what kubectl get -o yaml printed as it is`);
    }
    const at = (line: number) => `${file}:${line}`;
    const line = lc.linePos(d.range[0]).line;
    let value: unknown;
    try {
      // Aliases are bounded: a few kilobytes must not expand to gigabytes.
      value = d.toJS({ maxAliasCount: 100 });
    } catch (err) {
      throw new DiffInputError(`${at(line)}: ${err instanceof Error ? err.message : String(err)}; kubectl never prints aliases: pass its output as it is`);
    }
    if (isPlainObject(value) && typeof value['kind'] === 'string' && value['kind'].endsWith('List') && Array.isArray(value['items'])) {
      value['items'].forEach((item, i) => {
        const o = toKubeObject(item, { kind: 'file', file, text, docIndex, prefix: ['items', i] }, `${at(line)}: items[${i}]`);
        if (o) out.push(o);
      });
      return;
    }
    const o = toKubeObject(value, { kind: 'file', file, text, docIndex, prefix: [] }, at(line));
    if (o) out.push(o);
  });
  return out;
}

/** Objects by key; two objects with one key are an input error (the API server holds one). */
export function indexObjects(objects: readonly KubeObject[], side: string): Map<string, KubeObject> {
  const out = new Map<string, KubeObject>();
  for (const o of objects) {
    if (out.has(o.key)) throw new DiffInputError(`${side}: ${describeObject(o)} appears twice; keep one of them`);
    out.set(o.key, o);
  }
  return out;
}

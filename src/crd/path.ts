// Field paths rendered the way k8s.io/apimachinery/pkg/util/validation/field.Path prints them.

export type PathSegment =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'key'; key: string };

export type FieldPath = readonly PathSegment[];

export const ROOT: FieldPath = [];

export function child(path: FieldPath, name: string): FieldPath {
  return [...path, { kind: 'field', name }];
}

export function index(path: FieldPath, i: number): FieldPath {
  return [...path, { kind: 'index', index: i }];
}

export function key(path: FieldPath, k: string): FieldPath {
  return [...path, { kind: 'key', key: k }];
}

/**
 * `spec.listeners[0].name`, `spec.labels[app]` (field.Path style, used by CEL and list-type
 * errors). The OpenAPI validator names map entries with a dot instead: see `toOpenApiString`.
 */
export function toString(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (seg.kind === 'field') out += out === '' ? seg.name : `.${seg.name}`;
    else if (seg.kind === 'index') out += `[${seg.index}]`;
    else out += `[${seg.key}]`;
  }
  return out;
}

/** kube-openapi builds paths by string concatenation: map entries become `.key`. */
export function toOpenApiString(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (seg.kind === 'index') out += `[${seg.index}]`;
    else {
      const name = seg.kind === 'field' ? seg.name : seg.key;
      out += out === '' ? name : `.${name}`;
    }
  }
  return out;
}

/**
 * A field path as the API server prints it (`spec.listeners[0].name`, `metadata.labels[app]`,
 * `spec.pod.annotations.prometheus.io/scrape`) split into segments, using the document itself to
 * tell a dotted map key from nested fields. Fields the document lacks (a missing required one)
 * are split at dots.
 */
export function splitFieldPath(doc: unknown, path: string): (string | number)[] {
  const out: (string | number)[] = [];
  let node: unknown = doc;
  let i = 0;
  while (i < path.length) {
    const ch = path[i]!;
    if (ch === '.') {
      i += 1;
      continue;
    }
    if (ch === '[') {
      const end = path.indexOf(']', i);
      const token = path.slice(i + 1, end < 0 ? path.length : end);
      i = end < 0 ? path.length : end + 1;
      const isKey = node !== null && typeof node === 'object' && !Array.isArray(node) && token in node;
      if (/^\d+$/.test(token) && !isKey) {
        out.push(Number(token));
        node = Array.isArray(node) ? node[Number(token)] : undefined;
      } else {
        out.push(token);
        node = node && typeof node === 'object' ? (node as Record<string, unknown>)[token] : undefined;
      }
      continue;
    }
    let key: string | undefined;
    if (node && typeof node === 'object' && !Array.isArray(node)) {
      for (const k of Object.keys(node)) {
        if (!path.startsWith(k, i)) continue;
        const next = path[i + k.length];
        if ((next === undefined || next === '.' || next === '[') && (key === undefined || k.length > key.length)) key = k;
      }
    }
    if (key === undefined) {
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j += 1;
      key = path.slice(i, j);
    }
    out.push(key);
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    i += key.length;
  }
  return out;
}

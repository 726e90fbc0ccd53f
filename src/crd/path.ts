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

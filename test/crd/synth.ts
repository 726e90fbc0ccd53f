// Builds a "maximal" document for a CRD version: every property of every object, one item per
// list, one entry per map. Every x-kubernetes-validations rule sits on some node of it, so
// validating it evaluates every rule at least once (the document need not be valid).
import type { Schema } from '../../src/crd/schema.js';

const SAMPLE_FORMAT: Record<string, string> = {
  'date-time': '2024-01-01T00:00:00Z',
  ipv4: '10.0.0.1',
  ipv6: 'fd00::1',
  byte: 'YQ==',
};

export function synthesize(s: Schema, depth = 0): unknown {
  if (depth > 60) return undefined;
  if (s.intOrString) return 1;
  if (s.enum && s.enum.length > 0) return structuredClone(s.enum[0]);
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, p] of Object.entries(s.properties ?? {})) {
        const v = synthesize(p, depth + 1);
        if (v !== undefined) out[k] = v;
      }
      if (s.additionalProperties && s.additionalProperties !== true) out['key'] = synthesize(s.additionalProperties, depth + 1);
      return out;
    }
    case 'array':
      return s.items ? [synthesize(s.items, depth + 1)] : [];
    case 'string':
      return (s.format && SAMPLE_FORMAT[s.format]) ?? '1s';
    case 'integer':
      return Math.max(1, s.minimum ?? 1);
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      return s.properties ? synthesize({ ...s, type: 'object' }, depth) : {};
  }
}

export function synthesizeResource(group: string, version: string, kind: string, schema: Schema): Record<string, unknown> {
  const body = synthesize(schema) as Record<string, unknown>;
  return { ...body, apiVersion: `${group}/${version}`, kind, metadata: { name: 'coverage', namespace: 'default' } };
}

// Parses CustomResourceDefinition YAML/JSON text into normalized per-version schemas.
import YAML from 'yaml';
import { CrdLoadError } from './errors.js';
import { sha256 } from './hash.js';
import { normalizeSchema, isPlainObject, type ValidationRule } from './schema.js';
import type { CrdDefinition, CrdSet, CrdVersion } from './types.js';
import { cacheWritable, readCachedDefinitions, readStampedHash, writeCachedDefinitions, writeStampedHash } from './cache.js';
import { clearCompiledExpressions, parseForCache, seedParses } from './cel-compile.js';

export interface CrdText {
  /** A label for messages: usually the file name. */
  name: string;
  /** The text; readCrdSource reads it on first use, which a warm cache avoids (see `stamp`). */
  readonly text: string;
  /** For a file: what identifies this version of it, so a cache can skip reading and hashing it. */
  stamp?: FileStamp;
}

/** See sources.ts fileStamp. */
export interface FileStamp {
  /** absolute path */
  path: string;
  /** path, device, inode, size, mtime and ctime */
  key: string;
  /** ctime, in milliseconds since the epoch */
  changedMs: number;
}

export interface LoadOptions {
  /** Directory for an on-disk cache of parsed CRDs, keyed by sha256 of each text. */
  cacheDir?: string;
}

/** Parsed CRDs per text hash: the same text is never parsed twice in a process. */
const memoryCache = new Map<string, CrdDefinition[]>();

/**
 * Multi-document YAML (or JSON) → the CRD documents in it; other kinds are ignored. The items of
 * a `List` (what `kubectl get crd … -o yaml` prints) are documents of their own.
 */
export function parseCrdText(source: string, text: string): CrdDefinition[] {
  const hash = sha256(text);
  const docs = parseDocuments(source, text);
  const out: CrdDefinition[] = [];
  docs.forEach((doc, i) => {
    if (!isPlainObject(doc) || doc['kind'] !== 'CustomResourceDefinition') return;
    const label = docs.length > 1 ? `${source}#${i}` : source;
    if (doc['apiVersion'] !== 'apiextensions.k8s.io/v1') {
      throw new CrdLoadError(label, `unsupported CRD apiVersion ${JSON.stringify(doc['apiVersion'])}; only apiextensions.k8s.io/v1 is supported`);
    }
    out.push(toDefinition(label, hash, doc));
  });
  return out;
}

function parseDocuments(source: string, text: string): unknown[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      return expandLists([JSON.parse(text)]);
    } catch {
      // Not plain JSON after all: YAML is a superset, let it report the error.
    }
  }
  const docs = YAML.parseAllDocuments(text, { merge: false });
  const result: unknown[] = [];
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    if (d.errors.length > 0) throw new CrdLoadError(source, `invalid YAML: ${d.errors[0]!.message}`);
    const js: unknown = d.toJS({ maxAliasCount: -1 });
    if (js !== null && js !== undefined) result.push(js);
  }
  return expandLists(result);
}

function expandLists(docs: unknown[]): unknown[] {
  return docs.flatMap((doc) => (isPlainObject(doc) && doc['kind'] === 'List' && Array.isArray(doc['items']) ? (doc['items'] as unknown[]) : [doc]));
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function toDefinition(source: string, hash: string, doc: Record<string, unknown>): CrdDefinition {
  const meta = isPlainObject(doc['metadata']) ? doc['metadata'] : {};
  const spec = isPlainObject(doc['spec']) ? doc['spec'] : undefined;
  if (!spec) throw new CrdLoadError(source, 'CRD has no spec');
  const names = isPlainObject(spec['names']) ? spec['names'] : {};
  const group = str(spec['group']);
  const kind = str(names['kind']);
  if (!group || !kind) throw new CrdLoadError(source, 'CRD spec.group and spec.names.kind are required');
  const scope = spec['scope'] === 'Cluster' ? 'Cluster' : 'Namespaced';
  const rawVersions = Array.isArray(spec['versions']) ? spec['versions'].filter(isPlainObject) : [];
  if (rawVersions.length === 0) throw new CrdLoadError(source, 'CRD has no spec.versions');
  const versions = rawVersions.map((v) => toVersion(source, v, spec));
  return {
    name: str(meta['name']) ?? `${str(names['plural']) ?? kind.toLowerCase()}.${group}`,
    group,
    kind,
    plural: str(names['plural']) ?? kind.toLowerCase(),
    scope,
    versions,
    source,
    sha256: hash,
  };
}

function toVersion(source: string, v: Record<string, unknown>, spec: Record<string, unknown>): CrdVersion {
  const name = str(v['name']);
  if (!name) throw new CrdLoadError(source, 'a CRD version has no name');
  // Per-version schema/subresources win; top-level ones are the v1beta1 leftovers some CRDs keep.
  const validation = isPlainObject(v['schema']) ? v['schema'] : isPlainObject(spec['validation']) ? spec['validation'] : {};
  const rawSchema = validation['openAPIV3Schema'];
  const rules: ValidationRule[] = [];
  const schema = normalizeSchema(rawSchema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, '', { version: name, rules });
  const sub = isPlainObject(v['subresources']) ? v['subresources'] : isPlainObject(spec['subresources']) ? spec['subresources'] : {};
  const out: CrdVersion = {
    name,
    served: v['served'] !== false,
    storage: v['storage'] === true,
    deprecated: v['deprecated'] === true,
    schema,
    subresources: { status: isPlainObject(sub['status']), scale: isPlainObject(sub['scale']) },
    rules,
  };
  const warning = str(v['deprecationWarning']);
  if (warning) out.deprecationWarning = warning;
  return out;
}

/**
 * A file whose stamp changed less than this long ago is not stamped: on a file system with coarse
 * timestamps, a rewrite within the same tick could keep the stamp (git's "racy clean" problem).
 */
const RACY_MS = 3000;

/** Parses (or fetches from cache) the CRDs in one text. */
export function loadCrdText(input: CrdText, options: LoadOptions = {}): CrdDefinition[] {
  const dir = options.cacheDir;
  // A warm cache knows this version of the file: neither read nor hash it.
  const stamped = dir && input.stamp ? readStampedHash(dir, input.stamp) : undefined;
  if (stamped !== undefined) {
    const defs = memoryCache.get(stamped) ?? fromDisk(dir!, stamped);
    if (defs) return defs;
  }
  const hash = sha256(input.text);
  let defs = memoryCache.get(hash) ?? (dir ? fromDisk(dir, hash) : undefined);
  if (!defs) {
    defs = parseCrdText(input.name, input.text);
    if (dir && cacheWritable(dir)) {
      // Every rule is parsed now (once per CRD text), so that warm runs parse none.
      const cel = parseForCache(ruleTexts(defs));
      seedParses(cel);
      writeCachedDefinitions(dir, hash, { defs, cel });
    }
    memoryCache.set(hash, defs);
  }
  if (dir && input.stamp && stamped !== hash && Date.now() - input.stamp.changedMs > RACY_MS) writeStampedHash(dir, input.stamp, hash);
  return defs;
}

function fromDisk(dir: string, hash: string): CrdDefinition[] | undefined {
  const entry = readCachedDefinitions(dir, hash);
  if (!entry) return undefined;
  seedParses(entry.cel);
  memoryCache.set(hash, entry.defs);
  return entry.defs;
}

function* ruleTexts(defs: readonly CrdDefinition[]): Iterable<string> {
  for (const def of defs) {
    for (const version of def.versions) {
      for (const rule of version.rules) {
        yield rule.rule;
        if (rule.messageExpression !== undefined) yield rule.messageExpression;
      }
    }
  }
}

/** Loads several CRD texts into one lookup set. A group/kind defined twice is an error. */
export function loadCrds(texts: readonly CrdText[], options: LoadOptions = {}): CrdSet {
  const byKey = new Map<string, CrdDefinition>();
  for (const t of texts) {
    for (const def of loadCrdText(t, options)) {
      const key = `${def.group}/${def.kind}`;
      const prev = byKey.get(key);
      if (prev && prev.sha256 !== def.sha256) {
        throw new CrdLoadError(t.name, `CRD for ${key} is defined twice (also in ${prev.source})`);
      }
      byKey.set(key, def);
    }
  }
  return makeCrdSet([...byKey.values()]);
}

export function makeCrdSet(crds: readonly CrdDefinition[]): CrdSet {
  const byKey = new Map(crds.map((d) => [`${d.group}/${d.kind}`, d] as const));
  return { crds, find: (group, kind) => byKey.get(`${group}/${kind}`) };
}

/** Drops the in-memory caches of parsed CRDs and compiled rules (to measure cold loads). */
export function clearLoadCache(): void {
  memoryCache.clear();
  clearCompiledExpressions();
}

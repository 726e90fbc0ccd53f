/**
 * `validate --crds`: documents checked against the given CRDs as kube-apiserver with strict field
 * validation would (src/crd), each finding traced back to where it came from: for the chart's
 * output, the values path and the line or flag that set it; for `--manifests` files, the line of
 * the field in that file.
 */
import YAML from 'yaml';
import { InputFileError } from '../errors.js';
import { CrdLoadError, CrdSourceError, loadCrds, readCrdSource, validateDocuments } from '../crd/index.js';
import type { CrdIssue, CrdSet, Schema } from '../crd/index.js';
import { parseApiVersion } from '../crd/gvk.js';
import { isPlainObject } from '../crd/schema.js';
import type { ValueMap } from '../values/types.js';
import type { CrdCoverage, Finding, FindingLocation } from './findings.js';
import { fieldPosition } from './locate.js';
import type { Locator } from './locator.js';
import { renderedToValues, splitFieldPath, type Seg } from './manifest-map.js';
import { fixDuration, fixQuantity, knownMistake, nearest } from './suggest.js';

export { defaultCacheDir } from './cache-dir.js';

/** Reads `--crds` paths (files, directories, `-`); unreadable or invalid CRDs are I/O errors (exit 2). */
export function loadCrdPaths(paths: readonly string[], cacheDir: string | undefined): CrdSet {
  try {
    // The items of a `kubectl get crd … -o yaml` List are read as CRDs by the loader.
    const texts = paths.flatMap((p) => readCrdSource(p));
    if (texts.length === 0) throw new InputFileError(`--crds ${paths.join(', ')}: no *.yaml, *.yml or *.json files found`);
    const set = loadCrds(texts, cacheDir ? { cacheDir } : {});
    if (set.crds.length === 0) throw new InputFileError(`--crds ${paths.join(', ')}: no CustomResourceDefinition found`);
    return set;
  } catch (err) {
    if (err instanceof CrdSourceError || err instanceof CrdLoadError) throw new InputFileError(`CRDs: ${err.message}`);
    throw err;
  }
}

export interface DocInput {
  object: unknown;
  /** index of the document in its file (for positions) */
  docIndex: number;
  /** where the object sits inside its document: `['items', 3]` for an item of a `List` */
  prefix?: Seg[];
  origin: { kind: 'chart'; template: string } | { kind: 'file'; file: string; text: string };
  /** the values behind this document, when documents of several releases are checked at once (`check`) */
  trace?: TraceContext;
}

/** Splits a manifests file into documents; a YAML error is a finding, not an exception. */
export function readManifestDocs(file: string, text: string): { docs: DocInput[]; findings: Finding[] } {
  const docs: DocInput[] = [];
  const findings: Finding[] = [];
  const lc = new YAML.LineCounter();
  const parsed = YAML.parseAllDocuments(text, { lineCounter: lc });
  const all = Array.isArray(parsed) ? parsed : [];
  all.forEach((d, docIndex) => {
    if (d.errors.length > 0) {
      const e = d.errors[0]!;
      const p = lc.linePos(e.pos[0]);
      findings.push({
        severity: 'error',
        origin: 'yaml',
        code: 'yaml/syntax',
        path: '',
        message: `invalid YAML: ${e.message.split('\n')[0]}`,
        suggestion: 'fix the YAML syntax at this position',
        location: { kind: 'file', file, line: p.line, col: p.col },
      });
      return;
    }
    const object: unknown = d.toJS({ maxAliasCount: -1 });
    if (object === null || object === undefined) return;
    if (isPlainObject(object) && object['kind'] === 'List' && Array.isArray(object['items'])) {
      object['items'].forEach((item, i) => docs.push({ object: item, docIndex, prefix: ['items', i], origin: { kind: 'file', file, text } }));
      return;
    }
    docs.push({ object, docIndex, origin: { kind: 'file', file, text } });
  });
  return { docs, findings };
}

export interface TraceContext {
  values: ValueMap;
  locator: Locator;
}

export interface ManifestCheck {
  findings: Finding[];
  coverage: CrdCoverage[];
  documents: number;
  evaluated: number;
  transitionSkipped: number;
  unevaluable: number;
}

export interface CheckOptions {
  /** validate `.status` too (objects read back from a cluster); the API server resets it on create */
  validateStatus?: boolean;
}

export function checkManifests(crds: CrdSet, docs: readonly DocInput[], trace?: TraceContext, options: CheckOptions = {}): ManifestCheck {
  const findings: Finding[] = [];
  const coverage = new Map<string, CrdCoverage & { ids: Set<string> }>();
  for (const def of crds.crds) {
    const rules = def.versions.flatMap((v) => v.rules);
    const statusOnly = def.versions.flatMap((v) => (v.subresources.status ? v.rules.filter((r) => !r.transition && onStatus(r.id)) : []));
    const nonTransition = rules.filter((r) => !r.transition).length;
    coverage.set(def.name, {
      crd: def.name,
      kind: def.kind,
      source: def.source,
      total: rules.length,
      nonTransition,
      statusOnly: options.validateStatus ? 0 : statusOnly.length,
      onCreate: options.validateStatus ? nonTransition : nonTransition - statusOnly.length,
      evaluated: 0,
      transitionSkipped: 0,
      unevaluable: 0,
      documents: 0,
      ids: new Set(),
    });
  }
  let documents = 0;
  let evaluated = 0;
  let transitionSkipped = 0;
  let unevaluable = 0;
  for (const doc of docs) {
    const report = validateDocuments(crds, [doc.object], { fieldValidation: 'Strict', validateStatus: options.validateStatus === true });
    const def = crdOf(crds, doc.object);
    if (def) {
      documents += 1;
      const c = coverage.get(def.name)!;
      c.documents += 1;
      c.transitionSkipped += report.rules.transitionSkipped;
      c.unevaluable += report.rules.unevaluable;
      for (const id of report.coverage.get(def.name)?.evaluated ?? []) c.ids.add(id);
    }
    evaluated += report.rules.evaluated;
    transitionSkipped += report.rules.transitionSkipped;
    unevaluable += report.rules.unevaluable;
    for (const issue of report.issues) findings.push(issueFinding(crds, doc, issue, doc.trace ?? trace));
  }
  const cov = [...coverage.values()].map(({ ids, ...c }) => ({ ...c, evaluated: ids.size }));
  return { findings, coverage: cov, documents, evaluated, transitionSkipped, unevaluable };
}

/** Rule ids are `<version>:<schema path>#<n>`; status rules sit under `.status`. */
function onStatus(ruleId: string): boolean {
  const path = ruleId.slice(ruleId.indexOf(':') + 1);
  return path === '.status' || path.startsWith('.status.') || path.startsWith('.status[') || path.startsWith('.status{');
}

function crdOf(crds: CrdSet, obj: unknown) {
  if (!isPlainObject(obj) || typeof obj['apiVersion'] !== 'string' || typeof obj['kind'] !== 'string') return undefined;
  const { group, version } = parseApiVersion(obj['apiVersion']);
  const def = crds.find(group, obj['kind']);
  return def && def.versions.some((v) => v.name === version && v.served) ? def : undefined;
}

/** The CRD schema node at a document path (for the keys and values it allows). */
function schemaAt(crds: CrdSet, obj: unknown, segs: readonly Seg[]): Schema | undefined {
  if (!isPlainObject(obj) || typeof obj['apiVersion'] !== 'string') return undefined;
  const { group, version } = parseApiVersion(obj['apiVersion']);
  const def = crds.find(group, String(obj['kind']));
  let node: Schema | undefined = def?.versions.find((v) => v.name === version)?.schema;
  for (const s of segs) {
    if (!node) return undefined;
    if (typeof s === 'number') node = node.items;
    else node = node.properties?.[s] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
  }
  return node;
}

function objectName(obj: unknown): { apiVersion: string; kind: string; name: string } {
  if (!isPlainObject(obj)) return { apiVersion: '', kind: '', name: '' };
  const meta = isPlainObject(obj['metadata']) ? obj['metadata'] : {};
  return { apiVersion: String(obj['apiVersion'] ?? ''), kind: String(obj['kind'] ?? ''), name: String(meta['name'] ?? meta['generateName'] ?? '') };
}

function issueFinding(crds: CrdSet, doc: DocInput, issue: CrdIssue, trace?: TraceContext): Finding {
  const id = objectName(doc.object);
  const unknownField = issue.origin === 'decode' && issue.message.startsWith('unknown field');
  // Unknown-field paths name the field itself; everything else already has its path.
  const deprecated = issue.origin === 'document' && issue.severity === 'warning' && !issue.message.startsWith('skipped:');
  const segs = deprecated ? ['apiVersion'] : splitFieldPath(doc.object, issue.path);
  const severity = issue.origin === 'document' && issue.message.startsWith('skipped:') ? 'note' : issue.severity;
  const f: Finding = {
    severity,
    origin: 'crd',
    code: codeOf(issue, severity),
    path: '',
    message: issue.message,
    rendered: { apiVersion: id.apiVersion, kind: id.kind, name: id.name, field: deprecated ? 'apiVersion' : issue.path },
  };
  if (issue.rule) f.rule = issue.rule;
  if (issue.origin === 'document' && issue.message.startsWith('no CRD') && !issue.message.includes('serves')) {
    const group = parseApiVersion(id.apiVersion).group;
    f.suggestion = `pass the CRD of ${id.kind} with --crds, e.g. from the cluster: kubectl get crd -o name | grep ${group}`;
  } else if (issue.origin === 'document' && issue.message.includes('serves')) {
    f.suggestion = 'use an apiVersion the CRD serves, or give the CRD of the cluster this is meant for';
  } else if (deprecated) {
    f.suggestion = 'change apiVersion to the version the message names; the cluster still accepts this one, for now';
  } else if (severity === 'note') {
    f.suggestion = 'built-in kinds are checked by the API server itself: kubectl apply --dry-run=server';
  }

  let valuesPath: string | undefined;
  let location: FindingLocation | undefined;
  if (doc.origin.kind === 'chart') {
    if (trace) valuesPath = renderedToValues(id.kind, segs, trace.values);
    if (valuesPath !== undefined && trace) {
      f.path = valuesPath;
      location = trace.locator.locate(valuesPath, { key: unknownField });
    }
    location ??= { kind: 'rendered', template: doc.origin.template };
  } else {
    const hit = fieldPosition(doc.origin.text, doc.docIndex, [...(doc.prefix ?? []), ...segs]);
    location = { kind: 'file', file: doc.origin.file, line: hit?.pos.line ?? 1, col: hit?.pos.col ?? 1 };
  }
  f.location = location;
  if (!f.suggestion) {
    const s = crdSuggestion(crds, doc, issue, segs, valuesPath, f);
    if (s) f.suggestion = s;
  }
  return f;
}

function codeOf(issue: CrdIssue, severity: Finding['severity']): string {
  if (issue.origin === 'internal') return 'crd/unevaluated-rule';
  if (issue.origin !== 'document') return `crd/${issue.origin}`;
  if (severity === 'note') return 'crd/builtin-skipped';
  if (issue.message.startsWith('no CRD')) return 'crd/no-crd';
  if (issue.severity === 'warning') return 'crd/deprecated';
  return 'crd/document';
}

function crdSuggestion(crds: CrdSet, doc: DocInput, issue: CrdIssue, segs: Seg[], valuesPath: string | undefined, f: Finding): string | undefined {
  const last = segs[segs.length - 1];
  const key = typeof last === 'string' ? last : '';
  const node = isPlainObject(doc.object) ? getAt(doc.object, segs) : undefined;
  if (issue.origin === 'decode' && issue.message.startsWith('unknown field')) {
    if (valuesPath) {
      const known = knownMistake(valuesPath);
      if (known) return known.suggestion;
    }
    const parent = schemaAt(crds, doc.object, segs.slice(0, -1));
    const keys = Object.keys(parent?.properties ?? {});
    if (keys.length) f.expected = `one of ${keys.join(', ')}`;
    const near = nearest(key, keys);
    if (near) return `did you mean ${JSON.stringify(near)}?`;
    return 'remove it: the CRD has no such field, and strict field validation rejects the whole object';
  }
  if (issue.origin === 'internal') return 'report this rule: it could not be evaluated offline, so the cluster may still reject the object';
  if (issue.origin === 'cel') {
    f.expected = 'the rule to hold';
    return `change ${valuesPath ?? issue.path ?? 'the object'} so that the rule holds: ${issue.rule ?? ''}`.trim();
  }
  const type = issue.errorType;
  if (type === 'FieldValueRequired') return `add ${key || 'the field'}`;
  if (type === 'FieldValueNotSupported') {
    const supported = [...issue.message.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!).slice(1);
    if (supported.length) f.expected = `one of ${supported.map((s) => JSON.stringify(s)).join(', ')}`;
    const near = typeof node === 'string' ? nearest(node, supported) : undefined;
    return near ? `did you mean ${JSON.stringify(near)}?` : `use one of ${supported.map((s) => JSON.stringify(s)).join(', ')}`;
  }
  if (type === 'FieldValueTypeInvalid') {
    if ((typeof node === 'number' || typeof node === 'boolean') && /string/.test(issue.message)) return `quote it: ${key}: "${String(node)}"`;
    return `change it to the type the CRD expects (${issue.message.replace(/^Invalid value: /, '')})`;
  }
  if (type === 'FieldValueInvalid' && typeof node === 'string' && /should match/.test(issue.message)) {
    const fix = /imeout|uration|elay|nterval/.test(key) ? fixDuration(node) : /imit|ize/.test(key) ? fixQuantity(node) : undefined;
    return fix ?? 'change it to match the pattern';
  }
  if (type === 'FieldValueTooLong') return 'shorten it';
  if (type === 'FieldValueTooMany') return 'remove entries';
  if (type === 'FieldValueDuplicate') return 'remove the duplicate entry, or give it its own key';
  if (type === 'FieldValueForbidden') return 'remove it';
  return undefined;
}

function getAt(obj: unknown, segs: Seg[]): unknown {
  let v = obj;
  for (const s of segs) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[s];
  }
  return v;
}

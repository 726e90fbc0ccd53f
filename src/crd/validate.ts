// Validates Kubernetes documents against loaded CRDs, following kube-apiserver's create path with
// strict field validation: decode (prune unknown fields, drop non-nullable nulls, apply
// defaults) → reset status → ObjectMeta, OpenAPI schema and list-type validation → CEL rules.
import YAML from 'yaml';
import { evaluateRules } from './cel.js';
import { applyDefaults } from './defaults.js';
import * as fe from './field-error.js';
import type { FieldError } from './field-error.js';
import { formatGvk, isBuiltinGroup, parseApiVersion } from './gvk.js';
import { validateListTypes } from './listtype.js';
import { checkMetadata } from './metadata.js';
import { prune } from './prune.js';
import { isPlainObject } from './schema.js';
import { validateStructural } from './structural.js';
import { unchangedAt } from './correlation.js';
import { splitFieldPath } from './path.js';
import type { CrdDefinition, CrdIssue, CrdReport, CrdSet, CrdVersion, IssueOrigin, RuleCoverage, ValidateOptions } from './types.js';

export const RULES_NOT_CHECKED =
  'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

interface DocContext {
  docIndex: number;
  kind: string;
  name: string;
}

export function validateDocuments(crds: CrdSet, docs: readonly unknown[], options: ValidateOptions = {}): CrdReport {
  const report: CrdReport = { issues: [], rules: { evaluated: 0, transitionSkipped: 0, unevaluable: 0 }, coverage: emptyCoverage(crds) };
  docs.forEach((doc, docIndex) => validateOne(crds, doc, docIndex, options, report));
  return report;
}

/**
 * `newDoc` as an UPDATE of `oldDoc` (the object as stored): the new object is checked as on
 * create, except that transition rules run against the old one (`oldSelf`) and errors on values
 * the update left unchanged are ratcheted (let through; counted in `rules.ratcheted`), as
 * kube-apiserver does. Both must be the same kind; the old one is decoded like the new.
 */
export function validateUpdate(crds: CrdSet, oldDoc: unknown, newDoc: unknown, options: ValidateOptions = {}): CrdReport {
  const report: CrdReport = { issues: [], rules: { evaluated: 0, transitionSkipped: 0, unevaluable: 0, transitionEvaluated: 0, ratcheted: 0 }, coverage: emptyCoverage(crds) };
  validateOne(crds, newDoc, 0, { ...options, old: oldDoc }, report);
  return report;
}

/** Parses multi-document YAML and validates every document; YAML errors become issues. */
export function validateYaml(crds: CrdSet, text: string, options: ValidateOptions = {}): CrdReport {
  const parsed = YAML.parseAllDocuments(text);
  const all = Array.isArray(parsed) ? parsed : [parsed];
  const docs: unknown[] = [];
  const yamlErrors: CrdIssue[] = [];
  all.forEach((d, docIndex) => {
    if (d.errors.length > 0) {
      yamlErrors.push({ severity: 'error', path: '', message: `invalid YAML: ${d.errors[0]!.message}`, kind: '', name: '', docIndex, origin: 'document' });
      docs.push(undefined);
    } else {
      docs.push(d.toJS({ maxAliasCount: -1 }));
    }
  });
  const report = validateDocuments(crds, docs, options);
  report.issues.unshift(...yamlErrors);
  return report;
}

/** `path: message`, the way kubectl prints a cause; the object root prints as `<nil>`. */
export function formatIssue(issue: CrdIssue): string {
  if (issue.origin === 'document') return issue.message;
  return `${issue.path === '' ? '<nil>' : issue.path}: ${issue.message}`;
}

/** Unions coverage of several reports (e.g. over a suite of test documents). */
export function mergeCoverage(reports: readonly CrdReport[]): Map<string, RuleCoverage> {
  const out = new Map<string, RuleCoverage>();
  for (const r of reports) {
    for (const [name, c] of r.coverage) {
      const acc = out.get(name) ?? { total: c.total, nonTransition: c.nonTransition, evaluated: new Set<string>() };
      for (const id of c.evaluated) acc.evaluated.add(id);
      out.set(name, acc);
    }
  }
  return out;
}

function emptyCoverage(crds: CrdSet): Map<string, RuleCoverage> {
  const m = new Map<string, RuleCoverage>();
  for (const def of crds.crds) {
    const rules = def.versions.flatMap((v) => v.rules);
    m.set(def.name, { total: rules.length, nonTransition: rules.filter((r) => !r.transition).length, evaluated: new Set() });
  }
  return m;
}

type UpdateOptions = ValidateOptions & { old?: unknown };

function validateOne(crds: CrdSet, doc: unknown, docIndex: number, options: UpdateOptions, report: CrdReport): void {
  if (doc === null || doc === undefined) return; // empty YAML document
  const ctx: DocContext = { docIndex, kind: '', name: '' };
  const push = (severity: CrdIssue['severity'], origin: IssueOrigin, path: string, message: string, extra: Partial<CrdIssue> = {}) =>
    report.issues.push({ severity, path, message, kind: ctx.kind, name: ctx.name, docIndex, origin, ...extra });

  if (!isPlainObject(doc)) {
    push('error', 'document', '', `document ${docIndex} is not an object`);
    return;
  }
  ctx.kind = typeof doc['kind'] === 'string' ? doc['kind'] : '';
  const meta = doc['metadata'];
  ctx.name = isPlainObject(meta) ? String(meta['name'] ?? meta['generateName'] ?? '') : '';
  const apiVersion = doc['apiVersion'];
  if (typeof apiVersion !== 'string' || apiVersion === '' || ctx.kind === '') {
    if (typeof apiVersion !== 'string' || apiVersion === '') push('error', 'document', 'apiVersion', `apiVersion: Required value: object has no apiVersion`);
    if (ctx.kind === '') push('error', 'document', 'kind', `kind: Required value: object has no kind`);
    return;
  }
  const { group, version } = parseApiVersion(apiVersion);
  const gvk = { group, version, kind: ctx.kind };
  const def = crds.find(group, ctx.kind);
  if (!def) {
    if (isBuiltinGroup(group)) push('warning', 'document', '', `skipped: ${formatGvk(gvk)} is a built-in kind, not validated against CRDs`);
    else push('error', 'document', '', `no CRD for group/version/kind ${formatGvk(gvk)}`);
    return;
  }
  const ver = def.versions.find((v) => v.name === version && v.served);
  if (!ver) {
    const served = def.versions.filter((v) => v.served).map((v) => v.name);
    push('error', 'document', '', `no CRD for group/version/kind ${formatGvk(gvk)} (CRD ${def.name} serves ${served.join(', ') || 'no versions'})`);
    return;
  }
  if (ver.deprecated) push('warning', 'document', '', ver.deprecationWarning ?? `${group}/${version} ${ctx.kind} is deprecated`);
  validateResource(def, ver, doc, options, report, push);
}

type Push = (severity: CrdIssue['severity'], origin: IssueOrigin, path: string, message: string, extra?: Partial<CrdIssue>) => void;

function validateResource(def: CrdDefinition, ver: CrdVersion, doc: Record<string, unknown>, options: UpdateOptions, report: CrdReport, push: Push): void {
  const mode = options.mode ?? 'complete';
  const fieldValidation = options.fieldValidation ?? 'Strict';
  const pushErrors = (origin: IssueOrigin, errs: FieldError[]) => {
    for (const e of errs) push('error', origin, e.path, fe.errorBody(e), { errorType: e.type });
  };

  // Decode: ObjectMeta, unknown fields, nulls, defaults.
  const meta = checkMetadata(doc['metadata'], def.scope === 'Namespaced');
  const pruned = prune(doc, ver.schema);
  const unknown = [...meta.unknownFields, ...pruned.unknownFields];
  if (fieldValidation !== 'Ignore') {
    for (const path of unknown) {
      push(fieldValidation === 'Strict' ? 'error' : 'warning', 'decode', path, `unknown field ${JSON.stringify(path)}`);
    }
  }
  const metaTypeErrors = meta.errors.filter((e) => e.type === 'FieldValueTypeInvalid');
  if (mode === 'apiserver' && ((fieldValidation === 'Strict' && unknown.length > 0) || metaTypeErrors.length > 0)) {
    pushErrors('decode', metaTypeErrors);
    return; // the request fails while decoding: nothing is validated
  }
  for (const w of meta.warnings) push('warning', 'metadata', w.path, w.message);
  const obj = applyDefaults(pruned.value, ver.schema) as Record<string, unknown>;
  if (ver.subresources.status && !options.validateStatus) delete obj['status'];
  const update = Object.hasOwn(options, 'old');
  let old: Record<string, unknown> | undefined;
  if (update) {
    old = (isPlainObject(options.old) ? applyDefaults(prune(options.old, ver.schema).value, ver.schema) : {}) as Record<string, unknown>;
    // The main resource endpoint keeps the stored status on update: it is not part of the change.
    if (ver.subresources.status && !options.validateStatus) delete old['status'];
  }
  // Ratcheting: an error on a value the update did not change is let through (a missing required
  // field is judged by the object that lacks it).
  const ratchet = (errs: FieldError[]): FieldError[] => {
    if (!update) return errs;
    const kept = errs.filter((e) => !unchangedAt(obj, old, ver.schema, splitFieldPath(obj, e.path), e.type === 'FieldValueRequired'));
    report.rules.ratcheted = (report.rules.ratcheted ?? 0) + errs.length - kept.length;
    return kept;
  };

  // Validate: ObjectMeta, OpenAPI schema, list types.
  const schemaErrors = ratchet(validateStructural(obj, ver.schema));
  const listErrors = ratchet(validateListTypes(obj, ver.schema));
  pushErrors('metadata', meta.errors);
  pushErrors('schema', schemaErrors);
  pushErrors('list-type', listErrors);

  const blocking = [...meta.errors, ...schemaErrors, ...listErrors].some(fe.isBlocking);
  if (mode === 'apiserver' && blocking) {
    // Kubernetes >= 1.35 prints a nil value unquoted.
    const nil = options.celValueStyle === 'value' ? 'null' : '"null"';
    push('error', 'schema', '', `Invalid value: ${nil}: ${RULES_NOT_CHECKED}`, { errorType: 'FieldValueInvalid' });
    return;
  }

  // CEL.
  const cel = evaluateRules(obj, ver.schema, update ? { valueStyle: options.celValueStyle ?? 'type', old } : { valueStyle: options.celValueStyle ?? 'type' });
  for (const f of cel.failures) {
    push('error', 'cel', f.error.path, fe.errorBody(f.error), { rule: f.rule.rule, ruleId: f.rule.id, errorType: f.error.type });
  }
  for (const u of cel.unevaluable) {
    push('error', 'internal', u.path, `rule could not be evaluated: ${u.reason}`, { rule: u.rule.rule, ruleId: u.rule.id });
  }
  report.rules.evaluated += cel.evaluated;
  report.rules.transitionSkipped += cel.transitionSkipped;
  if (update) {
    report.rules.transitionEvaluated = (report.rules.transitionEvaluated ?? 0) + cel.transitionEvaluated;
    report.rules.ratcheted = (report.rules.ratcheted ?? 0) + cel.ratcheted.length;
  }
  report.rules.unevaluable += cel.unevaluable.length;
  const cov = report.coverage.get(def.name);
  if (cov) for (const id of cel.evaluatedIds) cov.evaluated.add(id);
}

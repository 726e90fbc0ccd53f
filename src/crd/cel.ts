// Evaluates x-kubernetes-validations rules over a document, node by node, the way
// apiextensions-apiserver's schema/cel Validator does: `self` is bound to the node's value,
// failures become field errors with the rule's message, messageExpression, reason and fieldPath.
// On create, transition rules (oldSelf) are skipped. On update (an old object is given), each node
// is paired with its old counterpart (correlation.ts), transition rules run where one exists (or
// always, with `optionalOldSelf`), and a plain rule that fails on a node the update left as it
// was is ratcheted: the API server lets it through.
import { isCelError, type CelInput, type CelResult } from '@bufbuild/cel';
import { compileExpression, type CompiledExpression } from './cel-compile.js';
import { CelValueConverter } from './cel-values.js';
import { CelCompileError } from './errors.js';
import * as fe from './field-error.js';
import type { FieldError } from './field-error.js';
import { child, index, key, toString, type FieldPath } from './path.js';
import { isPlainObject, matchesType, type Schema, type ValidationRule } from './schema.js';
import { correlateChild, correlateItem, deepEqual, type Old } from './correlation.js';
import { optionalNone, optionalOf } from './cel-lib-optional.js';

export interface CelFailure {
  error: FieldError;
  rule: ValidationRule;
}

export interface CelUnevaluable {
  path: string;
  rule: ValidationRule;
  reason: string;
}

export interface CelRunResult {
  failures: CelFailure[];
  unevaluable: CelUnevaluable[];
  /** Ids of rules that ran to a result on this document. */
  evaluatedIds: Set<string>;
  evaluated: number;
  transitionSkipped: number;
  /** Transition rules evaluated against an old value (update only). */
  transitionEvaluated: number;
  /** Failures of plain rules on nodes the update left unchanged, let through as the API server does. */
  ratcheted: CelFailure[];
}

export interface CelOptions {
  valueStyle: 'type' | 'value';
  /** The old object (pruned and defaulted): evaluate as an UPDATE. */
  old?: unknown;
}

const MAX_MESSAGE_EXPRESSION_LENGTH = 5000;

export function evaluateRules(doc: unknown, schema: Schema, options: CelOptions = { valueStyle: 'type' }): CelRunResult {
  const run: CelRunResult = { failures: [], unevaluable: [], evaluatedIds: new Set(), evaluated: 0, transitionSkipped: 0, transitionEvaluated: 0, ratcheted: [] };
  const walker = new RuleWalker(options, run);
  const update = Object.hasOwn(options, 'old');
  walker.walk(doc, schema, [], true, update ? { value: options.old } : undefined, update);
  return run;
}

class RuleWalker {
  private readonly values = new CelValueConverter();

  constructor(
    private readonly options: CelOptions,
    private readonly run: CelRunResult,
  ) {}

  /** `old`: the node's old counterpart on update (undefined when it has none); `update`: this is an update. */
  walk(v: unknown, s: Schema, path: FieldPath, isRoot: boolean, old: Old | undefined, update: boolean): void {
    // Null and mistyped values are left to the schema errors (which block CEL in the API server).
    if (v === null || v === undefined || !matchesType(s, v)) return;
    for (const rule of s.rules ?? []) this.evaluate(rule, v, s, path, isRoot, old, update);
    if (Array.isArray(v)) {
      if (s.items) v.forEach((x, i) => this.walk(x, s.items!, index(path, i), false, correlateItem(x, s, old), update));
    } else if (isPlainObject(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (isRoot && k === 'metadata') continue;
        if (s.properties && Object.hasOwn(s.properties, k)) this.walk(x, s.properties[k]!, child(path, k), false, correlateChild(k, old), update);
        else if (s.additionalProperties !== undefined && s.additionalProperties !== true) this.walk(x, s.additionalProperties, key(path, k), false, correlateChild(k, old), update);
      }
    }
  }

  private evaluate(rule: ValidationRule, v: unknown, s: Schema, path: FieldPath, isRoot: boolean, old: Old | undefined, update: boolean): void {
    const where = toString(path);
    let compiled: CompiledExpression;
    try {
      compiled = compileExpression(rule.rule);
    } catch (err) {
      const reason = err instanceof CelCompileError ? err.message : String(err);
      this.run.unevaluable.push({ path: where, rule, reason });
      return;
    }
    const transition = compiled.usesOldSelf || rule.transition;
    const bindings: Record<string, CelInput> = {};
    if (transition) {
      // Without optionalOldSelf a transition rule runs only where there is an old value to pair
      // with (never on create); with it, it always runs and oldSelf is an optional.
      if (rule.optionalOldSelf) bindings['oldSelf'] = old && update ? optionalOf(this.values.convert(old.value, s, isRoot)) : optionalNone();
      else if (old && update) bindings['oldSelf'] = this.values.convert(old.value, s, isRoot);
      else {
        this.run.transitionSkipped++;
        return;
      }
    }
    const self = this.values.convert(v, s, isRoot);
    bindings['self'] = self;
    const result = compiled.run(bindings);
    if (isCelError(result) && isImplementationGap(result.message)) {
      this.run.unevaluable.push({ path: where, rule, reason: result.message });
      return;
    }
    if (!isCelError(result) && typeof result !== 'boolean') {
      this.run.unevaluable.push({ path: where, rule, reason: `rule evaluated to a non-boolean value` });
      return;
    }
    this.run.evaluated++;
    if (transition) this.run.transitionEvaluated++;
    this.run.evaluatedIds.add(rule.id);
    if (result === true) return;
    // Ratcheting (KEP-4008): a plain rule failing on a value the update did not touch is let
    // through; transition rules never ratchet.
    const into = !transition && update && old !== undefined && deepEqual(old.value, v) ? this.run.ratcheted : this.run.failures;
    const shown = this.displayValue(v, s);
    if (isCelError(result)) {
      const msg = k8sErrorText(result.message);
      const detail = /no (such|matching) overload/.test(msg)
        ? `'${msg}': call arguments did not match a supported operator, function or macro signature for rule: ${ruleErrorString(rule)}`
        : `${msg} evaluating rule: ${ruleErrorString(rule)}`;
      into.push({ rule, error: fe.invalid(where, shown, detail) });
      return;
    }
    const target = withFieldPath(where, rule.fieldPath);
    const message = this.message(rule, bindings) ?? ruleMessageOrDefault(rule);
    into.push({ rule, error: errorForReason(target, shown, message, rule.reason) });
  }

  /** messageExpression result, or undefined to fall back to `message` (as the API server does). */
  private message(rule: ValidationRule, bindings: Record<string, CelInput>): string | undefined {
    if (rule.messageExpression === undefined) return undefined;
    let out: CelResult;
    try {
      out = compileExpression(rule.messageExpression).run(bindings);
    } catch {
      return undefined;
    }
    if (typeof out !== 'string') return undefined;
    const trimmed = out.trim();
    if (trimmed === '' || trimmed.includes('\n') || trimmed.length > MAX_MESSAGE_EXPRESSION_LENGTH) return undefined;
    return trimmed;
  }

  /** Kubernetes <= 1.34 prints the schema type; >= 1.35 prints scalars and omits composites. */
  private displayValue(v: unknown, s: Schema): unknown {
    if (this.options.valueStyle === 'type') return s.intOrString ? '' : (s.type ?? '');
    return typeof v === 'object' && v !== null ? fe.OMIT_VALUE : v;
  }
}

/** Errors that mean *we* could not evaluate the rule, as opposed to the rule failing. */
function isImplementationGap(message: string): boolean {
  return /unbound function|unsupported|not supported|Not a CEL value/.test(message);
}

/** @bufbuild/cel wording → cel-go wording, where they differ. */
function k8sErrorText(message: string): string {
  return message.replace(/^field not found: (.*)$/, 'no such key: $1');
}

function ruleErrorString(rule: ValidationRule): string {
  return (rule.message ?? '').trim() !== '' ? rule.message!.trim() : rule.rule.trim();
}

function ruleMessageOrDefault(rule: ValidationRule): string {
  return (rule.message ?? '').trim() === '' ? `failed rule: ${ruleErrorString(rule)}` : rule.message!.trim();
}

/** Appends a rule's `fieldPath` (`.spec.x`, `.m['k']`, `.l[0]`) to the node path. */
export function withFieldPath(base: string, fieldPath: string | undefined): string {
  if (!fieldPath) return base;
  const normalized = fieldPath.replace(/\[\s*'((?:[^'\\]|\\.)*)'\s*\]/g, '[$1]').replace(/^\./, '');
  if (base === '') return normalized;
  return normalized.startsWith('[') ? `${base}${normalized}` : `${base}.${normalized}`;
}

function errorForReason(path: string, value: unknown, detail: string, reason: string | undefined): FieldError {
  switch (reason) {
    case 'FieldValueForbidden':
      return fe.forbidden(path, detail);
    case 'FieldValueRequired':
      return fe.required(path, detail);
    case 'FieldValueDuplicate':
      return fe.duplicate(path, value);
    default:
      return fe.invalid(path, value, detail);
  }
}

// Evaluates x-kubernetes-validations rules over a document, node by node, the way
// apiextensions-apiserver's schema/cel Validator does on create: `self` is bound to the node's
// value, transition rules (oldSelf) are skipped, failures become field errors with the rule's
// message, messageExpression, reason and fieldPath.
import { isCelError, type CelResult } from '@bufbuild/cel';
import { compileExpression, type CompiledExpression } from './cel-compile.js';
import { CelValueConverter } from './cel-values.js';
import { CelCompileError } from './errors.js';
import * as fe from './field-error.js';
import type { FieldError } from './field-error.js';
import { child, index, key, toString, type FieldPath } from './path.js';
import { isPlainObject, matchesType, type Schema, type ValidationRule } from './schema.js';

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
}

export interface CelOptions {
  valueStyle: 'type' | 'value';
}

const MAX_MESSAGE_EXPRESSION_LENGTH = 5000;

export function evaluateRules(doc: unknown, schema: Schema, options: CelOptions = { valueStyle: 'type' }): CelRunResult {
  const run: CelRunResult = { failures: [], unevaluable: [], evaluatedIds: new Set(), evaluated: 0, transitionSkipped: 0 };
  const walker = new RuleWalker(options, run);
  walker.walk(doc, schema, [], true);
  return run;
}

class RuleWalker {
  private readonly values = new CelValueConverter();

  constructor(
    private readonly options: CelOptions,
    private readonly run: CelRunResult,
  ) {}

  walk(v: unknown, s: Schema, path: FieldPath, isRoot: boolean): void {
    // Null and mistyped values are left to the schema errors (which block CEL in the API server).
    if (v === null || v === undefined || !matchesType(s, v)) return;
    for (const rule of s.rules ?? []) this.evaluate(rule, v, s, path, isRoot);
    if (Array.isArray(v)) {
      if (s.items) v.forEach((x, i) => this.walk(x, s.items!, index(path, i), false));
    } else if (isPlainObject(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (isRoot && k === 'metadata') continue;
        if (s.properties && Object.hasOwn(s.properties, k)) this.walk(x, s.properties[k]!, child(path, k), false);
        else if (s.additionalProperties !== undefined && s.additionalProperties !== true) this.walk(x, s.additionalProperties, key(path, k), false);
      }
    }
  }

  private evaluate(rule: ValidationRule, v: unknown, s: Schema, path: FieldPath, isRoot: boolean): void {
    const where = toString(path);
    let compiled: CompiledExpression;
    try {
      compiled = compileExpression(rule.rule);
    } catch (err) {
      const reason = err instanceof CelCompileError ? err.message : String(err);
      this.run.unevaluable.push({ path: where, rule, reason });
      return;
    }
    if (compiled.usesOldSelf || rule.transition) {
      if (rule.optionalOldSelf) {
        this.run.unevaluable.push({ path: where, rule, reason: 'optionalOldSelf rules need CEL optional types, which are not supported' });
      } else {
        this.run.transitionSkipped++;
      }
      return;
    }
    const self = this.values.convert(v, s, isRoot);
    const result = compiled.run({ self });
    if (isCelError(result) && isImplementationGap(result.message)) {
      this.run.unevaluable.push({ path: where, rule, reason: result.message });
      return;
    }
    if (!isCelError(result) && typeof result !== 'boolean') {
      this.run.unevaluable.push({ path: where, rule, reason: `rule evaluated to a non-boolean value` });
      return;
    }
    this.run.evaluated++;
    this.run.evaluatedIds.add(rule.id);
    if (result === true) return;
    const shown = this.displayValue(v, s);
    if (isCelError(result)) {
      const msg = k8sErrorText(result.message);
      const detail = /no (such|matching) overload/.test(msg)
        ? `'${msg}': call arguments did not match a supported operator, function or macro signature for rule: ${ruleErrorString(rule)}`
        : `${msg} evaluating rule: ${ruleErrorString(rule)}`;
      this.run.failures.push({ rule, error: fe.invalid(where, shown, detail) });
      return;
    }
    const target = withFieldPath(where, rule.fieldPath);
    const message = this.message(rule, self) ?? ruleMessageOrDefault(rule);
    this.run.failures.push({ rule, error: errorForReason(target, shown, message, rule.reason) });
  }

  /** messageExpression result, or undefined to fall back to `message` (as the API server does). */
  private message(rule: ValidationRule, self: unknown): string | undefined {
    if (rule.messageExpression === undefined) return undefined;
    let out: CelResult;
    try {
      out = compileExpression(rule.messageExpression).run({ self: self as never });
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

// Compiles x-kubernetes-validations expressions once (per expression text, process-wide) and
// rejects, at compile time, what the API server's type checker would reject: unknown functions,
// wrong arities and undeclared variables. @bufbuild/cel has no checker and would otherwise only
// fail at evaluation time, which could let a broken rule pass silently.
import { parse, plan, type CelInput, type CelResult } from '@bufbuild/cel';
import { CelCompileError } from './errors.js';
import { k8sCelEnv } from './cel-lib.js';
import { AstEncoder, decodeAst, type Shape } from './cel-ast-codec.js';

type Expr = ReturnType<typeof parse>['expr'];

export interface CompiledExpression {
  text: string;
  /** References `oldSelf`: a transition rule. */
  usesOldSelf: boolean;
  run(bindings: Record<string, CelInput>): CelResult;
}

/** Calls the planner implements itself rather than through the function registry. */
const PLANNER_OPERATORS = new Set(['_[_]', '_[?_]', '_?._', '_?_:_', '_&&_', '_||_', '@not_strictly_false', '__not_strictly_false__']);

/** Type names usable as values (`type(x) == string`). */
const TYPE_IDENTS = new Set(['int', 'uint', 'double', 'bool', 'string', 'bytes', 'list', 'map', 'null_type', 'type', 'dyn']);

const cache = new Map<string, CompiledExpression | CelCompileError>();

/**
 * Compiles `text` with the given root variables in scope (`self`, plus `oldSelf` for rules).
 * Throws CelCompileError; failures are cached too, so a bad rule costs one parse.
 */
export function compileExpression(text: string, variables: readonly string[] = ['self', 'oldSelf']): CompiledExpression {
  const key = `${variables.join(',')}\u0000${text}`;
  let hit = cache.get(key);
  if (hit === undefined) {
    try {
      hit = compileUncached(text, variables);
    } catch (err) {
      hit = err instanceof CelCompileError ? err : new CelCompileError(text, err instanceof Error ? err.message : String(err));
    }
    cache.set(key, hit);
  }
  if (hit instanceof CelCompileError) throw hit;
  return hit;
}

/**
 * The parser's verdict on a set of expression texts, in the form the on-disk CRD cache keeps:
 * each tree encoded (see cel-ast-codec.ts), or the reason it does not parse.
 */
export interface CachedParses {
  shapes: Shape[];
  trees: Record<string, string>;
  syntaxErrors: Record<string, string>;
}

/** Parsed trees other runs left in the cache, by expression text; used instead of parsing. */
const seeded = new Map<string, { shapes: readonly Shape[]; tree?: string; syntaxError?: string }>();

/** Parses every text (once) for the cache. A tree the codec cannot reproduce is left out. */
export function parseForCache(texts: Iterable<string>): CachedParses {
  const encoder = new AstEncoder();
  const out: CachedParses = { shapes: encoder.shapes, trees: Object.create(null), syntaxErrors: Object.create(null) };
  for (const text of texts) {
    if (Object.hasOwn(out.trees, text) || Object.hasOwn(out.syntaxErrors, text)) continue;
    const expr = parseText(text);
    if (typeof expr === 'string') out.syntaxErrors[text] = expr;
    else {
      const tree = encoder.encodeParsed(expr);
      if (tree !== undefined) out.trees[text] = tree;
    }
  }
  return out;
}

/** Forgets every compiled and seeded expression (clearLoadCache: tests and warm-ups start cold). */
export function clearCompiledExpressions(): void {
  cache.clear();
  seeded.clear();
}

/** Makes compileExpression use these parses instead of parsing the same texts again. */
export function seedParses(cached: CachedParses): void {
  for (const text of Object.keys(cached.trees)) seeded.set(text, { shapes: cached.shapes, tree: cached.trees[text]! });
  for (const text of Object.keys(cached.syntaxErrors)) seeded.set(text, { shapes: cached.shapes, syntaxError: cached.syntaxErrors[text]! });
}

/**
 * The expression tree of `text`, or the reason it is not CEL (the message CelCompileError
 * carries). The parse's sourceInfo (offsets, macro calls) is dropped: nothing here reads it, and
 * it was two fifths of a cached tree and most of the cost of decoding one.
 */
function parseText(text: string): Expr | string {
  try {
    return parse(text).expr;
  } catch (err) {
    return `syntax error: ${err instanceof Error ? err.message : String(err)}`;
  }
}

function parseOrSeeded(text: string): Expr | string {
  const hit = seeded.get(text);
  if (hit?.syntaxError !== undefined) return hit.syntaxError;
  if (hit?.tree !== undefined) {
    try {
      return decodeAst(hit.tree, hit.shapes) as Expr;
    } catch {
      // a damaged cache entry: parse instead
    }
  }
  return parseText(text);
}

function compileUncached(text: string, variables: readonly string[]): CompiledExpression {
  const expr = parseOrSeeded(text);
  if (typeof expr === 'string') throw new CelCompileError(text, expr);
  const idents = new Set<string>();
  rewriteAndCheck(expr, new Set(variables), idents, text);
  // What parse() returned, less the sourceInfo plan() does not read.
  const program = plan(k8sCelEnv(), { $typeName: 'cel.expr.ParsedExpr', expr } as Parameters<typeof plan>[1]);
  return {
    text,
    usesOldSelf: idents.has('oldSelf'),
    run: (bindings) => program(bindings),
  };
}

function fail(text: string, reason: string): never {
  throw new CelCompileError(text, reason);
}

/** `a.b.c` → "a.b.c" when the expression is a plain qualified name. */
function qualifiedName(e: Expr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.exprKind.case === 'identExpr') return e.exprKind.value.name;
  if (e.exprKind.case === 'selectExpr' && !e.exprKind.value.testOnly) {
    const q = qualifiedName(e.exprKind.value.operand);
    return q === undefined ? undefined : `${q}.${e.exprKind.value.field}`;
  }
  return undefined;
}

/** Walks the AST: expands `cel.bind`, checks calls and identifiers, records root idents used. */
function rewriteAndCheck(e: Expr | undefined, scope: ReadonlySet<string>, used: Set<string>, text: string): void {
  if (!e) return;
  const k = e.exprKind;
  switch (k.case) {
    case 'identExpr': {
      const name = k.value.name;
      if (!scope.has(name) && !TYPE_IDENTS.has(name)) fail(text, `undeclared reference to '${name}'`);
      used.add(name);
      return;
    }
    case 'constExpr':
      return;
    case 'selectExpr':
      rewriteAndCheck(k.value.operand, scope, used, text);
      return;
    case 'listExpr':
      for (const x of k.value.elements) rewriteAndCheck(x, scope, used, text);
      return;
    case 'structExpr':
      if (k.value.messageName !== '') fail(text, `unsupported message construction '${k.value.messageName}'`);
      for (const entry of k.value.entries) {
        if (entry.keyKind.case === 'mapKey') rewriteAndCheck(entry.keyKind.value, scope, used, text);
        rewriteAndCheck(entry.value, scope, used, text);
      }
      return;
    case 'comprehensionExpr': {
      const c = k.value;
      if (c.iterVar2 !== '') fail(text, 'two-variable comprehensions are not supported');
      rewriteAndCheck(c.iterRange, scope, used, text);
      rewriteAndCheck(c.accuInit, scope, used, text);
      const inner = new Set(scope).add(c.iterVar).add(c.accuVar);
      rewriteAndCheck(c.loopCondition, inner, used, text);
      rewriteAndCheck(c.loopStep, inner, used, text);
      rewriteAndCheck(c.result, new Set(scope).add(c.accuVar), used, text);
      return;
    }
    case 'callExpr': {
      const call = k.value;
      const qual = qualifiedName(call.target);
      if (qual === 'cel' && call.function === 'bind') {
        expandBind(e, text);
        rewriteAndCheck(e, scope, used, text);
        return;
      }
      const env = k8sCelEnv();
      if (qual !== undefined && !scope.has(qual.split('.')[0]!) && env.funcs.find(`${qual}.${call.function}`)) {
        for (const a of call.args) rewriteAndCheck(a, scope, used, text);
        return;
      }
      rewriteAndCheck(call.target, scope, used, text);
      for (const a of call.args) rewriteAndCheck(a, scope, used, text);
      if (PLANNER_OPERATORS.has(call.function)) return;
      const group = env.funcs.find(call.function);
      if (!group) fail(text, `undeclared reference to '${call.function}'`);
      const isMethod = call.target !== undefined;
      const argc = call.args.length;
      const ok = [...group].some((f) => (f.target !== undefined) === isMethod && f.arguments.length === argc);
      // CEL lets most functions be called either way (`size(x)` / `x.size()`); accept the other
      // form when it has the same total arity.
      const alt = [...group].some((f) => (f.target !== undefined) !== isMethod && f.arguments.length + (f.target ? 1 : 0) === argc + (isMethod ? 1 : 0));
      if (!ok && !alt) fail(text, `found no matching overload for '${call.function}' with ${argc} argument(s)`);
      return;
    }
    default:
      fail(text, `unsupported expression kind '${String(k.case)}'`);
  }
}

/** cel.bind(v, init, body) → the comprehension cel-go expands it to. */
function expandBind(e: Expr, text: string): void {
  if (e.exprKind.case !== 'callExpr') return;
  const [v, init, body] = e.exprKind.value.args;
  if (!v || !init || !body || v.exprKind.case !== 'identExpr') fail(text, 'cel.bind() requires (identifier, init, body)');
  const varName = v.exprKind.value.name;
  const emptyList = { ...v, exprKind: { case: 'listExpr', value: { $typeName: 'cel.expr.Expr.CreateList', elements: [], optionalIndices: [] } } } as unknown as Expr;
  const falseConst = { ...v, exprKind: { case: 'constExpr', value: { $typeName: 'cel.expr.Constant', constantKind: { case: 'boolValue', value: false } } } } as unknown as Expr;
  const accuRef = { ...v, exprKind: { case: 'identExpr', value: { $typeName: 'cel.expr.Expr.Ident', name: varName } } } as unknown as Expr;
  (e as { exprKind: unknown }).exprKind = {
    case: 'comprehensionExpr',
    value: {
      $typeName: 'cel.expr.Expr.Comprehension',
      iterVar: '#unused',
      iterVar2: '',
      iterRange: emptyList,
      accuVar: varName,
      accuInit: init,
      loopCondition: falseConst,
      loopStep: accuRef,
      result: body,
    },
  };
}

/**
 * Runs handlebars' precompiled template code (src/generated/assets.ts) without the handlebars
 * runtime. The compiled functions decide everything a template means (whitespace, blocks, block
 * params, paths); they only call back into a small "container" for property lookup and for
 * wrapping sub-programs. This is that container, with handlebars' semantics for the options the
 * twins are compiled with (no escaping, no decorators, no partial statements, known helpers only,
 * prototype access denied). What it leaves out is per-call work the full runtime does: re-wrapping
 * every helper on every template call and allocating options it never reads, about a third of a
 * render. A test renders every template both ways on random values and compares.
 */

/** One compiled program: (container, context, helpers, partials, data, blockParams) → text. */
type ProgramFn = (container: Container, context: unknown, helpers: Helpers, partials: object, data: unknown, blockParams?: unknown[]) => string;
type Helpers = Record<string, (...args: unknown[]) => unknown>;

export interface TemplateSpec {
  main: ProgramFn;
  useData?: boolean;
  useBlockParams?: boolean;
  useDepths?: boolean;
  usePartial?: boolean;
  useDecorators?: boolean;
  [program: string]: unknown;
}

interface ProgramOptions {
  data?: unknown;
  blockParams?: unknown;
}

interface Container {
  helpers: Helpers;
  nullContext: object;
  noop: () => string;
  lookupProperty: (parent: unknown, name: string) => unknown;
  program: (i: number, data: unknown, declaredBlockParams: number, blockParams?: unknown[]) => (context: unknown, options?: ProgramOptions) => string;
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * handlebars' lookupProperty with prototype access denied by default: own properties only, and
 * never a prototype object's own `constructor` back-reference.
 */
function lookupProperty(parent: unknown, name: string): unknown {
  const result = (parent as Record<string, unknown>)[name];
  if (result == null) return result;
  if (hasOwn.call(parent, name) && !(name === 'constructor' && typeof result === 'function' && parent === (result as { prototype?: unknown }).prototype)) {
    return result;
  }
  return undefined;
}

const noop = (): string => '';

// Programs get no partials (the twins use none); one shared, frozen object instead of one per call.
const NO_PARTIALS = Object.freeze({});

/** A template function, as `Handlebars.template(spec)` would give, for the twins' subset. */
export function runtimeTemplate(spec: TemplateSpec, helpers: Helpers): (context: unknown) => string {
  if (spec.useDepths || spec.usePartial || spec.useDecorators || Object.keys(spec).some((k) => k.endsWith('_d'))) {
    throw new Error('template uses a handlebars feature the twins do not (depths, partial statements or decorators)');
  }
  const container: Container = {
    helpers,
    nullContext: Object.seal({}),
    noop,
    lookupProperty,
    // handlebars' container.program + wrapProgram, without depths or decorators: the block
    // params seen inside are the block's own (from the helper's options), then the outer ones.
    program(i, data, _declaredBlockParams, blockParams) {
      const fn = spec[i] as ProgramFn;
      if (!blockParams) return (context, options) => fn(container, context, helpers, NO_PARTIALS, options?.data || data, undefined);
      return (context, options) => fn(container, context, helpers, NO_PARTIALS, options?.data || data, withBlockParams(options?.blockParams, blockParams));
    },
  };
  return (context) => {
    const data = spec.useData ? { root: context } : undefined;
    return '' + spec.main(container, context, helpers, NO_PARTIALS, data, spec.useBlockParams ? [] : undefined);
  };
}

/** `[own].concat(outer)`, as handlebars builds it (`own` is one entry, even when it is a list). */
function withBlockParams(own: unknown, outer: unknown[]): unknown[] {
  const out = new Array<unknown>(outer.length + 1);
  out[0] = own;
  for (let i = 0; i < outer.length; i++) out[i + 1] = outer[i];
  return out;
}

/**
 * The fixed helper set every chart's handlebars twins may call (templates are compiled with
 * knownHelpersOnly, so nothing else is reachable; a chart adds its own, src/charts/<id>/helpers.ts).
 * Each helper reproduces the Go template built-in or sprig function of the same name, with Go's
 * truthiness: an empty map is false.
 */
import type { HelperDelegate, HelperOptions } from 'handlebars';
import { TemplateFailError } from '../errors.js';
import { goTruthy } from './go-truth.js';
import { toYaml, indent, nindent, nindentToYaml } from './to-yaml.js';
import { isMap, newMap, type Value, type ValueMap } from '../values/types.js';
import { standardLabels } from './chart-helpers.js';
import { goSortedKeys } from '../go/sort-strings.js';

/** Handlebars passes its options object as the last argument; Go functions never see it. */
function args(all: unknown[]): unknown[] {
  return all.slice(0, -1);
}

function options(all: unknown[]): HelperOptions {
  return all[all.length - 1] as HelperOptions;
}

export type PartialRenderer = (name: string, context: unknown) => string;

export type ChartHelpers = Readonly<Record<string, (...args: never[]) => unknown>>;

export function createHelpers(renderPartial: PartialRenderer, templateName: () => string, chartHelpers: ChartHelpers = {}): Record<string, HelperDelegate> {
  const shared: Record<string, HelperDelegate> = {
    if(this: unknown, cond: unknown, opts: HelperOptions) {
      return goTruthy(cond) ? opts.fn(this) : opts.inverse(this);
    },
    unless(this: unknown, cond: unknown, opts: HelperOptions) {
      return goTruthy(cond) ? opts.inverse(this) : opts.fn(this);
    },
    with(this: unknown, value: unknown, opts: HelperOptions) {
      return goTruthy(value) ? opts.fn(value) : opts.inverse(this);
    },
    /**
     * `{{#range x as |value key|}}…{{else}}…{{/range}}`: Go's `range $key, $value := x`. A map is
     * visited in Go's key order (sorted), a list in order; nothing to visit renders the else block.
     */
    range(this: unknown, value: unknown, opts: HelperOptions) {
      if (Array.isArray(value)) {
        if (value.length === 0) return opts.inverse(this);
        let out = '';
        for (let i = 0; i < value.length; i++) out += opts.fn(value[i], { data: opts.data, blockParams: [value[i], i] });
        return out;
      }
      if (!isMap(value)) return opts.inverse(this);
      const keys = goSortedKeys(value);
      if (keys.length === 0) return opts.inverse(this);
      let out = '';
      for (const key of keys) out += opts.fn((value as ValueMap)[key], { data: opts.data, blockParams: [(value as ValueMap)[key], key] });
      return out;
    },
    /** `{{#let a b as |x y|}}`: Go's `$x := a`, scoped to the block. */
    let(this: unknown, ...all: unknown[]) {
      const opts = options(all);
      return opts.fn(this, { data: opts.data, blockParams: args(all) });
    },
    and(...all: unknown[]) {
      const list = args(all);
      for (const v of list) if (!goTruthy(v)) return v;
      return list[list.length - 1];
    },
    or(...all: unknown[]) {
      const list = args(all);
      for (const v of list) if (goTruthy(v)) return v;
      return list[list.length - 1];
    },
    not: (value: unknown) => !goTruthy(value),
    eq: (a: unknown, b: unknown) => a === b,
    ne: (a: unknown, b: unknown) => a !== b,
    default: (fallback: unknown, given: unknown) => (goTruthy(given) ? given : fallback),
    dict(...all: unknown[]) {
      const list = args(all);
      const out = newMap();
      for (let i = 0; i < list.length; i += 2) out[String(list[i])] = (list[i + 1] ?? null) as Value;
      return out;
    },
    list: (...all: unknown[]) => args(all),
    /** sprig `dig "a" "b" default map`: the value at a.b, or the default when a key is missing. */
    dig(...all: unknown[]) {
      const list = args(all);
      const map = list[list.length - 1];
      const fallback = list[list.length - 2];
      let current: unknown = map;
      for (const key of list.slice(0, -2) as string[]) {
        if (!isMap(current) || !Object.prototype.hasOwnProperty.call(current, key)) return fallback;
        current = (current as ValueMap)[key];
      }
      return current;
    },
    /** Go's `not (kindIs "invalid" x)`: the value is there, even when it is 0, false or "". */
    isSet: (value: unknown) => value !== null && value !== undefined,
    toYaml: (value: unknown) => toYaml((value ?? null) as Value),
    nindent: (n: number, s: string) => nindent(n, s),
    indent: (n: number, s: string) => indent(n, s),
    /** `nindent n (toYaml v)`: scripts/build-assets.mjs compiles that pattern to this call. */
    toYamlNindent: (n: number, value: unknown) => nindentToYaml(n, (value ?? null) as Value),
    /** Go's `include`: the partial's text. Go's `{{- end }}` drops the final newline; so do we. */
    include: (name: string, context: unknown) => {
      const text = renderPartial(name, context);
      return text.endsWith('\n') ? text.slice(0, -1) : text;
    },
    fail(message: string) {
      throw new TemplateFailError(templateName(), message);
    },
    standardLabels: (root: unknown, labels: unknown) => standardLabels(root as never, labels),
  };
  const out: Record<string, HelperDelegate> = { ...shared };
  for (const name of Object.keys(chartHelpers)) {
    if (Object.hasOwn(shared, name)) throw new Error(`chart helper ${name} would replace the shared helper of that name`);
    out[name] = chartHelpers[name] as HelperDelegate;
  }
  return out;
}

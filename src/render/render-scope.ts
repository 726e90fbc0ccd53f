/**
 * Work that several templates of one render ask for (the models chart's six templates each range
 * over the same enabled models or used backends): computed once per render. The values cannot
 * change while the templates run, but can between renders (a library caller may modify and render
 * again), so results are kept only for the duration of renderValues' template pass.
 */
type Compute = (arg: never) => unknown;

let scope: Map<Compute, { arg: object; result: unknown }> | undefined;

/** Runs the templates of one render: within it, oncePerRender functions remember their result. */
export function inRenderScope<T>(run: () => T): T {
  const outer = scope;
  scope = new Map();
  try {
    return run();
  } finally {
    scope = outer;
  }
}

/**
 * `compute`, remembered for the argument it last saw within one render (outside a render, as
 * checks.ts calls it, it simply computes). Callers share the result: it must be treated as read-only.
 */
export function oncePerRender<A extends object, R>(compute: (arg: A) => R): (arg: A) => R {
  return (arg: A): R => {
    if (scope === undefined) return compute(arg);
    const held = scope.get(compute);
    if (held !== undefined && held.arg === arg) return held.result as R;
    const result = compute(arg);
    scope.set(compute, { arg, result });
    return result;
  };
}

/**
 * Turns a chart's precompiled handlebars twins (src/generated/<id>/assets.ts, made by
 * scripts/build-assets.mjs) into functions, once per process and chart. Templates are never
 * compiled at run time, values are never compiled at all, and the compiled code runs on
 * template-runtime.ts rather than the handlebars runtime.
 */
import type { ChartDefinition, ChartMeta } from '../charts/chart.js';
import { createHelpers } from './helpers.js';
import { runtimeTemplate } from './template-runtime.js';
import type { TemplateRoot } from './chart-helpers.js';

export type TemplateFn = (root: TemplateRoot) => string;

export interface CompiledChart {
  meta: ChartMeta;
  /** chart-relative path (`templates/gateway.yaml`) → template, in byte order of the path */
  templates: [string, TemplateFn][];
  /** the fixed helper set the templates run with (`include` resolves the chart's partials) */
  helpers: Readonly<Record<string, (...args: unknown[]) => unknown>>;
}

const compiled = new Map<string, CompiledChart>();

export function loadChart(chart: ChartDefinition): CompiledChart {
  const done = compiled.get(chart.id);
  if (done) return done;
  let current = '';
  // No prototype: a name such as "constructor" (or one planted on Object.prototype) is no partial.
  const partials: Record<string, (context: unknown) => string> = Object.create(null);
  const renderPartial = (name: string, context: unknown): string => {
    const partial = typeof name === 'string' && Object.prototype.hasOwnProperty.call(partials, name) ? partials[name] : undefined;
    if (!partial) throw new Error(`unknown partial ${typeof name === 'string' ? name : `(a ${typeof name}, not a name)`}`);
    return partial(context);
  };
  const helpers = createHelpers(renderPartial, () => current, chart.helpers) as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const [name, spec] of Object.entries(chart.partialSpecs)) partials[name] = runtimeTemplate(spec, helpers);
  const names = Object.keys(chart.templateSpecs).map((file) => `templates/${file}`);
  names.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const templates: [string, TemplateFn][] = names.map((path) => {
    const fn = runtimeTemplate(chart.templateSpecs[path.slice('templates/'.length)]!, helpers);
    const source = `${chart.meta.name}/${path}`;
    return [
      path,
      (root: TemplateRoot) => {
        current = source;
        return fn(root);
      },
    ];
  });
  const result = { meta: chart.meta, templates, helpers: Object.freeze(helpers) };
  compiled.set(chart.id, result);
  return result;
}

/**
 * Turns the precompiled handlebars twins (src/generated/assets.ts, made by
 * scripts/build-assets.mjs) into functions, once per process. Only the handlebars runtime is
 * loaded: templates are never compiled at run time, and values are never compiled at all.
 */
import HandlebarsRuntime from 'handlebars/runtime.js';
import type HandlebarsTypes from 'handlebars';

// The runtime build has the same API as the full package minus the compiler; its .d.ts is empty.
const Handlebars = HandlebarsRuntime as unknown as typeof HandlebarsTypes;
import { templateSpecs, partialSpecs, chartMeta } from '../generated/assets.js';
import { createHelpers } from './helpers.js';
import type { ChartMeta, TemplateRoot } from './chart-helpers.js';

export type TemplateFn = (root: TemplateRoot) => string;

export interface CompiledChart {
  meta: ChartMeta;
  /** chart-relative path (`templates/gateway.yaml`) → template, in byte order of the path */
  templates: [string, TemplateFn][];
}

let compiled: CompiledChart | undefined;

const RUNTIME_OPTIONS = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
};

export function loadChart(): CompiledChart {
  if (compiled) return compiled;
  const hb = Handlebars.create();
  let current = '';
  const partials: Record<string, HandlebarsTypes.TemplateDelegate> = {};
  const renderPartial = (name: string, context: unknown): string => {
    const partial = partials[name];
    if (!partial) throw new Error(`unknown partial ${name}`);
    return partial(context, RUNTIME_OPTIONS);
  };
  hb.registerHelper(createHelpers(renderPartial, () => current));
  for (const [name, spec] of Object.entries(partialSpecs as Record<string, unknown>)) {
    partials[name] = hb.template(spec as never);
  }
  const names = Object.keys(templateSpecs as Record<string, unknown>).map((file) => `templates/${file}`);
  names.sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
  const templates: [string, TemplateFn][] = names.map((path) => {
    const fn = hb.template((templateSpecs as Record<string, unknown>)[path.slice('templates/'.length)] as never);
    return [
      path,
      (root: TemplateRoot) => {
        current = `${chartMeta.name}/${path}`;
        return fn(root, RUNTIME_OPTIONS);
      },
    ];
  });
  compiled = { meta: chartMeta as ChartMeta, templates };
  return compiled;
}

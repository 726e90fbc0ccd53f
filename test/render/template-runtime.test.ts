// The twins' compiled code runs on template-runtime.ts instead of the handlebars runtime. Every
// template, on random values, must print exactly what the handlebars runtime prints (or fail
// with the same message).
import fc from 'fast-check';
import HandlebarsRuntime from 'handlebars/runtime.js';
import type HandlebarsTypes from 'handlebars';
import { describe, expect, it } from 'vitest';
import { createHelpers } from '../../src/render/helpers.js';
import { resolveChart } from '../../src/charts/registry.js';
import type { ChartDefinition } from '../../src/charts/chart.js';
import { runtimeTemplate, type TemplateSpec } from '../../src/render/template-runtime.js';
import { chartDefaults } from '../../src/render/render.js';
import { coalesceValues, cloneValue } from '../../src/values/merge.js';
import type { ValueMap } from '../../src/values/types.js';
import { CHART_ARBITRARIES, toValue } from '../support/arbitraries.js';

const Handlebars = HandlebarsRuntime as unknown as typeof HandlebarsTypes;
const RUNTIME_OPTIONS = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };

type Render = (name: string, root: unknown) => string;

function withHandlebars({ partialSpecs, templateSpecs, helpers: chartHelpers }: ChartDefinition): Render {
  const hb = Handlebars.create();
  const partials: Record<string, HandlebarsTypes.TemplateDelegate> = {};
  hb.registerHelper(createHelpers((name, ctx) => partials[name]!(ctx, RUNTIME_OPTIONS), () => 't', chartHelpers));
  for (const [name, spec] of Object.entries(partialSpecs as Record<string, unknown>)) partials[name] = hb.template(spec as never);
  const templates = Object.fromEntries(Object.entries(templateSpecs as Record<string, unknown>).map(([n, s]) => [n, hb.template(s as never)]));
  return (name, root) => templates[name]!(root, RUNTIME_OPTIONS);
}

function withOurs({ partialSpecs, templateSpecs, helpers: chartHelpers }: ChartDefinition): Render {
  const partials: Record<string, (ctx: unknown) => string> = {};
  const helpers = createHelpers((name, ctx) => partials[name]!(ctx), () => 't', chartHelpers) as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const [name, spec] of Object.entries(partialSpecs as Record<string, TemplateSpec>)) partials[name] = runtimeTemplate(spec, helpers);
  const templates = Object.fromEntries(Object.entries(templateSpecs as Record<string, TemplateSpec>).map(([n, s]) => [n, runtimeTemplate(s, helpers)]));
  return (name, root) => templates[name]!(root);
}


const attempt = (render: Render, name: string, root: unknown): string => {
  try {
    return `ok:${render(name, root)}`;
  } catch (e) {
    return `error:${(e as Error).message}`;
  }
};

describe.each(Object.keys(CHART_ARBITRARIES))('template runtime, %s chart', (id) => {
  const chart = resolveChart(id as keyof typeof CHART_ARBITRARIES);
  const handlebars = withHandlebars(chart);
  const ours = withOurs(chart);
  const names = Object.keys(chart.templateSpecs);

  it('has every template', () => {
    expect(names.length).toBeGreaterThanOrEqual(5);
  });

  it('prints what the handlebars runtime prints, template by template, on random values', () => {
    fc.assert(
      fc.property(CHART_ARBITRARIES[id as keyof typeof CHART_ARBITRARIES], fc.constantFrom('rel', 'x'), (values, release) => {
        const merged = coalesceValues(cloneValue(chartDefaults(chart).values), toValue(values) as ValueMap).values;
        const root = {
          Values: merged,
          Release: { Name: release, Namespace: 'ns', Service: 'Helm', Revision: 1, IsInstall: true, IsUpgrade: false },
          Chart: { Name: chart.meta.name, Version: chart.meta.version, AppVersion: chart.meta.appVersion },
        };
        for (const name of names) expect(attempt(ours, name, root), name).toBe(attempt(handlebars, name, root));
      }),
      { numRuns: 300 },
    );
  });
});

describe('template runtime', () => {
  const handlebars = withHandlebars(resolveChart('core'));
  const ours = withOurs(resolveChart('core'));

  it('fails the same way where a template calls fail', () => {
    const values = coalesceValues(cloneValue(chartDefaults().values), toValue({ clientTrafficPolicy: { http: { x: 1 } } }) as ValueMap).values;
    const root = { Values: values, Release: { Name: 'r', Namespace: 'n' }, Chart: { Name: 'c', Version: '1', AppVersion: '1' } };
    const name = 'clienttrafficpolicy.yaml';
    expect(attempt(ours, name, root)).toMatch(/^error:t: clientTrafficPolicy\.http is not a ClientTrafficPolicy field/);
    expect(attempt(ours, name, root)).toBe(attempt(handlebars, name, root));
  });

  it('refuses compiled code that needs runtime features it does not provide', () => {
    expect(() => runtimeTemplate({ main: () => '', useDepths: true }, {})).toThrow(/depths/);
  });
});

/**
 * What the pipeline knows of a chart: data, not code paths. Each chart folder under src/charts/
 * exports one ChartDefinition (index.ts), made of its helm chart folder, the files the build
 * generates from it (precompiled twins, schema validators, prebuilt defaults) and the chart's own
 * twin helpers and checks. Every stage of the pipeline takes one; none knows which chart it has.
 */
import type { ErrorObject } from 'ajv';
import type { TemplateSpec } from '../render/template-runtime.js';
import type { ValueMap } from '../values/types.js';
import type { Finding } from '../validate/findings.js';
import type { Locator } from '../validate/locator.js';

export interface ChartMeta {
  name: string;
  version: string;
  appVersion: string;
  /** Chart.yaml `kubeVersion`, checked against `--kube-version` as helm does */
  kubeVersion: string;
}

/** ajv's generated code: a function that keeps its last errors on itself. */
export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** chart values.yaml as scripts/build-defaults.mjs read it (src/generated/<id>/chart-defaults.ts). */
export interface PrebuiltDefaults {
  text: string;
  values: () => ValueMap;
  sources: [string, number, number][];
  duplicates: unknown[];
}

/**
 * The chart's checks across objects: values that pass the schema and still break something.
 * `namespace` is the release namespace (`-n`), for references that may point elsewhere.
 */
export type ChartChecks = (values: ValueMap, locator: Locator, schemaPaths: ReadonlySet<string>, namespace?: string) => Finding[];

export interface ChartDefinition {
  /** what `--chart` calls it */
  id: string;
  /** the helm chart folder, relative to the package root (`chart`, `charts/models`) */
  dir: string;
  /** the values.schema.json that `schema` prints and the validators were built from, package-relative */
  schemaFile: string;
  meta: ChartMeta;
  /** precompiled handlebars twins, by file name (`gateway.yaml`), and the partials of _helpers.hbs */
  templateSpecs: Record<string, TemplateSpec>;
  partialSpecs: Record<string, TemplateSpec>;
  /** the chart's own twin helpers (its chart.json `helpers`), beside the shared ones of render/helpers.ts */
  helpers: Record<string, (...args: never[]) => unknown>;
  /** the whole schema, with messages (loaded only when values fail the fast one) */
  validate: () => GeneratedValidator;
  /** the schema without its reserved-key rule and without messages: what every render runs */
  validateFast: GeneratedValidator;
  prebuiltDefaults: PrebuiltDefaults;
  checks: ChartChecks;
  /** finding codes of `checks` that name values the templates refuse too (helm fails on them) */
  templateFailures: ReadonlySet<string>;
}

/** What the build generates for a chart (src/generated/<id>/), as its index.ts imports it. */
export interface GeneratedChart {
  assets: {
    chartEntry: { id: string; dir: string; schema: string };
    chartMeta: ChartMeta;
    templateSpecs: Record<string, unknown>;
    partialSpecs: Record<string, unknown>;
  };
  /** the module of the whole validator: only read when values fail the fast one (it loads on first use) */
  fullValidator: { validate: unknown };
  fastValidator: { validate: unknown };
  defaults: unknown;
}

/** A chart's definition from its generated files and its own code (each index.ts calls this). */
export function defineChart(generated: GeneratedChart, own: Pick<ChartDefinition, 'helpers' | 'checks' | 'templateFailures'>): ChartDefinition {
  const { assets } = generated;
  return {
    id: assets.chartEntry.id,
    dir: assets.chartEntry.dir,
    schemaFile: assets.chartEntry.schema,
    meta: assets.chartMeta,
    templateSpecs: assets.templateSpecs as Record<string, TemplateSpec>,
    partialSpecs: assets.partialSpecs as Record<string, TemplateSpec>,
    helpers: own.helpers,
    validate: () => generated.fullValidator.validate as GeneratedValidator,
    validateFast: generated.fastValidator.validate as GeneratedValidator,
    prebuiltDefaults: generated.defaults as PrebuiltDefaults,
    checks: own.checks,
    get templateFailures() {
      return own.templateFailures;
    },
  };
}

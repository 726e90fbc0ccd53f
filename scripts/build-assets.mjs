#!/usr/bin/env node
// Precompiles each chart's handlebars twins (src/charts/<id>/templates) into
// src/generated/<id>/assets.ts, so the CLI loads no handlebars compiler and parses no template at
// start-up. Also embeds each chart's name, version, appVersion and kubeVersion from its Chart.yaml,
// and writes src/generated/charts.ts, the list of charts the pipeline can be given.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { parse } from 'yaml';
import { listCharts, root } from './charts.mjs';

// Options shared by every template; the runtime must use the same helper set.
export const COMPILE_OPTIONS = {
  noEscape: true, // output is YAML, not HTML
  strict: false, // a missing value is empty, as in Go templates
  knownHelpersOnly: true, // only the fixed helper set below can be called
};
/** The helpers every chart's twins may call (src/render/helpers.ts); a chart adds its own (chart.json). */
export const KNOWN_HELPERS = [
  'if', 'unless', 'with', 'let', 'range', 'and', 'or', 'not', 'eq', 'ne', 'default', 'dict', 'list', 'dig', 'isSet',
  'toYaml', 'nindent', 'indent', 'include', 'fail', 'toYamlNindent', 'standardLabels',
];

// handlebars' own helpers count as known unless switched off; the twins' runtime has none of them,
// so a template that called one (lookup, each, log, helperMissing…) must not compile at all.
const BUILTIN_HELPERS = ['helperMissing', 'blockHelperMissing', 'each', 'if', 'unless', 'with', 'log', 'lookup'];

/** One template, precompiled with the charts' options (tests compile attack templates with it too). */
export function compile(source, chartHelpers = []) {
  const known = [...KNOWN_HELPERS, ...chartHelpers];
  const knownHelpers = {
    ...Object.fromEntries(BUILTIN_HELPERS.map((h) => [h, false])),
    ...Object.fromEntries(known.map((h) => [h, true])),
  };
  return slim(Handlebars.precompile(fuseNindentToYaml(Handlebars.parse(source)), { ...COMPILE_OPTIONS, knownHelpers }), known);
}

/**
 * `nindent N (toYaml X)` — how the twins place a value under a key, as the chart's templates do —
 * becomes one call, `toYamlNindent N X`, which writes the indentation while it writes the YAML
 * instead of copying the text again (helpers.ts; the same output, tested against the two calls).
 * The .hbs twins keep the Go template's spelling.
 */
function fuseNindentToYaml(node) {
  if (Array.isArray(node)) {
    node.forEach(fuseNindentToYaml);
  } else if (node !== null && typeof node === 'object') {
    for (const value of Object.values(node)) fuseNindentToYaml(value);
    const [count, inner] = node.params ?? [];
    if (
      (node.type === 'MustacheStatement' || node.type === 'SubExpression') &&
      isHelperPath(node.path, 'nindent') &&
      !node.hash &&
      node.params.length === 2 &&
      count.type === 'NumberLiteral' &&
      inner.type === 'SubExpression' &&
      isHelperPath(inner.path, 'toYaml') &&
      !inner.hash &&
      inner.params.length === 1
    ) {
      node.path = { ...node.path, parts: ['toYamlNindent'], original: 'toYamlNindent' };
      node.params = [count, inner.params[0]];
    }
  }
  return node;
}

function isHelperPath(path, name) {
  return path?.type === 'PathExpression' && !path.data && path.depth === 0 && path.parts.length === 1 && path.original === name;
}

/**
 * Every helper call of the compiled code builds an options object; handlebars puts in it the
 * call's name, an empty hash and its source location (two more objects), none of which our helpers
 * read. Dropped, a render allocates a few hundred objects less. Helpers are named in the code
 * (knownHelpersOnly: only the fixed set compiles), so they are read as the helper object's own
 * properties directly instead of through lookupProperty.
 */
function slim(code, known) {
  const out = code
    .replace(/\{"name":"[A-Za-z]+","hash":\{\},/g, '{')
    .replace(/,"loc":\{"start":\{"line":\d+,"column":\d+\},"end":\{"line":\d+,"column":\d+\}\}/g, '')
    .replace(/lookupProperty\(helpers,"([A-Za-z]+)"\)/g, (_m, name) => {
      if (!known.includes(name)) throw new Error(`the compiled code calls a helper outside the fixed set: ${name}`);
      return `helpers.${name}`;
    });
  if (/"loc":|"hash":|lookupProperty\(helpers/.test(out)) throw new Error('handlebars compiled a helper call this script does not slim: update slim()');
  return out;
}

/** `{{#*inline "name"}}…{{/inline}}` blocks of _helpers.hbs become partials, like Go's `define`. */
function splitPartials(source) {
  const partials = {};
  const re = /^\{\{#\*inline "([^"]+)"\}\}\n([\s\S]*?)^\{\{\/inline\}\}\n?/gm;
  for (const m of source.matchAll(re)) partials[m[1]] = m[2];
  return partials;
}

function buildChartAssets(chart) {
  const templates = [];
  const partials = [];
  for (const file of readdirSync(chart.twins).sort()) {
    const source = readFileSync(join(chart.twins, file), 'utf8');
    if (file === '_helpers.hbs') {
      for (const [name, body] of Object.entries(splitPartials(source))) partials.push([name, compile(body, chart.helpers)]);
    } else if (file.endsWith('.yaml.hbs')) {
      templates.push([file.slice(0, -'.hbs'.length), compile(source, chart.helpers)]);
    }
  }
  const meta = readChartMeta(chart);
  const entries = (list) => list.map(([name, spec]) => `  ${JSON.stringify(name)}: ${spec},`).join('\n');
  const out = `// Generated by scripts/build-assets.mjs from src/charts/${chart.id}/templates and ${chart.dir}/Chart.yaml. Do not edit.
/* eslint-disable */
// @ts-nocheck
export const chartMeta = ${JSON.stringify(meta)};
/** src/charts/${chart.id}/chart.json. */
export const chartEntry = ${JSON.stringify({ id: chart.id, dir: chart.dir, schema: chart.schema, description: chart.description, helpers: chart.helpers })};
/** Template path inside the chart (templates/<file>) → precompiled handlebars spec. */
export const templateSpecs = {
${entries(templates)}
};
export const partialSpecs = {
${entries(partials)}
};
`;
  mkdirSync(chart.generated, { recursive: true });
  writeFileSync(join(chart.generated, 'assets.ts'), out);
}

function readChartMeta(chart) {
  const yaml = parse(readFileSync(join(root, chart.dir, 'Chart.yaml'), 'utf8'));
  return { name: String(yaml.name), version: String(yaml.version), appVersion: String(yaml.appVersion ?? ''), kubeVersion: String(yaml.kubeVersion ?? '') };
}

/**
 * src/generated/charts.ts: each chart's definition behind a getter, so that a run loads only the
 * chart it renders (the bundle makes every chart but core a lazy module: scripts/bundle.mjs).
 */
function buildRegistry(charts) {
  const out = `// Generated by scripts/build-assets.mjs from src/charts/*/chart.json. Do not edit.
/* eslint-disable */
import type { ChartDefinition } from '../charts/chart.js';
${charts.map((c, i) => `import * as chart${i} from '../charts/${c.id}/index.js';`).join('\n')}

/** package.json \`version\`: what \`--version\` and the SARIF reports give. */
export const PACKAGE_VERSION = ${JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version)};

/** Every chart id, core first: what \`--chart\` accepts. */
export const CHART_IDS = ${JSON.stringify(charts.map((c) => c.id))} as const;
export type ChartId = (typeof CHART_IDS)[number];
/** What each chart is, in a few words (help and completion). */
export const CHART_DESCRIPTIONS: Record<ChartId, string> = ${JSON.stringify(Object.fromEntries(charts.map((c) => [c.id, c.description])))};
/** The definition of each chart, loaded on first use. */
export const CHART_LOADERS: Record<ChartId, () => ChartDefinition> = {
${charts.map((c, i) => `  ${JSON.stringify(c.id)}: () => chart${i}.chart,`).join('\n')}
};
`;
  writeFileSync(join(root, 'src', 'generated', 'charts.ts'), out);
}

export function buildAssets() {
  const charts = listCharts();
  for (const chart of charts) buildChartAssets(chart);
  buildRegistry(charts);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildAssets();

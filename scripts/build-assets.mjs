#!/usr/bin/env node
// Precompiles the handlebars twins in src/templates into src/generated/assets.ts, so the CLI
// loads only the handlebars runtime (no compiler, no template parsing at start-up).
// Also embeds the chart's name, version, appVersion and kubeVersion from chart/Chart.yaml.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const templatesDir = join(root, 'src', 'templates');

// Options shared by every template; the runtime must use the same helper set.
export const COMPILE_OPTIONS = {
  noEscape: true, // output is YAML, not HTML
  strict: false, // a missing value is empty, as in Go templates
  knownHelpersOnly: true, // only the fixed helper set below can be called
};
export const KNOWN_HELPERS = [
  'if', 'unless', 'with', 'let', 'and', 'or', 'not', 'eq', 'default', 'dict', 'list', 'dig', 'isSet',
  'toYaml', 'nindent', 'indent', 'include', 'fail', 'toYamlNindent',
  'standardLabels', 'gatewayAnnotations', 'gatewayConfigSpec', 'policyConnection', 'policyTimeout',
  'range', 'certificates', 'acmeSolver', 'httpsRedirect',
];

// handlebars' own helpers count as known unless switched off; the twins' runtime has none of them,
// so a template that called one (lookup, each, log, helperMissing…) must not compile at all.
const BUILTIN_HELPERS = ['helperMissing', 'blockHelperMissing', 'each', 'if', 'unless', 'with', 'log', 'lookup'];

/** One template, precompiled with the chart's options (tests compile attack templates with it too). */
export function compile(source) {
  const knownHelpers = {
    ...Object.fromEntries(BUILTIN_HELPERS.map((h) => [h, false])),
    ...Object.fromEntries(KNOWN_HELPERS.map((h) => [h, true])),
  };
  return slim(Handlebars.precompile(fuseNindentToYaml(Handlebars.parse(source)), { ...COMPILE_OPTIONS, knownHelpers }));
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
function slim(code) {
  const out = code
    .replace(/\{"name":"[A-Za-z]+","hash":\{\},/g, '{')
    .replace(/,"loc":\{"start":\{"line":\d+,"column":\d+\},"end":\{"line":\d+,"column":\d+\}\}/g, '')
    .replace(/lookupProperty\(helpers,"([A-Za-z]+)"\)/g, (_m, name) => {
      if (!KNOWN_HELPERS.includes(name)) throw new Error(`the compiled code calls a helper outside the fixed set: ${name}`);
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

export function buildAssets() {
  const files = readdirSync(templatesDir).sort();
  const templates = [];
  const partials = [];
  for (const file of files) {
    const source = readFileSync(join(templatesDir, file), 'utf8');
    if (file === '_helpers.hbs') {
      for (const [name, body] of Object.entries(splitPartials(source))) partials.push([name, compile(body)]);
    } else if (file.endsWith('.yaml.hbs')) {
      templates.push([file.slice(0, -'.hbs'.length), compile(source)]);
    }
  }
  const chart = parse(readFileSync(join(root, 'chart', 'Chart.yaml'), 'utf8'));
  const meta = { name: String(chart.name), version: String(chart.version), appVersion: String(chart.appVersion ?? ''), kubeVersion: String(chart.kubeVersion ?? '') };
  const entries = (list) => list.map(([name, spec]) => `  ${JSON.stringify(name)}: ${spec},`).join('\n');
  const out = `// Generated by scripts/build-assets.mjs from src/templates and chart/Chart.yaml. Do not edit.
/* eslint-disable */
// @ts-nocheck
export const chartMeta = ${JSON.stringify(meta)};
/** Template path inside the chart (templates/<file>) → precompiled handlebars spec. */
export const templateSpecs = {
${entries(templates)}
};
export const partialSpecs = {
${entries(partials)}
};
`;
  mkdirSync(join(root, 'src', 'generated'), { recursive: true });
  writeFileSync(join(root, 'src', 'generated', 'assets.ts'), out);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildAssets();

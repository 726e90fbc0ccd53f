// Handlebars is safe here: a version with every published fix, templates precompiled at build
// time with a fixed helper set and no HTML escaping, run by a small runtime with prototype
// access denied, and values that are only ever data. One regression test per handlebars advisory
// that could reach us: each attack template is compiled with the chart's own options and run on
// the chart's own runtime and helpers.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM script without type declarations
import { COMPILE_OPTIONS, KNOWN_HELPERS, compile as compileTwin } from '../../scripts/build-assets.mjs';
import { loadChart as compileChart } from '../../src/render/templates.js';
import { CHART_IDS, resolveChart } from '../../src/charts/registry.js';
import { parseValuesYaml } from '../../src/values/parse-yaml.js';
import { runtimeTemplate, type TemplateSpec } from '../../src/render/template-runtime.js';
import { runCli } from '../support/cli.js';
import { CHART_DIR } from '../support/golden-cases.js';
import { ROOT, runHelm } from '../support/helm.js';

/** A template compiled exactly as scripts/build-assets.mjs compiles the core chart's. */
function precompile(source: string): TemplateSpec {
  return new Function(`return ${compileTwin(source, Object.keys(resolveChart('core').helpers)) as string}`)() as TemplateSpec;
}

const loadChart = () => compileChart(resolveChart('core'));

/** The attack template on the chart's runtime, with the chart's helpers (and partials, through include). */
function runOnChartRuntime(source: string, context: unknown): string {
  return runtimeTemplate(precompile(source), { ...loadChart().helpers })(context);
}

const BUILTINS = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const before = BUILTINS.map((p) => Object.getOwnPropertyNames(p).sort().join(','));
afterEach(() => {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  BUILTINS.forEach((p, i) => expect(Object.getOwnPropertyNames(p).sort().join(',')).toBe(before[i]));
});

const version = (v: string): number[] => v.replace(/^[^0-9]*/, '').split('.').map(Number);
const atLeast = (v: string, min: string): boolean => {
  const [a, b] = [version(v), version(min)];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};

describe('handlebars itself', () => {
  it('is 4.7.9 or later (the 2026 fixes), 4.7.10 for the last two', () => {
    const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'handlebars', 'package.json'), 'utf8')).version as string;
    const declared = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).dependencies.handlebars as string;
    const locked = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')).packages['node_modules/handlebars'].version as string;
    for (const v of [installed, declared, locked]) expect(atLeast(v, '4.7.10'), v).toBe(true);
  });

  it('is a build-time tool: no product module loads the compiler or the runtime', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    for (const file of files(join(ROOT, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/^import\s+(type\s+)?[^;]*from\s+'(handlebars[^']*)'/gm)) {
        expect(m[1], `${file} imports ${m[2]} at run time`).toBe('type ');
      }
    }
    const bundle = readFileSync(join(ROOT, 'dist', 'ai-gateway-core.cjs'), 'utf8');
    for (const word of ['JavaScriptCompiler', 'parseWithoutProcessing', 'registerPartial', 'invokePartial']) expect(bundle).not.toContain(word);
  });
});

describe('templates: precompiled, fixed helpers, no escaping', () => {
  it('are compiled with knownHelpersOnly and noEscape, and nothing that loosens them', () => {
    expect(COMPILE_OPTIONS).toEqual({ noEscape: true, strict: false, knownHelpersOnly: true });
  });

  it.each(CHART_IDS)('%s: call exactly the fixed helper set plus the chart\'s own, which is what the runtime provides', (id) => {
    const chart = resolveChart(id);
    const compiled = compileChart(chart);
    expect(Object.keys(compiled.helpers).sort()).toEqual([...(KNOWN_HELPERS as string[]), ...Object.keys(chart.helpers)].sort());
    expect(Object.isFrozen(compiled.helpers)).toBe(true);
  });

  it.each(CHART_IDS)('%s: use no helperMissing, partial statements, decorators or depths (runtime-only features)', (id) => {
    const { templateSpecs, partialSpecs } = resolveChart(id);
    for (const [name, spec] of Object.entries({ ...templateSpecs, ...partialSpecs } as Record<string, TemplateSpec>)) {
      expect(spec.usePartial ?? false, name).toBe(false);
      expect(spec.useDecorators ?? false, name).toBe(false);
      expect(spec.useDepths ?? false, name).toBe(false);
      expect(spec['compiler'], name).toEqual([8, '>= 4.3.0']);
    }
    const source = readFileSync(join(ROOT, 'src', 'generated', id, 'assets.ts'), 'utf8');
    for (const word of ['helperMissing', 'blockHelperMissing', 'invokePartial', 'decorators', 'container.lambda']) expect(source).not.toContain(word);
  });
});

describe('values are data, never templates', () => {
  const PAYLOADS = [
    '{{constructor.constructor "return process.exit(9)"}}',
    '{{#with "s" as |string|}}{{#with string.split as |split|}}{{/with}}{{/with}}',
    '{{lookup this "__proto__"}}',
    '{{> @partial-block}}',
    '{{*decorator}}',
    '{{{ raw }}}',
    '{{ .Values.secret | b64enc }}',
    '{{- fail "go template" -}}',
    '<script>alert(1)</script>',
  ];

  it('every payload is printed as the string it is, exactly as helm prints it', async () => {
    const annotations = Object.fromEntries(PAYLOADS.map((p, i) => [`example.com/p${i}`, p]));
    const args = ['-s', 'templates/gateway.yaml', '--set-json', `gateway.annotations=${JSON.stringify(annotations)}`, '--set-json', `gatewayConfig.spec=${JSON.stringify({ ast: { type: 'Program', body: [{ type: 'MustacheStatement', path: { type: 'PathExpression', original: 'constructor' } }] } })}`];
    const [ours, helm] = await Promise.all([runCli(['render', ...args]), runHelm('v4', ['template', CHART_DIR, ...args])]);
    expect(ours.code, ours.stderr).toBe(0);
    expect(ours.stdout).toBe(helm.stdout);
    // Read back, each annotation is its payload, character for character: not run, not escaped.
    const doc = parseValuesYaml(ours.stdout, 'output').values as { metadata: { annotations: Record<string, string> } };
    expect(doc.metadata.annotations).toEqual({ 'aigateway.envoyproxy.io/gateway-config': 'ai-gateway-tracing', ...annotations });
  });
});

describe('one regression test per advisory that could reach us', () => {
  it('GHSA-q42p-pg8m-cqh6, GHSA-w457-6q6x-cgp9 / CVE-2019-19919 (prototype pollution through templates): lookup, log and each are not helpers here', () => {
    for (const helper of ['lookup this "__proto__"', 'log "x"', 'each this']) {
      expect(() => precompile(`{{#with (${helper}) as |p|}}{{toYaml p}}{{/with}}`), helper).toThrow(/knownHelpersOnly/);
    }
  });

  // The twins print only through helpers (toYaml, include…): a bare {{path}} would need the
  // runtime's `lambda`, which calls functions found in the context, and ours has none.
  it('GHSA-g9r4-xpmj-mj65 (prototype pollution through templates): __proto__, constructor and __defineGetter__ read nothing', () => {
    const context = { Values: Object.assign(Object.create(null), { a: 'x' }) };
    const paths = ['__proto__', 'constructor', 'Values.__proto__', 'Values.constructor', '__defineGetter__', '__lookupGetter__', 'constructor.prototype', 'Values.a.constructor'];
    expect(runOnChartRuntime(paths.map((p) => `[{{toYaml ${p}}}]`).join(''), context)).toBe('[null]'.repeat(paths.length));
    expect(runOnChartRuntime('{{#with __proto__}}x{{/with}}{{#with constructor}}x{{/with}}{{#with Values.constructor}}x{{/with}}', context)).toBe('');
  });

  it('CVE-2019-20920 (code execution through helperMissing / blockHelperMissing): they cannot be called', () => {
    expect(() => precompile('{{#blockHelperMissing "constructor"}}{{/blockHelperMissing}}')).toThrow(/knownHelpersOnly/);
    expect(() => precompile('{{helperMissing "constructor"}}')).toThrow(/knownHelpersOnly/);
  });

  it('CVE-2021-23369, CVE-2021-23383 (compat mode, strict mode): the templates use neither', () => {
    expect(COMPILE_OPTIONS).not.toHaveProperty('compat');
    expect(COMPILE_OPTIONS.strict).toBe(false);
    expect(runOnChartRuntime('{{#with Values}}{{toYaml constructor.name}}{{/with}}', { Values: { a: 1 } })).toBe('null');
  });

  it('CVE-2026-33937 (code execution from an AST object given to compile): nothing is compiled at run time, an AST is no template', () => {
    const ast = Handlebars.parse('{{constructor}}');
    expect(() => runtimeTemplate(ast as unknown as TemplateSpec, { ...loadChart().helpers })({})).toThrow();
    expect((Handlebars as unknown as { VM?: unknown }).VM).toBeDefined(); // (the full package has it; the product loads none of it)
  });

  it('CVE-2026-33938 (@partial-block overwritten with an AST): a template with partials is refused when loaded', () => {
    expect(() => runtimeTemplate(precompile('{{#> layout}}x{{/layout}}{{> @partial-block}}'), { ...loadChart().helpers })).toThrow(/partial statements/);
  });

  it('CVE-2026-33939 (unregistered decorator crashes the process): a template with decorators is refused when loaded', () => {
    expect(() => runtimeTemplate(precompile('{{*n}}'), { ...loadChart().helpers })).toThrow(/decorators/);
  });

  it('CVE-2026-33940 (an object as dynamic partial is compiled): dynamic partials are refused, include takes names only', () => {
    expect(() => runtimeTemplate(precompile('{{> (dict "type" "Program")}}'), { ...loadChart().helpers })).toThrow(/partial statements/);
    expect(() => runOnChartRuntime('{{include (dict "type" "Program" "body" (list)) this}}', {})).toThrow(/unknown partial/);
  });

  it('CVE-2026-33916 (a partial found on a polluted Object.prototype): include resolves own partials only', () => {
    const key = 'ai-gateway-core.injected';
    (Object.prototype as Record<string, unknown>)[key] = () => 'INJECTED';
    (Object.prototype as Record<string, unknown>)['constructor.partial'] = 'INJECTED';
    try {
      expect(() => runOnChartRuntime(`{{include "${key}" this}}`, {})).toThrow(/unknown partial/);
      expect(() => runOnChartRuntime('{{include "constructor" this}}', {})).toThrow(/unknown partial/);
      expect(() => runOnChartRuntime('{{include "toString" this}}', {})).toThrow(/unknown partial/);
    } finally {
      delete (Object.prototype as Record<string, unknown>)[key];
      delete (Object.prototype as Record<string, unknown>)['constructor.partial'];
    }
  });

  it('CVE-2026-33941 (code injected through template file names by the precompiler CLI): we precompile through the API, names JSON-quoted', () => {
    const script = readFileSync(join(ROOT, 'scripts', 'build-assets.mjs'), 'utf8');
    expect(script).toContain('Handlebars.precompile(');
    expect(script).toMatch(/JSON\.stringify\(name\)/);
    for (const id of CHART_IDS) for (const f of readdirSync(join(ROOT, 'src', 'charts', id, 'templates'))) expect(f).toMatch(/^[a-z_]+(\.yaml)?\.hbs$/);
  });

  it('CVE-2026-106445 (Function.prototype.constructor through lookupProperty): a function in the context leads nowhere', () => {
    const context = { Values: { fn: function fn() {}, list: ['a'] as unknown[] } };
    const paths = ['constructor', 'prototype.constructor', '__proto__.constructor', 'constructor.constructor'];
    expect(runOnChartRuntime(`{{#with Values.fn}}${paths.map((p) => `[{{toYaml ${p}}}]`).join('')}{{/with}}`, context)).toBe('[null]'.repeat(paths.length));
    expect(runOnChartRuntime('{{#with Values.list}}[{{toYaml constructor}}][{{toYaml length.constructor}}]{{/with}}', context)).toBe('[null][null]');
  });

  it('CVE-2026-106444 (a closing script tag in precompiled output): no template text can hold one', () => {
    for (const id of CHART_IDS) {
      const source = readFileSync(join(ROOT, 'src', 'generated', id, 'assets.ts'), 'utf8');
      expect(source.toLowerCase()).not.toContain('</script');
    }
  });
});

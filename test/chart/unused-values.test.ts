// Every documented key of chart/values.yaml is read by the templates, on both sides: changing
// the key changes what helm (Go templates) renders and what we (handlebars twins) render.
// The schema is skipped on both sides, so a probe only has to reach the templates. Keys that are
// meant to be unused are listed, with a reason, in unused-values.exceptions.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM script without type declarations
import { readParams } from '../../scripts/docs-params.mjs';
import { mergeValues, renderValues } from '../../src/render/render.js';
import { runHelm } from '../support/helm.js';
import { CHART_DIR } from '../support/golden-cases.js';

interface Exceptions {
  exceptions: Record<string, { go?: string; hbs?: string }>;
}

const params = readParams(readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8')).params as { path: string; value: unknown }[];
const { exceptions } = JSON.parse(readFileSync(join(import.meta.dirname, 'unused-values.exceptions.json'), 'utf8')) as Exceptions;

/** A different value of the same shape, which any template that reads the key would print or act on. */
function probeFor(value: unknown): unknown {
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'string') return value === '' ? 'probe' : `${value}-probe`;
  if (Array.isArray(value)) return [...value, { name: 'probe' }];
  if (value !== null && typeof value === 'object') return { ...value, probe: 'probe' };
  return 'probe';
}

function ours(setJson: string[]): string {
  try {
    return renderValues(mergeValues({ setJson }).values).text;
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

async function helms(setJson: string[]): Promise<string> {
  const r = await runHelm('v4', ['template', CHART_DIR, '--skip-schema-validation', ...setJson.flatMap((s) => ['--set-json', s])]);
  return r.code === 0 ? r.stdout : `error: ${r.stderr}`;
}

/**
 * Keys that only matter once their feature is on are probed with it on: HTTPS keys on top of a
 * Gateway with an HTTP and an HTTPS listener, cert-manager, its issuer and the redirect enabled.
 */
const HTTPS_CONTEXT = [
  'gateway.listeners=[{"name":"http","protocol":"HTTP","port":80},{"name":"https","protocol":"HTTPS","port":443,"hostname":"ai.example.com","tls":{"certificateRefs":[{"name":"ai-gateway-tls"}]}}]',
  'certManager.enabled=true',
  'certManager.issuer.create=true',
  'httpsRedirect.enabled=true',
];
const NO_CONTEXT: string[] = [];
/** The switches themselves are probed on the defaults, where they are off. */
const contextFor = (path: string): string[] =>
  /^(certManager|httpsRedirect)\./.test(path) && !/\.(enabled|create)$/.test(path) ? HTTPS_CONTEXT : NO_CONTEXT;

/** Runs at most `limit` helm processes at once. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

describe('every values.yaml key is used by the templates', () => {
  it('reads at least the 50 documented keys', () => {
    expect(params.length).toBeGreaterThanOrEqual(50);
  });

  it('the probe of each key changes the output of the Go templates and of their handlebars twins', async () => {
    const baselines = new Map<string[], { go: string; hbs: string }>();
    for (const context of [NO_CONTEXT, HTTPS_CONTEXT]) baselines.set(context, { go: await helms(context), hbs: ours(context) });
    const probes = params.map((p) => [...contextFor(p.path), `${p.path}=${JSON.stringify(probeFor(p.value))}`]);
    const goOutputs = await mapLimit(probes, 6, helms);
    const unused: string[] = [];
    params.forEach((p, i) => {
      const baseline = baselines.get(contextFor(p.path))!;
      const used = { go: goOutputs[i] !== baseline.go, hbs: ours(probes[i]) !== baseline.hbs };
      for (const side of ['go', 'hbs'] as const) {
        const excused = exceptions[p.path]?.[side];
        if (!used[side] && !excused) unused.push(`${p.path} (${side})`);
        if (used[side] && excused) unused.push(`${p.path} (${side}) is listed as unused but is used: remove it from unused-values.exceptions.json`);
      }
    });
    expect(unused).toEqual([]);
  });

  it('every exception names a documented key and gives a reason', () => {
    const documented = new Set(params.map((p) => p.path));
    for (const [path, sides] of Object.entries(exceptions)) {
      expect(documented.has(path), path).toBe(true);
      for (const reason of Object.values(sides)) expect(reason, path).toMatch(/\w{3,}/);
    }
  });

  it('would catch a key no template reads', () => {
    // A key the chart does not know renders nothing different on either side.
    expect(ours([`gatewayClass.unread=${JSON.stringify(probeFor('x'))}`])).toBe(ours([]));
  });
});

// Each chart's schema validator is generated at build time (scripts/build-validator.mjs). It must
// be current, and it must report exactly what ajv compiling the schema at run time would report.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import { describe, expect, it } from 'vitest';
import { ajvOptions } from '../../src/generated/core/values-validator.js';
import { CHART_IDS, resolveChart } from '../../src/charts/registry.js';
import { hasReservedKeys } from '../../src/validate/reserved-keys.js';
import { freezeTree } from '../../src/values/frozen.js';
import { chartDefaults } from '../../src/render/render.js';
import { ROOT } from '../support/helm.js';

const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as unknown as typeof AjvModule.default;
function withDefaults(patch: (v: Record<string, any>) => void): unknown {
  const values = JSON.parse(JSON.stringify(chartDefaults('core').values));
  patch(values);
  return values;
}

const CASES: [string, unknown][] = [
  ['the chart defaults', withDefaults(() => {})],
  ['an unknown key', withDefaults((v) => (v.gateway.nmae = 'x'))],
  ['a missing required key', withDefaults((v) => delete v.gatewayClass.name)],
  ['wrong types and a bad enum', withDefaults((v) => {
    v.gateway.listeners = [{ name: 'h', port: '80', protocol: 7 }];
    v.envoyProxy.provider.type = 'Docker';
  })],
  ['bad pattern, range and anyOf values', withDefaults((v) => {
    v.gatewayClass.controllerName = 'NOT A CONTROLLER';
    v.envoyProxy.provider.kubernetes.envoyDeployment.replicas = -1;
    v.clientTrafficPolicy.connection = { bufferLimit: true, connectionTimeout: 'soon' };
  })],
  ['a root that is not a map', ['a']],
  ['a reserved key deep in a list', withDefaults((v) => (v.gateway.listeners[0].tls = JSON.parse('{"options": {"constructor": "x"}}')))],
  ['a reserved key where anything goes', withDefaults((v) => (v.gatewayConfig.spec = JSON.parse('{"a": [{"__proto__": 1}]}')))],
  ['prototype as a top-level key', withDefaults((v) => (v.prototype = {}))],
];

type Generated = { schemaSha256: string; ajvOptions?: unknown; validate: unknown };
const generated = import.meta.glob<Generated>('../../src/generated/*/values-validator*.ts', { eager: true });

describe.each(CHART_IDS)('generated values validators of the %s chart', (id) => {
  it('were generated from the current schema, with the options the test compiles with', () => {
    const chart = resolveChart(id);
    const full = generated[`../../src/generated/${id}/values-validator.ts`]!;
    const fast = generated[`../../src/generated/${id}/values-validator-fast.ts`]!;
    const text = readFileSync(join(ROOT, chart.schemaFile), 'utf8');
    expect(full.schemaSha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(fast.schemaSha256).toBe(full.schemaSha256);
    expect(full.ajvOptions).toEqual(ajvOptions);
    expect(chart.validate()).toBe(full.validate);
    expect(chart.validateFast).toBe(fast.validate);
  });
});

describe('generated values validator (core chart cases)', () => {
  const chart = resolveChart('core');
  const validate = chart.validate();
  const fastValidate = chart.validateFast;
  const schemaText = readFileSync(join(ROOT, chart.schemaFile), 'utf8');
  const runtime = new Ajv(ajvOptions).compile(JSON.parse(schemaText));
  for (const [name, values] of CASES) {
    it(`reports what ajv compiled at run time reports: ${name}`, () => {
      const ok = validate(values);
      expect(ok).toBe(runtime(values));
      expect(validate.errors ?? null).toEqual(runtime.errors ?? null);
      if (name !== 'the chart defaults') expect(ok).toBe(false);
    });
    it(`the reserved-key walk and the fast validator together agree with it: ${name}`, () => {
      expect(!hasReservedKeys(values as never) && fastValidate(values)).toBe(runtime(values));
      // Frozen, the walk remembers what it found clean; what it answers must not change.
      const again = structuredClone(values) as never;
      freezeTree(again);
      expect(hasReservedKeys(again)).toBe(hasReservedKeys(values as never));
      expect(hasReservedKeys(again)).toBe(hasReservedKeys(values as never));
    });
  }
});

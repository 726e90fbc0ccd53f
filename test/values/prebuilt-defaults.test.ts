// Each chart's values.yaml is read at build time too; the prebuilt result must be exactly what
// reading the file now gives, and must never stand in for a file whose text has changed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseValuesYaml } from '../../src/values/parse-yaml.js';
import { prebuiltDefaults as readPrebuilt } from '../../src/values/prebuilt-defaults.js';
import { CHART_IDS, resolveChart } from '../../src/charts/registry.js';
import { ROOT } from '../support/helm.js';

describe.each(CHART_IDS)('prebuilt defaults of the %s chart', (id) => {
  const chart = resolveChart(id);
  const file = join(ROOT, chart.dir, 'values.yaml');
  const text = readFileSync(file, 'utf8');
  const prebuiltDefaults = (t: string, f: string) => readPrebuilt(chart.prebuiltDefaults, t, f);

  it('are what parseValuesYaml reads from values.yaml now (values, key order, sources, duplicates)', () => {
    const prebuilt = prebuiltDefaults(text, file);
    const now = parseValuesYaml(text, file, { sourceKind: 'default' });
    expect(prebuilt, 'scripts/build-defaults.mjs has not run since chart/values.yaml changed').toBeDefined();
    expect(prebuilt!.values).toEqual(now.values);
    expect(JSON.stringify(prebuilt!.values)).toBe(JSON.stringify(now.values));
    expect(Object.getPrototypeOf(prebuilt!.values)).toBeNull();
    expect([...prebuilt!.sources]).toEqual([...now.sources]);
    expect(prebuilt!.duplicates).toEqual(now.duplicates);
  });

  it('stand in for nothing else: any other text is read again', () => {
    expect(prebuiltDefaults(`${text}\n# edited\n`, file)).toBeUndefined();
    expect(prebuiltDefaults(text.replace(/\n$/, ''), file)).toBeUndefined();
  });

  it('are fresh copies each time', () => {
    const a = prebuiltDefaults(text, file)!;
    (a.values as Record<string, unknown>)[Object.keys(a.values)[0]!] = null;
    const first = Object.keys(a.values)[0]!;
    expect(prebuiltDefaults(text, file)!.values[first]).not.toBeNull();
  });
});

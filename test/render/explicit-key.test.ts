// go-yaml can write a `?` where a value stands (a string "? " after block scalars in one env list,
// found by the diff round-trip property test): helm then cannot parse its own output and fails,
// and so must we, printing nothing.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { HELM_MAJORS, runHelm } from '../support/helm.js';
import { CHART_DIR } from '../support/golden-cases.js';

const VALUES = join(import.meta.dirname, 'fixtures', 'explicit-key-as-value.json');

describe('a document go-yaml cannot read back', () => {
  it('fails in helm 3, helm 4 and the CLI, naming the template', async () => {
    const [ours, ...helms] = await Promise.all([runCli(['render', '-f', VALUES]), ...HELM_MAJORS.map((m) => runHelm(m, ['template', CHART_DIR, '-f', VALUES]))]);
    for (const h of helms) {
      expect(h.code).toBe(1);
      expect(h.stderr).toMatch(/^Error: YAML parse error on ai-gateway-core\/templates\/gatewayconfig\.yaml: /);
    }
    expect(ours.code).toBe(1);
    expect(ours.stdout).toBe('');
    expect(ours.stderr).toMatch(/^Error: YAML parse error on ai-gateway-core\/templates\/gatewayconfig\.yaml: .*line 31/);
  });
});

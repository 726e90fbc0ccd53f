// `ai-gateway-core values` prints what `helm show values` prints: the annotated values.yaml.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { CHART_DIR } from '../../support/golden-cases.js';
import { runHelm, HELM_MAJORS } from '../../support/helm.js';

describe('values', () => {
  for (const major of HELM_MAJORS) {
    it(`prints exactly what helm ${major} show values prints`, async () => {
      const [ours, helm] = await Promise.all([runCli(['values']), runHelm(major, ['show', 'values', CHART_DIR])]);
      expect(helm.code).toBe(0);
      expect(ours.code).toBe(0);
      expect(ours.stdout).toBe(helm.stdout);
    });
  }

  it('keeps the @param comments', async () => {
    const r = await runCli(['values']);
    expect(r.stdout).toContain('## @param gatewayClass.controllerName ');
  });
});

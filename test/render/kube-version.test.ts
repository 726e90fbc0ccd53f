// --kube-version: parsed and checked against Chart.yaml's kubeVersion as helm 4.1.4 does, with
// the real helms as the reference. Where helm 3.17.3 disagrees (its lenient semver parser), the
// difference is asserted too, so a change in either helm shows up here.
import { describe, expect, it } from 'vitest';
import { isCompatible, parseKubeVersion, parseKubeVersionConstraint, InvalidKubeVersionError } from '../../src/render/kube-version.js';
import { resolveChart } from '../../src/charts/registry.js';

const chartMeta = resolveChart('core').meta;
import { runCli } from '../support/cli.js';
import { runHelm, type HelmResult } from '../support/helm.js';
import { CHART_DIR } from '../support/golden-cases.js';

/** Inputs both helms treat alike: they render, or fail with the same message. */
const AGREED = ['1.32.0', 'v1.32', '1.32', '1.32.3-eks-abc', 'v1.33.0+k3s1', '1.40.0-alpha.0', '1.032.0', '2.0.0', '', '1.31.0', '1.31.9-eks', 'v1.31.0-rc.1', '1.31.0+build', '0.40.0'];
/** Inputs where helm 3 differs from helm 4; we follow helm 4. */
const HELM4_ONLY = ['1.31', '1', 'abc', 'v1.32garbage', '1.2.3.4', '01.32.0', ' 1.32.0', '1.99999999999999999999.0', 'V1.32.0'];

function firstLine(r: { stderr: string }): string {
  return r.stderr.split('\n')[0];
}

async function compare(input: string, helm: HelmResult): Promise<void> {
  const ours = await runCli(['render', '--kube-version', input]);
  if (helm.code === 0) {
    expect(ours.code, `${input}: ${ours.stderr}`).toBe(0);
    expect(ours.stdout).toBe(helm.stdout);
    return;
  }
  expect(ours.stdout).toBe('');
  expect(firstLine(ours), input).toBe(firstLine(helm));
  // helm exits 1 for both; an unreadable flag is a usage error here (exit 2).
  expect(ours.code, input).toBe(firstLine(helm).startsWith('Error: invalid kube version') ? 2 : 1);
}

const helmRun = (major: 'v3' | 'v4', input: string) => runHelm(major, ['template', CHART_DIR, '--kube-version', input]);

describe('--kube-version', () => {
  it('the chart constraint is one we understand', () => {
    expect(chartMeta.kubeVersion).toBe('>=1.32.0-0');
    expect(() => parseKubeVersionConstraint(chartMeta.kubeVersion)).not.toThrow();
  });

  it('refuses constraint forms it does not implement, instead of misreading them', () => {
    expect(() => parseKubeVersionConstraint('~1.32')).toThrow(/unsupported/);
    expect(() => parseKubeVersionConstraint('^1.32.0')).toThrow(/unsupported/);
  });

  it('evaluates and/or constraints on the numeric version', () => {
    const v = (s: string) => parseKubeVersion(s);
    expect(isCompatible('>=1.32.0-0', v('1.32.0'))).toBe(true);
    expect(isCompatible('>=1.32.0-0', v('1.31.99'))).toBe(false);
    expect(isCompatible('>= 1.30, < 1.33', v('1.32.9'))).toBe(true);
    expect(isCompatible('>=1.30 <1.33', v('1.33.0'))).toBe(false);
    expect(isCompatible('<1.20 || >=1.35', v('1.36'))).toBe(true);
    expect(isCompatible('>=1.32.0-0', v('1.40.0.1'))).toBe(false);
  });

  it('keeps what the user typed for messages, as helm 4 does', () => {
    expect(parseKubeVersion('1.31').version).toBe('v1.31');
    expect(parseKubeVersion('v1.31.9-eks-x').version).toBe('v1.31.9-eks-x');
    expect(() => parseKubeVersion('1')).toThrow(InvalidKubeVersionError);
  });

  for (const input of AGREED) {
    it(`'${input}': the same result as helm 3 and helm 4`, async () => {
      const [h3, h4] = await Promise.all([helmRun('v3', input), helmRun('v4', input)]);
      expect(h3.code).toBe(h4.code);
      expect(firstLine(h3)).toBe(firstLine(h4));
      expect(h3.stdout).toBe(h4.stdout);
      await compare(input, h4);
    });
  }

  for (const input of HELM4_ONLY) {
    it(`'${input}': helm 4's result (helm 3 differs)`, async () => {
      const [h3, h4] = await Promise.all([helmRun('v3', input), helmRun('v4', input)]);
      expect(h3.code !== h4.code || firstLine(h3) !== firstLine(h4)).toBe(true);
      await compare(input, h4);
    });
  }

  it('checks the schema first, then the kube version, as helm does', async () => {
    const r = await runCli(['render', '--kube-version', '1.31.0', '--set', 'gatewayClass.name=BAD']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('kubeVersion');
    const bad = await runCli(['render', '--kube-version', 'abc', '--set', 'gatewayClass.name=BAD']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("invalid kube version 'abc'");
  });
});

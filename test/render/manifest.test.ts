// helm's post-processing of rendered templates: splitting, sorting, hooks, --show-only, and the
// deletion of `<no value>` followed by a YAML check.
import { describe, expect, it } from 'vitest';
import { splitManifests, sortManifests, formatManifests, selectShowOnly, globMatch, goTrimSpace, compareKinds } from '../../src/render/manifest.js';
import { runHelm, HELM_MAJORS } from '../support/helm.js';
import { runCli } from '../support/cli.js';
import { CHART_DIR } from '../support/golden-cases.js';

describe('splitManifests (releaseutil.SplitManifests)', () => {
  it.each([
    ['a: 1\n---\n', ['a: 1']],
    ['---\n', []],
    ['---\n---\n', ['---']],
    ['b: 1\n--- # comment\nc: 1\n', ['b: 1', '# comment\nc: 1']],
    ['d: 1\n---\n\n\ne: 1\n', ['d: 1', 'e: 1']],
    ['h: 1\n---i: 1\n', ['h: 1', 'i: 1']],
    ['l: |\n  text\n  ---\n  more\n', ['l: |\n  text\n  ---\n  more']],
    ['n: 1\n...\n---\no: 1\n', ['n: 1\n...', 'o: 1']],
  ])('%j', (text, docs) => {
    expect(splitManifests(text)).toEqual(docs);
  });

  it("trims Go's Unicode spaces, not only ASCII ones", () => {
    expect(goTrimSpace('\u00a0\u2028 a \u3000\n')).toBe('a');
  });
});

describe('sorting', () => {
  it('orders known kinds by install order and the rest by byte order of the kind', () => {
    const kinds = ['GatewayConfig', 'Service', 'ClientTrafficPolicy', 'Gateway', 'Namespace', 'EnvoyProxy', 'GatewayClass'];
    expect([...kinds].sort(compareKinds)).toEqual(['Namespace', 'Service', 'ClientTrafficPolicy', 'EnvoyProxy', 'Gateway', 'GatewayClass', 'GatewayConfig']);
  });

  it('prints hooks after everything else and drops unknown hook events', () => {
    const sorted = sortManifests([
      { source: 'c/templates/a.yaml', text: 'kind: B\nmetadata:\n  annotations:\n    helm.sh/hook: PRE-INSTALL\n' },
      { source: 'c/templates/b.yaml', text: 'kind: A\n' },
      { source: 'c/templates/c.yaml', text: 'kind: C\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install, bogus\n' },
    ]);
    expect(formatManifests(sorted)).toBe(
      '---\n# Source: c/templates/b.yaml\nkind: A\n---\n# Source: c/templates/a.yaml\nkind: B\nmetadata:\n  annotations:\n    helm.sh/hook: PRE-INSTALL\n',
    );
  });

  it('prints a single newline when nothing renders', () => {
    expect(formatManifests(sortManifests([{ source: 'c/templates/a.yaml', text: '  \n' }]))).toBe('\n');
  });
});

describe('--show-only', () => {
  it('uses filepath.Match: * does not cross /', () => {
    expect(globMatch('templates/*.yaml', 'templates/gateway.yaml')).toBe(true);
    expect(globMatch('*.yaml', 'templates/gateway.yaml')).toBe(false);
    expect(globMatch('templates/gateway?.yaml', 'templates/gateways.yaml')).toBe(true);
    expect(globMatch('templates/[fg]*.yaml', 'templates/gateway.yaml')).toBe(true);
  });

  it('groups by pattern order and fails on a pattern that matches nothing', () => {
    const out = '---\n# Source: c/templates/a.yaml\nkind: A\n---\n# Source: c/templates/b.yaml\nkind: B\n';
    expect(selectShowOnly(out, ['templates/b.yaml', 'templates/a.yaml'])).toBe('---\n# Source: c/templates/b.yaml\nkind: B\n---\n# Source: c/templates/a.yaml\nkind: A\n');
    expect(() => selectShowOnly(out, ['templates/x.yaml'])).toThrow('could not find template templates/x.yaml in chart');
  });
});

describe('<no value> is deleted, then the document must still be YAML (as helm checks)', () => {
  // Each value is rendered plain by toYaml; deleting <no value> leaves the rest.
  const cases: [string, boolean][] = [
    ['x<no value>y', true], // helm prints "xy"
    ['<no value>&', false], // a bare anchor indicator
    ['<no value>*a', false], // an alias to an anchor that does not exist
    ['<no value>&&', false], // libyaml allows only [A-Za-z0-9_-] in anchor names
  ];
  for (const [value, ok] of cases) {
    it(`${JSON.stringify(value)}: ${ok ? 'renders' : 'fails'} in helm and in our CLI`, async () => {
      const args = ['--set-string', `gateway.annotations.x=${value}`];
      const ours = await runCli(['render', ...args]);
      expect(ours.code === 0).toBe(ok);
      for (const major of HELM_MAJORS) {
        const helm = await runHelm(major, ['template', CHART_DIR, ...args]);
        expect(helm.code === 0, `helm ${major}: ${helm.stderr}`).toBe(ok);
        expect(ours.stdout).toBe(helm.stdout);
      }
      if (!ok) expect(ours.stderr).toMatch(/^Error: YAML parse error on ai-gateway-core\/templates\/gateway\.yaml: /);
    });
  }
});

// Untrusted objects are data: keys such as __proto__ stay keys, aliases are bounded, and two huge,
// wholly different objects cost bounded memory (the diff stays correct).
import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/diff.js';
import { DiffInputError } from '../../src/diff/errors.js';
import { applyUnified, diffLines, unifiedDiff } from '../../src/diff/line-diff.js';

const live = (extra: string) => ({
  kind: 'manifests' as const,
  files: [{ name: 'live.yaml', text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: default\n  labels:\n    app.kubernetes.io/instance: release-name\ndata:\n${extra}` }],
});

describe('diff on hostile input', () => {
  it('a __proto__ key is a key: shown in the diff, no prototype touched', () => {
    const r = diff({ from: live('  __proto__: {polluted: "yes"}\n  constructor: x\n'), to: {} });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const cm = r.objects.find((o) => o.kind === 'ConfigMap')!;
    expect(cm.change).toBe('removed');
    expect(cm.diff).toContain('-  __proto__:');
    expect(cm.diff).toContain('-    polluted: "yes"');
  });
  it('a billion-laughs manifest is refused, not expanded', () => {
    const bomb = 'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n';
    expect(() => diff({ from: { kind: 'manifests', files: [{ name: 'bomb.yaml', text: bomb }] }, to: {} })).toThrow(DiffInputError);
    expect(() => diff({ from: { kind: 'manifests', files: [{ name: 'bomb.yaml', text: bomb }] }, to: {} })).toThrow(/^bomb\.yaml:1: .*alias/i);
  });
  it('two huge, wholly different texts: bounded work, still a correct patch', () => {
    const a = Array.from({ length: 6000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 6000 }, (_, i) => `b${i}`);
    expect(diffLines(a, b).length).toBe(12000);
    const at = `${a.join('\n')}\n`;
    const bt = `${b.join('\n')}\n`;
    expect(applyUnified(at, unifiedDiff(at, bt, 3))).toBe(bt);
  });
});

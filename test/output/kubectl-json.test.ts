// `render -o json`: a List that kubectl reads exactly as it reads helm's YAML, printed as kubectl
// prints objects.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goJson, toKubectlList } from '../../src/output/kubectl-json.js';
import { expectedOutput } from '../support/golden-cases.js';
import { runKubectl } from '../support/kubectl.js';
import { newMap, type ValueMap } from '../../src/values/types.js';

const CASES = ['defaults', 'every-parameter', 'quoting', 'numbers', 'seed-production', 'show-only-glob-order', 'all-disabled'];

describe('toKubectlList', () => {
  it('wraps the documents in a v1 List, in output order', () => {
    const list = JSON.parse(toKubectlList(expectedOutput('defaults')));
    expect(list.apiVersion).toBe('v1');
    expect(list.kind).toBe('List');
    expect(list.items.map((i: { kind: string }) => i.kind)).toEqual(['ClientTrafficPolicy', 'EnvoyProxy', 'Gateway', 'GatewayClass', 'GatewayConfig']);
  });

  it('gives an empty List when nothing renders', () => {
    expect(JSON.parse(toKubectlList(expectedOutput('all-disabled'))).items).toEqual([]);
  });

  it('prints like Go encoding/json: byte-ordered keys, 4-space indent, HTML characters escaped', () => {
    const m: ValueMap = newMap();
    m['9'] = 1;
    m['10'] = -0;
    m.b = [];
    m.a = { '<&>': 'x\u2028y' };
    m.c = 12345678901234567890n;
    m.d = 1e21;
    m.e = 1e-7;
    m.f = newMap();
    expect(goJson(m, '')).toBe(
      '{\n    "10": -0,\n    "9": 1,\n    "a": {\n        "\\u003c\\u0026\\u003e": "x\\u2028y"\n    },\n    "b": [],\n    "c": 12345678901234567890,\n    "d": 1e+21,\n    "e": 1e-7,\n    "f": {}\n}',
    );
  });

  for (const name of CASES) {
    it(`kubectl reads the List of ${name} as the same objects as helm's YAML, and prints them as we do`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'agc-json-'));
      const yamlFile = join(dir, 'helm.yaml');
      const jsonFile = join(dir, 'list.json');
      const json = toKubectlList(expectedOutput(name));
      writeFileSync(yamlFile, expectedOutput(name));
      writeFileSync(jsonFile, json);
      // Removing a label that is not there changes nothing: kubectl just decodes and prints.
      const [fromYaml, fromJson] = await Promise.all([
        runKubectl(['label', '--local', '-f', yamlFile, '-o', 'json', 'probe-']),
        runKubectl(['label', '--local', '-f', jsonFile, '-o', 'json', 'probe-']),
      ]);
      expect(fromJson.stderr).toBe('');
      expect(fromJson.code).toBe(0);
      expect(fromJson.stdout).toBe(fromYaml.stdout);
      const items = JSON.parse(json).items as unknown[];
      expect(fromJson.stdout).toBe(items.map((item) => `${goJson(item as ValueMap, '')}\n`).join(''));
    });
  }
});

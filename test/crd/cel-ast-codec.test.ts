// The CRD cache keeps CEL rules parsed (src/crd/cel-ast-codec.ts): a decoded tree must be exactly
// the parser's tree, and a change of @bufbuild/cel's parser output must not go unnoticed.
import { createHash } from 'node:crypto';
import { parse } from '@bufbuild/cel';
import { describe, expect, it } from 'vitest';
import { AstEncoder, CEL_AST_FORMAT, decodeAst } from '../../src/crd/cel-ast-codec.js';
import { clearCompiledExpressions, compileExpression, parseForCache, seedParses } from '../../src/crd/cel-compile.js';
import { CelCompileError } from '../../src/crd/errors.js';
import { sharedCrds } from './helpers.js';

/** Every rule text and messageExpression of the five shared CRDs. */
function ruleTexts(): string[] {
  const out = new Set<string>();
  for (const def of sharedCrds().crds) {
    for (const v of def.versions) {
      for (const r of v.rules) {
        out.add(r.rule);
        if (r.messageExpression !== undefined) out.add(r.messageExpression);
      }
    }
  }
  return [...out];
}

const EDGE_CASES = [
  "b'\\x00\\xff' == bytes('x')",
  '18446744073709551615u > 1u && -9223372036854775808 < 0',
  '-0.0 == 0.0 && 1e308 * 10.0 > 1.0 && .5 < 1.5e-3',
  "'\\u00e9\\U0001F600' + \"tab\\t\" + r'raw\\n'",
  'self.all(x, x.exists(y, y in [1, 2])) && self.map(m, m.k).filter(v, v != null).size() > 0',
  "{'a': 1, 'b': [true, null]}['a'] == 1 ? has(self.x) : !has(self.y.z)",
  'cel.bind(v, self.x, v + v)',
  'self.?x.orValue(1) == 1',
];

/** A text that differs when two trees differ in keys, their order, values or value types. */
function canonical(tree: unknown): string {
  return JSON.stringify(tree, (_k, v: unknown) =>
    typeof v === 'bigint' ? `bigint:${v}` : typeof v === 'number' ? `number:${Object.is(v, -0) ? '-0' : v}` : v instanceof Uint8Array ? `bytes:${[...v]}` : v === undefined ? 'undefined' : v,
  );
}

describe('cel-ast-codec', () => {
  it('decodes every shared CRD rule, and edge-case constants, to exactly the parsed tree', () => {
    const encoder = new AstEncoder();
    const texts = [...ruleTexts(), ...EDGE_CASES];
    let encoded = 0;
    for (const text of texts) {
      let tree: unknown;
      try {
        tree = parse(text).expr;
      } catch {
        continue; // not CEL the parser reads: nothing to encode
      }
      const code = encoder.encodeParsed(tree);
      expect(code, text).toBeDefined();
      expect(canonical(decodeAst(code!, encoder.shapes)), text).toBe(canonical(tree));
      encoded++;
    }
    expect(encoded).toBeGreaterThan(100);
  });

  it('refuses what it cannot reproduce, and damaged input', () => {
    const encoder = new AstEncoder();
    expect(encoder.encodeParsed({ when: new Date(0) })).toBeUndefined();
    expect(encoder.encodeParsed({ f: () => 1 })).toBeUndefined();
    expect(() => decodeAst('[99]', encoder.shapes)).toThrow();
    expect(() => decodeAst('[0, 1]', [[['__proto__'], null, null]])).toThrow();
  });

  it('pins the parser output it was written for: bump CEL_AST_FORMAT when this fingerprint changes', () => {
    const encoder = new AstEncoder();
    const typical = [
      "has(self.minVersion) && self.minVersion == '1.3' ? !has(self.ciphers) : true",
      "self.all(l1, self.exists_one(l2, l1.name == l2.name))",
      "!has(self.type) || self.type != 'Custom' || has(self.custom)",
      "self.matches('^[a-z]+$') && size(self) <= 63 && self.startsWith('a') && int(self.size()) < 2",
      "oldSelf == self",
      "self.x ==",
    ];
    const trees = [...typical, ...EDGE_CASES].map((t) => {
      try {
        return encoder.encodeParsed(parse(t).expr) ?? 'unencodable';
      } catch (err) {
        return `error: ${(err as Error).message}`;
      }
    });
    const fingerprint = createHash('sha256').update(JSON.stringify([encoder.shapes, trees])).digest('hex').slice(0, 16);
    // @bufbuild/cel 0.6.1. A new parser output (ids, macro expansion, shapes) makes old cache
    // entries wrong: bump CEL_AST_FORMAT in src/crd/cel-ast-codec.ts, then update this value.
    expect({ format: CEL_AST_FORMAT, fingerprint }).toEqual({ format: 2, fingerprint: FINGERPRINT });
  });

  it('compileExpression gives the same results from seeded parses as from parsing', () => {
    const texts = [...ruleTexts().slice(0, 60), 'self.x ==', 'self.size() > 1'];
    const self = { x: 1 };
    const outcome = (text: string): string => {
      try {
        const c = compileExpression(text);
        return `${c.usesOldSelf} ${canonical(c.run({ self: self as never }))}`;
      } catch (err) {
        return err instanceof CelCompileError ? `compile error: ${err.message}` : `threw: ${String(err)}`;
      }
    };
    clearCompiledExpressions();
    const parsed = texts.map(outcome);
    clearCompiledExpressions();
    seedParses(parseForCache(texts));
    const seeded = texts.map(outcome);
    clearCompiledExpressions();
    expect(seeded).toEqual(parsed);
    expect(parsed.some((o) => o.startsWith('compile error: compilation failed: syntax error'))).toBe(true);
  });
});

const FINGERPRINT = '74d4a57c5b57002b';

// The code-cache warm-up of `validate --crds` (scripts/bundle.mjs writeCrdCodeCache): made-up
// CRDs for the kinds the chart renders, each schema inferred from the chart's own output for the
// production example, with x-kubernetes-validations rules on every object. A warm-cache run of
// `validate -f <production> --crds <them>` runs what every warm --crds run does: reading the
// cached CRDs, pruning, defaults, the OpenAPI checks, list types, CEL planning and evaluation and
// RE2 (the cold run that fills the cache happens in a child process; see warmUpCrds). What it runs
// decides only which functions the code caches hold, never any output; the real CRDs are not in
// this repository.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PRODUCTION = join(root, 'test', 'golden', 'values', 'seed-production.yaml');
const BIN = join(root, 'bin', 'ai-gateway-core.js');

/** A property name CEL can select (`self.name`); others are left to the schema checks. */
const CEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

/** A rule every value of this shape passes, in the styles real CRDs use. */
function ruleFor(name, value) {
  const f = `self.${name}`;
  if (typeof value === 'string') return `${f}.size() <= 100000 && (${f}.startsWith('') || ${f}.matches('^[a-z]'))`;
  if (typeof value === 'number') return Number.isInteger(value) ? `${f} >= -2147483648 && ${f} <= 4294967295` : `${f} > -1.0e18`;
  if (typeof value === 'boolean') return `${f} == true || ${f} == false`;
  if (Array.isArray(value)) return `${f}.size() >= 0 && ${f}.all(x, x == x) && (${f}.size() == 0 || ${f}.exists(x, true))`;
  return `has(${f}) ? size(${f}) >= 0 : true`;
}

/** The items of a list share one schema: it has the keys of all of them. */
function merge(a, b) {
  if (!isObject(a) || !isObject(b)) return Array.isArray(a) && Array.isArray(b) ? [...a, ...b] : a;
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in out ? merge(out[k], v) : v;
  return out;
}

function isObject(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function schemaOf(value) {
  if (value === null || value === undefined) return { nullable: true, 'x-kubernetes-preserve-unknown-fields': true };
  if (typeof value === 'string') return { type: 'string', maxLength: 100000, pattern: '^[\\s\\S]*$' };
  if (typeof value === 'number') return Number.isInteger(value) ? { type: 'integer', format: 'int64', minimum: -2147483648 } : { type: 'number' };
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (Array.isArray(value)) {
    const all = value.filter((x) => x !== null && x !== undefined);
    return { type: 'array', maxItems: 10000, items: all.length === 0 ? { 'x-kubernetes-preserve-unknown-fields': true } : schemaOf(all.reduce(merge)) };
  }
  const properties = {};
  const rules = [];
  for (const [k, v] of Object.entries(value)) {
    properties[k] = schemaOf(v);
    if (v !== null && CEL_NAME.test(k) && !RESERVED.has(k) && rules.length < 4) rules.push({ rule: ruleFor(k, v), message: `${k} is out of range` });
  }
  const schema = { type: 'object', properties };
  if (rules.length > 0) schema['x-kubernetes-validations'] = rules;
  return schema;
}

/** A CRD that accepts `doc` (and documents like it). */
function crdFor(doc) {
  const [group, version] = doc.apiVersion.split('/');
  const kind = doc.kind;
  const plural = `${kind.toLowerCase()}s`;
  const { metadata: _metadata, ...rest } = doc;
  const schema = schemaOf(rest);
  schema.properties.metadata = { type: 'object' };
  schema['x-kubernetes-validations'] = [...(schema['x-kubernetes-validations'] ?? []), { rule: 'self.kind == oldSelf.kind', message: 'kind is immutable' }];
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      scope: doc.metadata?.namespace === undefined ? 'Cluster' : 'Namespaced',
      versions: [{ name: version, served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: schema } }],
    },
  };
}

/**
 * Runs `validate -f <production> --crds <made-up CRDs>` on `main` (the bundle's exports) with a warm
 * CRD cache, filled first by the same command in a child process: what only a cold run compiles
 * (the YAML and CEL parsers, schema normalisation) stays out of the code caches, which every
 * --crds run deserialises.
 */
/** A little more than load.ts's RACY_MS. */
const STAMP_AFTER_MS = 3100;

export async function warmUpCrds(main) {
  const work = mkdtempSync(join(tmpdir(), 'agc-crd-warmup-'));
  const saved = process.env['AI_GATEWAY_CORE_CACHE_DIR'];
  try {
    let rendered = '';
    const code = await main.run(['render', '-f', PRODUCTION], { stdout: (s) => (rendered += s), stderr() {} });
    if (code !== 0) throw new Error(`crd warm-up: render failed (exit ${code})`);
    const docs = YAML.parseAllDocuments(rendered).map((d) => d.toJS()).filter((d) => d && d.apiVersion && d.kind);
    const crds = join(work, 'crds');
    mkdirSync(crds);
    docs.forEach((doc, i) => writeFileSync(join(crds, `${i}-${doc.kind.toLowerCase()}.yaml`), YAML.stringify(crdFor(doc))));
    process.env['AI_GATEWAY_CORE_CACHE_DIR'] = join(work, 'cache');
    // A file changed in the last 3 s is not stamped (src/crd/load.ts RACY_MS): wait that out, so
    // that the cold run records stamps and the warm run takes the stamp path real warm runs take.
    await new Promise((resolve) => setTimeout(resolve, STAMP_AFTER_MS));
    const argv = ['validate', '-f', PRODUCTION, '--crds', crds];
    const accepted = `${docs.length} documents accepted by the CRDs`;
    const cold = spawnSync(process.execPath, [BIN, ...argv], { encoding: 'utf8' });
    if (cold.status !== 0 || !cold.stdout.includes(accepted)) throw new Error(`crd warm-up (cold cache) failed (exit ${cold.status}): ${argv.join(' ')}\n${cold.stdout}${cold.stderr}`);
    let out = '';
    let err = '';
    const c = await main.run(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
    if (c !== 0 || !out.includes(accepted)) throw new Error(`crd warm-up (warm cache) failed (exit ${c}): ${argv.join(' ')}\n${out}${err}`);
  } finally {
    if (saved === undefined) delete process.env['AI_GATEWAY_CORE_CACHE_DIR'];
    else process.env['AI_GATEWAY_CORE_CACHE_DIR'] = saved;
    rmSync(work, { recursive: true, force: true });
  }
}

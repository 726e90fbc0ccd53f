#!/usr/bin/env node
// Builds what bin/ai-gateway-core.js runs: the whole CLI as one CommonJS file
// (dist/ai-gateway-core.cjs) and a V8 code cache for it (dist/ai-gateway-core.cjs.cache), plus
// the third-party code only some commands run in dist/ai-gateway-core-vendor.cjs (see vendorSplit).
//
// Why: Node 20 spends most of a cold start resolving, reading and compiling modules. One file
// removes the resolution and the ESM loader; the code cache, taken after rendering and validating
// the production example, holds the bytecode of every function that path runs, so V8 compiles
// nothing at start-up. Run after scripts/build-assets.mjs and scripts/build-validator.mjs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { BUNDLE, VENDOR, CRD, HEAD, TAIL, loadBundle } = require('../bin/ai-gateway-core.js');

/** How the shipped files (the bundle and its side files) are built. */
const SHIPPED_CJS = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  // No code here reads a function's or class's name: the CLI prints errors by their message, and
  // keeping the names wrapped every function and class in a call at start-up (~6M instructions,
  // ~0.7 ms of a cold render). The library (dist/*.js, unbundled) keeps its error class names.
  keepNames: false,
  legalComments: 'none',
  logLevel: 'warning',
};

// `import.meta` does not exist in CommonJS. `import.meta.dirname` becomes __dirname (dist/, passed
// by bin/); `import.meta.url` becomes a getter, so that the URL is made only if something asks
// (node:url's pathToFileURL costs a cold start ~0.3 ms, and render never asks).
const IMPORT_META_URL_SHIM = "let url;\nexport const importMeta = { get url() { return url ??= require('node:url').pathToFileURL(__filename).href; } };\n";
const IMPORT_META_URL = { 'import.meta.url': 'importMeta.url', 'import.meta.dirname': '__dirname' };

// commander loads node:child_process (and with it net, dgram and the streams: ~4 ms) only to run
// executable subcommands, which this CLI does not have; load it on first use instead.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'node:child_process', namespace: 'lazy-child-process' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

// Code that only some commands need is initialised the first time it is used, not at start-up:
// an import that crosses into one of these groups from outside it gets a stand-in module whose
// exports are getters that load the real module on first access. Inside a group, imports stay
// static. (src/crd/ has a file of its own: see "The CRD validator's own file" below.)
const LAZY_GROUPS = [
  /[\\/]src[\\/]validate[\\/](?!schema\.ts$)/, // validate's reports; the schema check is on every render
  /[\\/]src[\\/]charts[\\/][^\\/]+[\\/]checks\.ts$/, // each chart's checks across objects: validate only
  /[\\/]src[\\/](?:charts|generated)[\\/](?!core[\\/])[^\\/]+[\\/]/, // every chart but core: a run loads the one it renders
  /[\\/]src[\\/]output[\\/]kubectl-json\.ts$/, // render -o json
  // check: the rules across releases, and the reader of rendered documents (which the CRD file has its own copy of)
  /[\\/]src[\\/](?:check[\\/]|crd[\\/]simple-yaml\.ts$)/,
  /[\\/]src[\\/]cli[\\/]completion[\\/]/, // completion scripts
  /[\\/]node_modules[\\/]yaml[\\/]/, // the full YAML parser: only for files outside the fast reader's subset
];

const groupOf = (path) => LAZY_GROUPS.findIndex((re) => re.test(path));

// Third-party code that only lazy groups run (the full YAML parser) goes into a second file,
// dist/ai-gateway-core-vendor.cjs, required on first use: bundled but never run, it still cost
// every start its reading, decoding and share of the code cache. These packages share no state
// with our modules; every import of them from the main bundle goes through the vendor file, so
// each still exists once.
//
// The full schema validator (130 KiB of generated ajv code) joins them: it runs only when the fast
// one (values-validator-fast) has refused the values, to give the messages. It is stateless, so its
// copy of ajv's runtime helpers in the vendor file is harmless; unlike the packages, which only
// lazy groups import, its importer runs on every render, so its stand-in loads it on first access.
const VENDOR_PATH = /[\\/]node_modules[\\/]yaml[\\/]|[\\/]src[\\/]generated[\\/][^\\/]+[\\/]values-validator\.ts$/;

/**
 * A stand-in module: its named exports are getters that evaluate `loadExpression` on first access.
 * `esm` marks it as an ES module for importers that esbuild made from ESM (our sources).
 */
function standInSource(loadExpression, names, esm = true) {
  return [
    'let real;',
    `const load = () => real ??= ${loadExpression};`,
    esm ? "Object.defineProperty(exports, '__esModule', { value: true });" : '',
    `for (const name of ${JSON.stringify(names)}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });`,
  ].join('\n');
}

/**
 * The expression that loads `key` from one of the shipped side files through bin/ (`loader` is
 * loadVendor or loadCrd, which evaluate the file once with its code cache). __dirname is dist/
 * (bin/ passes it); a computed path keeps esbuild from bundling bin/.
 */
function fromSideFile(loader, key) {
  return `require(require('node:path').join(__dirname, '..', 'bin', 'ai-gateway-core.js')).${loader}().exports.load(${JSON.stringify(key)})`;
}

function vendorSplit(entries) {
  return {
    name: 'vendor-split',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData?.resolvingForVendor || args.pluginData?.resolvingForBoundary) return undefined;
        if (args.namespace === 'vendor' || (args.namespace === 'file' && VENDOR_PATH.test(args.importer))) return undefined;
        // Both flags: the lazy-boundaries plugin (which runs first) and this one stay out of this lookup.
        const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolvingForVendor: true, resolvingForBoundary: true } });
        if (resolved.errors.length > 0 || resolved.external || !VENDOR_PATH.test(resolved.path)) return undefined;
        const key = relative(root, resolved.path).split(sep).join('/');
        entries.set(key, resolved.path);
        return { path: key, namespace: 'vendor' };
      });
      b.onLoad({ filter: /.*/, namespace: 'vendor' }, async (args) => {
        const load = fromSideFile('loadVendor', args.path);
        if (!args.path.startsWith('src/')) return { contents: `module.exports = ${load};`, loader: 'js' };
        // Our own module: getters for its named exports (importers use only those), loaded on first use.
        const out = await build({ entryPoints: [entries.get(args.path)], bundle: true, write: false, metafile: true, format: 'esm', platform: 'node', packages: 'external', outdir: 'unused', logLevel: 'silent' });
        const names = (Object.values(out.metafile.outputs).find((o) => o.entryPoint)?.exports ?? []).filter((n) => n !== 'default');
        return { contents: standInSource(load, names), loader: 'js' };
      });
    },
  };
}

/** The vendor file: `load(key)` initialises one of the packages the main bundle asked for. */
async function bundleVendor(entries) {
  const cases = [...entries].map(([key, path]) => `    case ${JSON.stringify(key)}: return require(${JSON.stringify(path)});`).join('\n');
  await build({
    stdin: { contents: `exports.load = (key) => {\n  switch (key) {\n${cases}\n  }\n  throw new Error('vendor: ' + key);\n};\n`, resolveDir: root, loader: 'js' },
    outfile: VENDOR,
    ...SHIPPED_CJS,
  });
  finishShippedFile(VENDOR);
  // Its code cache: every package initialised, which compiles their top-level code (what each
  // first use runs); functions called later are compiled then.
  rmSync(`${VENDOR}.cache`, { force: true });
  const loaded = loadBundle(VENDOR);
  for (const key of entries.keys()) loaded.exports.load(key);
  writeFileSync(`${VENDOR}.cache`, loaded.script.createCachedData());
}

/** The export names of a module, found by bundling it alone. */
async function exportNames(path) {
  if (/[\\/]node_modules[\\/]/.test(path)) return Object.keys(require(path));
  const out = await build({ entryPoints: [path], bundle: true, write: false, metafile: true, format: 'esm', platform: 'node', packages: 'external', outdir: 'unused', logLevel: 'silent' });
  const names = Object.values(out.metafile.outputs).find((o) => o.entryPoint)?.exports ?? [];
  // The importers are ESM in a "type": "module" package, where esbuild reads a CommonJS module's
  // default export as the whole module: a real `export default` would be lost behind the stand-in.
  if (names.includes('default')) throw new Error(`${path}: a lazily loaded module cannot have a default export`);
  return { names, esm: true };
}

async function standIn(path) {
  const found = await exportNames(path);
  const { names, esm } = Array.isArray(found) ? { names: found, esm: false } : found;
  return standInSource(`require(${JSON.stringify(path)})`, names, esm);
}

const lazyBoundaries = {
  name: 'lazy-boundaries',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind === 'entry-point' || args.pluginData?.resolvingForBoundary) return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolvingForBoundary: true } });
      if (resolved.errors.length > 0 || resolved.external) return undefined;
      const group = groupOf(resolved.path);
      if (group < 0 || args.namespace === 'lazy-boundary' || groupOf(args.importer) === group) return undefined;
      return { path: resolved.path, namespace: 'lazy-boundary' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-boundary' }, async (args) => ({ contents: await standIn(args.path), loader: 'js', resolveDir: dirname(args.path) }));
  },
};

export async function bundle() {
  const work = mkdtempSync(join(tmpdir(), 'agc-bundle-'));
  const vendor = new Map();
  const crd = new Map();
  try {
    const shim = join(work, 'import-meta-url.js');
    writeFileSync(shim, IMPORT_META_URL_SHIM);
    await build({
      entryPoints: [join(root, 'src', 'cli', 'main.ts')],
      outfile: BUNDLE,
      ...SHIPPED_CJS,
      inject: [shim],
      define: IMPORT_META_URL,
      plugins: [lazyChildProcess, crdSplit(crd), lazyBoundaries, vendorSplit(vendor)],
    });
    await bundleCrdFile(crd, vendor, shim);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  finishShippedFile(BUNDLE);
  await bundleVendor(vendor);
  await writeCodeCache();
  await writeCrdCodeCache();
}

// ---------------------------------------------------------------------------------------------
// The CRD validator's own file (validate --crds, render --crds): dist/ai-gateway-core-crd.cjs.
//
// src/crd/ and the CEL, protobuf and RE2 packages it imports are bundled apart from the main
// bundle, as ES modules, so esbuild drops what src/crd never imports (most of protobuf's
// well-known types: their descriptors were decoded at every start, ~10 ms), and they get a code
// cache of their own, taken after a --crds run (writeCrdCodeCache): the vendor file's cache held
// only top-level code, so every --crds run compiled the planner and validator functions again.
// The full YAML parser stays in the vendor file, shared with the main bundle, loaded on first use.
// A few stateless leaves (the fast YAML reader, apiVersion parsing, schema types, value
// correlation, field paths) are bundled into both files: `diff` uses them on every run, and
// reaching them through the CRD file would load CEL and protobuf for a diff without --crds.

// Stateless helpers the main bundle keeps (not the CRD file): simple-yaml.ts reads rendered
// documents for `check` and `diff`; gvk, schema, correlation and path serve `diff` without --crds.
// None may load the CRD validator.
const CRD_SOURCES = /[\\/]src[\\/]crd[\\/](?!(?:simple-yaml|gvk|schema|correlation|path)\.ts$)/;
/** What the CRD file takes from the vendor file instead of bundling its own copy. */
const FROM_VENDOR = /[\\/]node_modules[\\/]yaml[\\/]/;

/** The main bundle: an import of src/crd/ from outside it gets a stand-in that loads the CRD file. */
function crdSplit(entries) {
  return {
    name: 'crd-split',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData?.resolvingForCrd || CRD_SOURCES.test(args.importer)) return undefined;
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { resolvingForCrd: true, resolvingForBoundary: true, resolvingForVendor: true },
        });
        if (resolved.errors.length > 0 || resolved.external || !CRD_SOURCES.test(resolved.path)) return undefined;
        const key = relative(root, resolved.path).split(sep).join('/');
        entries.set(key, resolved.path);
        return { path: key, namespace: 'crd-file' };
      });
      b.onLoad({ filter: /.*/, namespace: 'crd-file' }, async (args) => {
        const { names } = await exportNames(entries.get(args.path));
        return { contents: standInSource(fromSideFile('loadCrd', args.path), names), loader: 'js' };
      });
    },
  };
}

/** The CRD file: `load(key)` gives one of the src/crd modules the main bundle imports. */
async function bundleCrdFile(entries, vendorEntries, importMetaUrlShim) {
  const list = [...entries];
  const contents = [
    ...list.map(([, path], i) => `import * as m${i} from ${JSON.stringify(path)};`),
    'export function load(key) {',
    '  switch (key) {',
    ...list.map(([key], i) => `    case ${JSON.stringify(key)}: return m${i};`),
    '  }',
    "  throw new Error('crd: ' + key);",
    '}',
  ].join('\n');
  const fromVendor = {
    name: 'from-vendor',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.resolvingFromVendor || args.namespace === 'vendor') return undefined;
        const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolvingFromVendor: true } });
        if (resolved.errors.length > 0 || resolved.external || !FROM_VENDOR.test(resolved.path) || FROM_VENDOR.test(args.importer)) return undefined;
        const key = relative(root, resolved.path).split(sep).join('/');
        vendorEntries.set(key, resolved.path);
        return { path: key, namespace: 'vendor' };
      });
      // Getters, so the vendor file loads on first use: a warm --crds run may not need it at all.
      b.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({
        contents: standInSource(fromSideFile('loadVendor', args.path), Object.keys(require(vendorEntries.get(args.path))), false),
        loader: 'js',
      }));
    },
  };
  await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    outfile: CRD,
    ...SHIPPED_CJS,
    inject: [importMetaUrlShim],
    define: IMPORT_META_URL,
    plugins: [fromVendor],
  });
  finishShippedFile(CRD);
}

/**
 * The CRD file's code cache, taken after a `validate --crds` run with a warm CRD cache on CRDs made
 * up from the chart's own output (scripts/crd-warmup.mjs), so it holds every function that path
 * runs. A separate instance of the main bundle runs it: the main cache stays as writeCodeCache
 * left it, without --crds code every render would deserialise. That run does not load the vendor
 * file (the CRD file loads it on first use): its cache stays as bundleVendor made it.
 */
async function writeCrdCodeCache() {
  const bin = require('../bin/ai-gateway-core.js');
  rmSync(`${CRD}.cache`, { force: true });
  const { warmUpCrds } = await import('./crd-warmup.mjs');
  await warmUpCrds(loadBundle().exports);
  writeFileSync(`${CRD}.cache`, bin.loadCrd().script.createCachedData());
}

/**
 * Makes a shipped file what bin/ evaluates as is:
 * - ASCII only: esbuild leaves non-ASCII characters inside regular expression literals, and one
 *   such character makes V8 hold the whole source as a two-byte string;
 * - inside bin/'s CommonJS wrapper, so that bin/ need not copy the source to wrap it.
 */
function finishShippedFile(file) {
  const text = readFileSync(file, 'utf8').replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  writeFileSync(file, HEAD + text + TAIL);
}

/** Runs the common commands in-process, then saves the bytecode V8 compiled for them. */
async function writeCodeCache() {
  rmSync(`${BUNDLE}.cache`, { force: true });
  const loaded = loadBundle();
  const production = join(root, 'test', 'golden', 'values', 'seed-production.yaml');
  const out = mkdtempSync(join(tmpdir(), 'agc-warm-'));
  const io = { stdout() {}, stderr() {} };
  try {
    // Only the cold paths the cache is for: everything compiled here is deserialised at every
    // start. (A fleet compiles its few extra functions once and then renders for a while.)
    for (const argv of [
      ['render', '-f', production],
      ['validate', '-f', production],
    ]) {
      const code = await loaded.exports.run(argv, io);
      if (code !== 0) throw new Error(`warm-up run failed (exit ${code}): ${argv.join(' ')}`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  writeFileSync(`${BUNDLE}.cache`, loaded.script.createCachedData());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundle();
  const size = (f) => `${Math.round(readFileSync(f).length / 1024)} KiB`;
  console.log(`bundle: ${BUNDLE} (${size(BUNDLE)}), code cache ${size(`${BUNDLE}.cache`)}`);
}

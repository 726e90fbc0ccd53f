#!/usr/bin/env node
// The `ai-gateway-core` command. CommonJS (see bin/package.json), because the ESM loader alone
// costs Node 20 several milliseconds of start-up. It runs the one-file bundle made by
// scripts/bundle.mjs with its V8 code cache, so nothing is resolved or compiled at start-up; when
// the bundle is missing (a build without it) the plain compiled modules in dist/ run instead.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const vm = require('node:vm');

const DIST = join(__dirname, '..', 'dist');
const BUNDLE = join(DIST, 'ai-gateway-core.cjs');

// The CommonJS wrapper. scripts/bundle.mjs writes it into the shipped files, so V8 compiles the
// text exactly as read: wrapping it here copied the whole source once more at every start.
const HEAD = '(function (exports, require, module, __filename, __dirname) {';
const TAIL = '\n})';

// The third-party code only some commands run (scripts/bundle.mjs: CEL, protobuf, RE2, full YAML).
const VENDOR = join(DIST, 'ai-gateway-core-vendor.cjs');

/** Evaluates the bundle with its code cache; undefined when there is no bundle. */
function loadBundle(file = BUNDLE) {
  let source;
  try {
    // The bundle is ASCII (scripts/bundle.mjs makes sure): latin1 reads it without UTF-8 decoding.
    source = readFileSync(file, 'latin1');
  } catch {
    return undefined;
  }
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    // no cache: V8 compiles as usual
  }
  // A cache from another Node or V8 version is rejected by V8 and costs only the compile it saved.
  const script = new vm.Script(source, {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require, module, file, DIST);
  return { exports: module.exports, script };
}

let vendor;
/**
 * The vendor file, evaluated once, with its own code cache: loaded by Node's require it was parsed
 * from scratch, ~16 ms of every `--crds` run. Called by the bundle's stand-ins on first use.
 */
function loadVendor() {
  vendor ??= loadBundle(VENDOR);
  if (!vendor) throw new Error(`${VENDOR} is missing: run \`npm run build\``);
  return vendor;
}

// The CRD validator (src/crd with CEL, protobuf and RE2: scripts/bundle.mjs bundleCrdFile), only
// for --crds, with its own code cache.
const CRD = join(DIST, 'ai-gateway-core-crd.cjs');

let crd;
/** The CRD file, evaluated once with its code cache. Called by the bundle's stand-ins on first use. */
function loadCrd() {
  crd ??= loadBundle(CRD);
  if (!crd) throw new Error(`${CRD} is missing: run \`npm run build\``);
  return crd;
}

module.exports = { BUNDLE, VENDOR, CRD, HEAD, TAIL, loadBundle, loadVendor, loadCrd };

if (require.main === module) {
  const loaded = loadBundle();
  if (loaded) loaded.exports.main();
  else import('../dist/cli/main.js').then((cli) => cli.main());
}

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

/**
 * A side file's loader: evaluates the file once, with its own code cache, on first use (the
 * bundle's stand-ins call it). Loaded by Node's require, the vendor file was parsed from scratch,
 * ~16 ms of every `--crds` run.
 */
function sideFile(file) {
  let loaded;
  return () => {
    loaded ??= loadBundle(file);
    if (!loaded) throw new Error(`${file} is missing: run \`npm run build\``);
    return loaded;
  };
}

const loadVendor = sideFile(VENDOR);

// The CRD validator (src/crd with CEL, protobuf and RE2: scripts/bundle.mjs bundleCrdFile), only
// for --crds.
const CRD = join(DIST, 'ai-gateway-core-crd.cjs');
const loadCrd = sideFile(CRD);

module.exports = { BUNDLE, VENDOR, CRD, HEAD, TAIL, loadBundle, loadVendor, loadCrd };

if (require.main === module) {
  const loaded = loadBundle();
  if (loaded) loaded.exports.main();
  else import('../dist/cli/main.js').then((cli) => cli.main());
}

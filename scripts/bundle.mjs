#!/usr/bin/env node
// Builds what bin/ai-gateway-core.js runs: the whole CLI as one CommonJS file
// (dist/ai-gateway-core.cjs) and a V8 code cache for it (dist/ai-gateway-core.cjs.cache).
//
// Why: Node 20 spends most of a cold start resolving, reading and compiling modules. One file
// removes the resolution and the ESM loader; the code cache, taken after rendering and validating
// the production example, holds the bytecode of every function that path runs, so V8 compiles
// nothing at start-up. Run after scripts/build-assets.mjs and scripts/build-validator.mjs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { BUNDLE, loadBundle } = require('../bin/ai-gateway-core.js');

// `import.meta.url` does not exist in CommonJS; src/paths.ts needs it to find chart/ and schema/,
// which sit one level above dist/ exactly as they sit one level above src/.
const IMPORT_META_URL_SHIM = "export const importMetaUrl = require('node:url').pathToFileURL(__filename).href;\n";

// commander loads node:child_process (and with it net, dgram and the streams: ~4 ms) only to run
// executable subcommands, which this CLI does not have; load it on first use instead.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

export async function bundle() {
  const work = mkdtempSync(join(tmpdir(), 'agc-bundle-'));
  try {
    const shim = join(work, 'import-meta-url.js');
    writeFileSync(shim, IMPORT_META_URL_SHIM);
    await build({
      entryPoints: [join(root, 'src', 'cli', 'main.ts')],
      outfile: BUNDLE,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // Identifiers are not minified: error class names (AiGatewayCoreError subclasses set
      // `name` from the class) must survive; keepNames covers classes esbuild renames.
      minifyWhitespace: true,
      minifySyntax: true,
      keepNames: true,
      legalComments: 'none',
      inject: [shim],
      define: { 'import.meta.url': 'importMetaUrl' },
      plugins: [lazyChildProcess],
      logLevel: 'warning',
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  await writeCodeCache();
}

/** Runs the common commands in-process, then saves the bytecode V8 compiled for them. */
async function writeCodeCache() {
  rmSync(`${BUNDLE}.cache`, { force: true });
  const loaded = loadBundle();
  const production = join(root, 'test', 'golden', 'values', 'seed-production.yaml');
  const out = mkdtempSync(join(tmpdir(), 'agc-warm-'));
  const io = { stdout() {}, stderr() {} };
  try {
    for (const argv of [
      ['render', '-f', production],
      ['render', 'prod', '-n', 'ai-gateway', '--set', 'gateway.name=x', '-f', production],
      ['validate', '-f', production],
      ['render', '-f', production, '--output-dir', out],
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

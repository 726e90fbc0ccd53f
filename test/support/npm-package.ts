// Builds and packs the package the way `npm publish` would, from a copy of the working tree (so
// the build never rewrites files other tests are reading), and installs the tarball as a user would
// on a fresh machine: from the npm cache where it can, from the npm registry for what the cache lacks
// (`npm ci` caches tarballs but not the registry documents an install resolves ranges with).
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helm.js';

/** Top-level entries that are not inputs of the build (test/ is: the build warms a code cache with its values files). */
const NOT_COPIED = new Set(['node_modules', '.git', '.cache', '.tmp', 'dist', 'coverage']);

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      cmd,
      args,
      { cwd: opts.cwd, env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...opts.env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err && typeof (err as NodeJS.ErrnoException).code === 'string') return reject(err);
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

export interface PackResult {
  tgz: string;
  /** paths inside the package, as `npm pack --json` lists them */
  files: string[];
  /** the scratch folder; remove it with cleanUp */
  scratch: string;
}

export async function packProject(): Promise<PackResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'agc-pack-'));
  const src = join(scratch, 'src-tree');
  cpSync(ROOT, src, { recursive: true, filter: (from) => !NOT_COPIED.has(from.slice(ROOT.length + 1).split('/')[0]) });
  symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'), 'dir');
  // `npm pack` runs `prepare` (the full build) first, exactly as `npm publish` does.
  const r = await run('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: src });
  if (r.code !== 0) throw new Error(`npm pack failed:\n${r.stderr}`);
  const [info] = JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  return { tgz: join(scratch, info.filename), files: info.files.map((f) => f.path), scratch };
}

/** `npm install -g <tgz>` into its own prefix; returns the prefix's bin folder. */
export async function installGlobal(tgz: string, prefix: string): Promise<string> {
  const r = await run('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--loglevel=error', tgz], { cwd: tmpdir() });
  if (r.code !== 0) throw new Error(`npm install -g failed:\n${r.stderr}`);
  return join(prefix, 'bin');
}

/** Where npx installs packages it does not find: one folder per requested spec. */
export function npxCacheEntries(): Set<string> {
  const dir = join(process.env.npm_config_cache ?? join(homedir(), '.npm'), '_npx');
  try {
    return new Set(readdirSync(dir).map((e) => join(dir, e)));
  } catch {
    return new Set();
  }
}

export function cleanUp(...paths: (string | undefined)[]): void {
  for (const p of paths) if (p) rmSync(p, { recursive: true, force: true });
}

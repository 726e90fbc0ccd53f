// Runs the shipped command (bin/ai-gateway-core.js, the bundle `npm test` builds first) in its own
// process, as a pipeline would, and measures its peak memory from inside (process.resourceUsage).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../support/helm.js';

export const BIN = join(ROOT, 'bin', 'ai-gateway-core.js');
const REPORT_RSS = join(ROOT, 'test', 'hostile', 'support', 'report-rss.cjs');

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** peak resident set size; undefined when the process died before it could report */
  maxRssMiB: number | undefined;
  ms: number;
}

export interface ProcessOptions {
  /** written to standard input, which is then closed */
  input?: string | Buffer;
  /** run as this user (the tests run as root, who can read any file) */
  uid?: number;
  gid?: number;
  cwd?: string;
  timeoutMs?: number;
}

export function runBinProcess(args: string[], opts: ProcessOptions = {}): Promise<ProcessResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', REPORT_RSS, BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      uid: opts.uid,
      gid: opts.gid,
      env: { PATH: process.env['PATH'] ?? '', HOME: opts.cwd ?? ROOT, NO_COLOR: '1' },
      timeout: opts.timeoutMs ?? 60_000,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const rss: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (b: Buffer) => rss.push(b));
    child.on('error', reject);
    child.stdin!.on('error', () => {
      // the CLI may stop reading early (over a limit): a broken pipe is expected then
    });
    child.stdin!.end(opts.input ?? '');
    child.on('close', (code, signal) => {
      const kib = Number(Buffer.concat(rss).toString());
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        maxRssMiB: kib > 0 ? kib / 1024 : undefined,
        ms: performance.now() - started,
      });
    });
  });
}

/**
 * Where `render --each` writes its environments: in the rendering thread, or on a second thread
 * so that the file system calls (about a fifth of a fleet's time: creating 1,600 files and
 * folders for 200 environments) run while the next environments render.
 *
 * Either way each environment is rendered and checked completely first, its paths are checked by
 * environmentJob before anything is sent, and the outcomes come back in the order the
 * environments were queued, so the log and the error messages do not depend on timing.
 *
 * The thread is a few lines of plain JavaScript (WRITER_THREAD below): it only carries out the
 * calls that writeNewEnvironment makes, with the same rule for an existing folder (it reports it
 * and writes nothing: the rendering thread then replaces it with writeOutputDir). If the thread
 * cannot start or stops, the environments it had not written are written in the rendering thread.
 */
import type { Worker } from 'node:worker_threads';
import type { AiGatewayCoreError } from '../errors.js';
import { environmentJob, environmentWriteError, writeEnvironment, type EnvironmentJob } from './write-environment.js';
import { writeOutputDir, type OutputDirPlan } from './write-output-dir.js';

/** `error` is undefined when the environment was written. */
export type WriteDone = (error: AiGatewayCoreError | undefined) => void;

export interface EnvironmentWriter {
  /** Queues one environment; `done` is called once it is written or has failed, in queue order. */
  write(plan: OutputDirPlan, dir: string, done: WriteDone): Promise<void>;
  /** Calls `fn` once every environment queued before is done: to report what failed earlier, in order. */
  inOrder(fn: () => void): void;
  /** Waits until every queued environment is done; the writer cannot be used after. */
  close(): Promise<void>;
}

/** Writes each environment at once, in this thread. */
export function inThreadWriter(): EnvironmentWriter {
  return {
    async write(plan, dir, done) {
      let error: AiGatewayCoreError | undefined;
      try {
        writeEnvironment(plan, dir);
      } catch (err) {
        error = environmentWriteError(dir, err);
      }
      done(error);
    },
    inOrder: (fn) => fn(),
    async close() {},
  };
}

/** Below this many environments a thread costs more (~5 ms to start) than it saves. */
export const THREAD_MIN_ENVIRONMENTS = 16;

/**
 * Whether a second thread can help: enough environments, and a core that is likely idle (the
 * 1-minute load average, as `make -l` uses it). The thread costs ~30 ms of CPU (a second V8
 * isolate) and saves the rendering thread the file system calls; on a machine whose cores are
 * all busy it only adds that cost: measured with the load average at 5-10 on 2 cores, the wall
 * time was the same or ~5% worse with the thread, and CPU time ~80 ms more.
 */
export function threadWorthIt(environments: number, cores?: number, load?: number): boolean {
  if (environments < THREAD_MIN_ENVIRONMENTS) return false;
  const os = builtin<typeof import('node:os')>('node:os');
  if (!os) return false; // a Node without process.getBuiltinModule: no thread either (see builtin)
  cores ??= os.availableParallelism();
  load ??= os.loadavg()[0]!;
  return cores > 1 && load < cores - 0.5;
}

/**
 * A Node module loaded on first use, not at start-up, where every command would pay for it
 * (node:worker_threads ~1.5 ms, node:os ~0.25 ms, node:module for createRequire ~0.25 ms).
 * process.getBuiltinModule (Node 20.16+) works in the bundle, which runs as a script and has no
 * dynamic import(); on an older Node there is simply no second thread.
 */
function builtin<T>(name: string): T | undefined {
  return (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.(name) as T | undefined;
}

/**
 * Environments sent to the thread and not yet reported back, at most: memory holds this many
 * environments' files when rendering runs ahead of the disk.
 */
const IN_FLIGHT = 32;

type Reply = { status: 'ok' } | { status: 'exists' } | { status: 'error'; message: string; code?: string };

/** Runs in the thread: writeNewEnvironment, for each job posted, one reply per job. */
const WRITER_THREAD = `'use strict';
const { parentPort } = require('node:worker_threads');
const { closeSync, mkdirSync, openSync, rmSync, writeSync } = require('node:fs');
const { dirname } = require('node:path');
function claim(root) {
  try { mkdirSync(root); return true; } catch (err) { if (err.code === 'EEXIST') return false; if (err.code !== 'ENOENT') throw err; }
  mkdirSync(dirname(root), { recursive: true });
  try { mkdirSync(root); return true; } catch (err) { if (err.code === 'EEXIST') return false; throw err; }
}
function writeNew(path, content) {
  const fd = openSync(path, 'wx', 0o644);
  try {
    const bytes = Buffer.from(content, 'utf8');
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off);
  } finally {
    closeSync(fd);
  }
}
parentPort.on('message', (job) => {
  let reply;
  try {
    if (!claim(job.root)) reply = { status: 'exists' };
    else {
      try {
        for (const folder of job.folders) mkdirSync(folder);
        for (const [path, content] of job.files) writeNew(path, content);
      } catch (err) {
        try { rmSync(job.root, { recursive: true, force: true }); } catch {}
        throw err;
      }
      reply = { status: 'ok' };
    }
  } catch (err) {
    reply = { status: 'error', message: String(err && err.message), code: err && err.code };
  }
  parentPort.postMessage(reply);
});
`;

interface Pending {
  plan: OutputDirPlan;
  dir: string;
  done: WriteDone;
  /** whether the thread was asked to write it (and has not answered yet, while `known` is false) */
  sent: boolean;
  known: boolean;
  error?: AiGatewayCoreError;
}

/**
 * Writes on a second thread; falls back to this thread if it cannot start or stops. `source` is
 * the thread's code (tests give one that stops).
 */
export function threadWriter(source = WRITER_THREAD): EnvironmentWriter {
  let worker: Worker | undefined;
  try {
    const threads = builtin<typeof import('node:worker_threads')>('node:worker_threads');
    worker = threads && new threads.Worker(source, { eval: true });
  } catch {
    // no thread: every environment is written in this thread (drain, below)
  }
  const queue: Pending[] = [];
  let inFlight = 0;
  let wake: (() => void) | undefined;

  /** Reports, in queue order, every environment at the head whose outcome is known. Synchronous. */
  const drain = (): void => {
    for (;;) {
      const head = queue[0];
      if (!head) return;
      if (!head.known) {
        if (worker) return; // the thread will answer
        // The thread stopped before confirming it: written here (an existing folder is replaced).
        try {
          writeEnvironment(head.plan, head.dir);
        } catch (err) {
          head.error = environmentWriteError(head.dir, err);
        }
      }
      queue.shift();
      head.done(head.error);
    }
  };
  const onReply = (reply: Reply): void => {
    inFlight--;
    // Replies come in the order jobs were sent: this one is for the first sent environment without one.
    const entry = queue.find((e) => e.sent && !e.known)!;
    entry.known = true;
    if (reply.status === 'exists') {
      try {
        writeOutputDir(entry.plan, entry.dir);
      } catch (err) {
        entry.error = environmentWriteError(entry.dir, err);
      }
    } else if (reply.status === 'error') {
      entry.error = environmentWriteError(entry.dir, Object.assign(new Error(reply.message), { code: reply.code }));
    }
    drain();
    wake?.();
  };
  const onStopped = (): void => {
    if (!worker) return;
    worker = undefined;
    inFlight = 0;
    drain();
    wake?.();
  };
  worker?.on('message', onReply);
  worker?.on('error', onStopped);
  worker?.on('exit', onStopped);

  const waitForReply = (): Promise<void> =>
    new Promise((resolve) => {
      wake = () => {
        wake = undefined;
        resolve();
      };
    });

  return {
    async write(plan, dir, done) {
      const entry: Pending = { plan, dir, done, sent: false, known: false };
      let job: EnvironmentJob | undefined;
      try {
        job = environmentJob(plan, dir);
      } catch (err) {
        entry.known = true;
        entry.error = environmentWriteError(dir, err);
      }
      queue.push(entry);
      if (job && worker) {
        worker.postMessage(job);
        entry.sent = true;
        inFlight++;
      }
      drain();
      // Rendering ran ahead of the disk: let the thread catch up (to half) before holding more
      // in memory. Replies are only read while this thread waits: it renders without pause.
      if (inFlight >= IN_FLIGHT) while (worker && inFlight > IN_FLIGHT / 2) await waitForReply();
    },
    inOrder(fn) {
      queue.push({ plan: { files: new Map(), log: '' }, dir: '', done: fn, sent: false, known: true });
      drain();
    },
    async close() {
      while (worker && inFlight > 0) await waitForReply();
      drain();
      if (worker) {
        const stopping = worker;
        worker = undefined;
        stopping.off('exit', onStopped);
        await stopping.terminate();
      }
    },
  };
}

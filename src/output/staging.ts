/**
 * The names and clean-up of what an output write puts beside its target while it works. A folder
 * is written whole under a staging name and renamed into place, so the process can die at any
 * instant (SIGKILL, OOM, a CI timeout) without a half-written folder under the real name:
 *
 *   .agc-tmp.<name>.<pid>.<nonce>   a folder being written; never complete in anyone's eyes
 *   .agc-old.<name>.<pid>.<nonce>   the previous <name>, moved aside for the instant of the swap
 *
 * The leading dot keeps them out of `ls`, globs and kustomize's view; `.agc-` marks them as ours.
 * The pid says whose they are: a later run removes those of a process that no longer runs (and
 * puts an `.agc-old` back where its owner died before the new folder took its place), and leaves
 * a running writer's alone, so concurrent runs do not undo each other.
 */
import { readdirSync, renameSync, rmSync, lstatSync } from 'node:fs';

const LEFTOVER = /^\.agc-(tmp|old)\.(.+)\.(\d+)\.([0-9a-z]+)$/;

let counter = 0;

/** A name for staging `name` (`kind` tmp) or for moving it aside (`kind` old), unique to this call. */
export function stagingName(kind: 'tmp' | 'old', name: string): string {
  counter += 1;
  return `.agc-${kind}.${name}.${process.pid}.${counter.toString(36)}${Math.floor(Math.random() * 0x10000).toString(36)}`;
}

/** Whether a process with this pid runs (on this machine). */
function running(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // someone else's process, alive
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes what dead writers left in `folder`, and puts back a previous folder whose replacement
 * never arrived. Best effort: a leftover that cannot be removed is left for the next run, and the
 * write that called this goes on.
 */
export function sweepLeftovers(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith('.agc-')) continue;
    const m = LEFTOVER.exec(name);
    if (!m || running(Number(m[3]))) continue;
    const path = `${folder}/${name}`;
    try {
      const original = `${folder}/${m[2]}`;
      if (m[1] === 'old' && !exists(original)) renameSync(path, original);
      else rmSync(path, { recursive: true, force: true });
    } catch {
      // left for the next run
    }
  }
}

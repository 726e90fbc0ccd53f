/**
 * Ctrl-C (SIGINT) and `kill` (SIGTERM, as CI timeouts and container stops send) during a run that
 * writes many folders. Node defers a signal handler until the running synchronous code returns,
 * so a handler never cuts a folder's writing in two: the writer finishes the folder it is on,
 * reaches a checkpoint, and stops there with the exit code a shell gives an interrupted command
 * (128 + the signal's number). A second signal stops at once, as the first would without us; the
 * staging names (src/output/staging.ts) keep even that from leaving half a folder.
 */
import { AiGatewayCoreError } from '../errors.js';

const CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type Stop = keyof typeof CODES;

export class InterruptedError extends AiGatewayCoreError {
  constructor(signal: Stop, what: string) {
    super(`interrupted by ${signal}: ${what}`, CODES[signal]);
  }
}

export interface InterruptWatch {
  /** the signal received, if any */
  received(): Stop | undefined;
  /** lets a pending signal be handled; returns the signal if one came */
  checkpoint(): Promise<Stop | undefined>;
  stop(): void;
}

/** Watches for SIGINT and SIGTERM until stop() (call it in a finally). */
export function watchInterrupts(): InterruptWatch {
  let got: Stop | undefined;
  const handlers = (Object.keys(CODES) as Stop[]).map((signal) => {
    const handler = (): void => {
      if (got !== undefined) process.exit(CODES[signal]);
      got = signal;
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return {
    received: () => got,
    checkpoint: () => new Promise((done) => setImmediate(() => done(got))),
    stop: () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    },
  };
}

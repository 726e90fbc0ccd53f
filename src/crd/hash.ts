// node:crypto is loaded on first use, not with the CRD validator: loading it costs a few
// milliseconds, and a warm CRD cache finds unchanged files by their stamp without hashing them.
import { createRequire } from 'node:module';

type CreateHash = typeof import('node:crypto').createHash;
let createHash: CreateHash | undefined;

function loadCreateHash(): CreateHash {
  // process.getBuiltinModule is Node >= 20.16; createRequire resolves built-ins from anywhere.
  const crypto = process.getBuiltinModule?.('node:crypto') ?? (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto'));
  return crypto.createHash;
}

/** Hex sha256 of a text: the cache key for loaded and compiled CRDs. */
export function sha256(text: string): string {
  createHash ??= loadCreateHash();
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A short hash for file names where a collision costs only a cache miss (not a wrong answer). */
export function nameHash(text: string): string {
  // FNV-1a, 2 x 32 bits with different offsets.
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

import { createHash } from 'node:crypto';

/** Hex sha256 of a text: the cache key for loaded and compiled CRDs. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

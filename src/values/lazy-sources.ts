/**
 * Sources (where each value came from) are only read to explain an error, yet pruning them walks
 * every value: about a third of a render. Results therefore carry them as a property computed on
 * first read, and then kept.
 */
import type { SourceMap } from './source.js';

// The computation, then its result, is kept on the object under a symbol (not enumerable), so
// that every result shares one getter: defining a new getter per object cost twice as much, and
// every such object got a shape of its own.
const PENDING = Symbol('sources');

interface Lazy {
  [PENDING]: (() => SourceMap) | SourceMap;
}

function sources(this: Lazy): SourceMap {
  const held = this[PENDING];
  if (typeof held !== 'function') return held;
  const computed = held();
  this[PENDING] = computed;
  return computed;
}

export function withLazySources<T extends object>(target: T, compute: () => SourceMap): T & { readonly sources: SourceMap } {
  Object.defineProperty(target, PENDING, { value: compute, writable: true });
  return Object.defineProperty(target, 'sources', { enumerable: true, get: sources }) as T & { readonly sources: SourceMap };
}

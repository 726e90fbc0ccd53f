/**
 * Sources (where each value came from) are only read to explain an error, yet pruning them walks
 * every value: about a third of a render. Results therefore carry them as a property computed on
 * first read, and then kept.
 */
import type { SourceMap } from './source.js';

export function withLazySources<T extends object>(target: T, compute: () => SourceMap): T & { readonly sources: SourceMap } {
  let sources: SourceMap | undefined;
  return Object.defineProperty(target, 'sources', {
    enumerable: true,
    get: () => (sources ??= compute()),
  }) as T & { readonly sources: SourceMap };
}

/** Where parsed CRDs are cached between runs (src/crd/cache.ts: entries by text hash, stamps by path). */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['AI_GATEWAY_CORE_CACHE_DIR']) return env['AI_GATEWAY_CORE_CACHE_DIR'];
  const base = env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  return join(base, 'ai-gateway-core', 'crds');
}

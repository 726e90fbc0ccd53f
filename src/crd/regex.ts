// RE2 regular expressions (the engine both OpenAPI `pattern` and CEL `matches` use in Kubernetes),
// compiled once per pattern.
import { RE2JS } from '@bufbuild/re2';

export class RegexSyntaxError extends Error {
  override readonly name = 'RegexSyntaxError';
}

const cache = new Map<string, RE2JS | RegexSyntaxError>();

function compile(pattern: string): RE2JS | RegexSyntaxError {
  let re = cache.get(pattern);
  if (re === undefined) {
    try {
      re = RE2JS.compile(pattern);
    } catch (err) {
      re = new RegexSyntaxError(err instanceof Error ? err.message : String(err));
    }
    cache.set(pattern, re);
  }
  return re;
}

/** Unanchored RE2 search, like Go's regexp.MatchString. Throws RegexSyntaxError. */
export function re2Test(pattern: string, input: string): boolean {
  const re = compile(pattern);
  if (re instanceof RegexSyntaxError) throw re;
  return re.test(input);
}

/** The `re2` option of celEnv: `matches` with the shared compile cache. */
export const re2Engine = {
  compile(pattern: string): { test(text: string): boolean } {
    const re = compile(pattern);
    if (re instanceof RegexSyntaxError) throw re;
    return { test: (text: string) => re.test(text) };
  },
};

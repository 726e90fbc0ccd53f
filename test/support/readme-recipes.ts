// The README's recipes, read from the README itself, so a test runs exactly what users copy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helm.js';

/** The code block that follows `<!-- recipe:NAME -->` in README.md. */
export function recipe(name: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const marker = `<!-- recipe:${name} -->`;
  const at = readme.indexOf(marker);
  if (at === -1) throw new Error(`README.md has no ${marker}`);
  const m = /^```[a-z]*\n([\s\S]*?)^```$/m.exec(readme.slice(at + marker.length));
  if (!m) throw new Error(`README.md: no code block after ${marker}`);
  return m[1];
}

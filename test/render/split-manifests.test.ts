import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { goTrimSpace, SEPARATOR, splitManifests } from '../../src/render/manifest.js';

/** releaseutil.SplitManifests as the regex says it: the reference for the scanning version. */
function splitByRegex(text: string): string[] {
  const whole = goTrimSpace(text);
  const docs: string[] = [];
  const push = (piece: string) => {
    if (piece !== '') docs.push(goTrimSpace(piece));
  };
  let begin = 0;
  for (const match of whole.matchAll(new RegExp(SEPARATOR.source, 'g'))) {
    const end = match.index ?? 0;
    if (match.index !== 0 || match[0].length !== 0) push(whole.slice(begin, end));
    begin = end + match[0].length;
  }
  push(whole.slice(begin));
  return docs;
}

describe('splitManifests', () => {
  it('splits where helm does', () => {
    expect(splitManifests('---\na: 1\n---\nb: 2\n  ---\n---c\n\n---  \n\t---\n')).toEqual(splitByRegex('---\na: 1\n---\nb: 2\n  ---\n---c\n\n---  \n\t---\n'));
    // The blanks after a separator are its own, so a `---` right below is text of the next document.
    expect(splitManifests('a: 1\n   \n---\n---\nb: 2')).toEqual(['a: 1', '---\nb: 2']);
  });

  it('finds exactly the separators the regex finds, on any text', () => {
    const piece = fc.constantFrom('-', '---', '\n---', '\n', ' ', '\t', '\r', '\f', '\v', '\u00a0', '\u2028', 'a', 'k: v', '# c');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }).map((p) => p.join('')), (text) => {
        expect(splitManifests(text)).toEqual(splitByRegex(text));
      }),
      { numRuns: 3000 },
    );
  });
});

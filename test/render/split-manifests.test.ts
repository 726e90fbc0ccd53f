import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatManifests, goTrimSpace, SEPARATOR, sortManifests, splitManifests } from '../../src/render/manifest.js';

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

describe('formatManifests', () => {
  it("is helm's TrimSpace(frames) + newline, then the hooks, on any template output", () => {
    const piece = fc.constantFrom('---\n', '\n---\n', 'kind: A\n', 'kind: Pod\n', 'a: 1', ' ', '\n', '\u00a0', '\u2003\n', 'x: "\u3000"', 'metadata:\n  annotations:\n    helm.sh/hook: pre-install\n');
    const template = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(template, { minLength: 1, maxLength: 3 }), (texts) => {
        let sorted: ReturnType<typeof sortManifests>;
        try {
          sorted = sortManifests(texts.map((text, i) => ({ source: `c/templates/t${i}.yaml`, text })));
        } catch {
          return; // a hook document that is not YAML: helm refuses it too
        }
        const frame = (m: { source: string; content: string }) => `---\n# Source: ${m.source}\n${m.content}\n`;
        const expected = goTrimSpace(sorted.generic.map(frame).join('')) + '\n' + sorted.hooks.map(frame).join('');
        expect(formatManifests(sorted)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

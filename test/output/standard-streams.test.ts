import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'ai-gateway-core.js');

// A values file with one error, so that validate prints a finding (coloured or not) on stderr.
const BAD = join(import.meta.dirname, '..', 'validate', 'cases', 'pattern-name-upper.yaml');
const ESC = '\u001b[';
const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm' };
const work = mkdtempSync(join(tmpdir(), 'agc-streams-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('stderrIsTerminal, through validate --color auto', () => {
  it('a pipe is not a terminal', () => {
    const r = spawnSync(process.execPath, [BIN, 'validate', '-f', BAD], { env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error');
    expect(r.stderr).not.toContain(ESC);
  });

  it('a file is not a terminal', () => {
    const out = join(work, 'stderr.txt');
    const r = spawnSync('sh', ['-c', '"$0" "$1" validate -f "$2" 2>"$3"', process.execPath, BIN, BAD, out], { env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('error');
    expect(text).not.toContain(ESC);
  });

  it('/dev/null, a character device, is asked of the stream and is not a terminal', () => {
    const r = spawnSync('sh', ['-c', '"$0" "$1" validate -f "$2" 2>/dev/null; echo "exit $?"', process.execPath, BIN, BAD], { env, encoding: 'utf8' });
    expect(r.stdout).toContain('exit 1');
  });

  // util-linux `script` runs the command on a pseudo-terminal: there the report is coloured.
  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('a terminal is a terminal', () => {
    const cmd = [process.execPath, BIN, 'validate', '-f', BAD].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { env, encoding: 'utf8' });
    expect(r.stdout).toContain(`${ESC}31merror${ESC}0m`);
  });
});

describe('utf8Slices', () => {
  it('encodes long text slice by slice, never splitting a surrogate pair', async () => {
    const { utf8Slices } = await import('../../src/output/standard-streams.js');
    const MiB = 1 << 20;
    for (const text of ['', 'a', `${'a'.repeat(MiB - 1)}😀${'b'.repeat(MiB)}é`, `${'x'.repeat(MiB)}😀`, '😀'.repeat(MiB), '\ud800'.repeat(3)]) {
      const slices = [...utf8Slices(text)];
      expect(Buffer.concat(slices).equals(Buffer.from(text, 'utf8'))).toBe(true);
      expect(slices.every((b) => b.length > 0)).toBe(true);
    }
  });
});

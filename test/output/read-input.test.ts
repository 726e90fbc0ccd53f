// Reading values inputs: bounded, strict UTF-8 with the position of the first bad byte.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputBudget, decodeUtf8, firstInvalidUtf8, readTextFile, readValuesFiles, setFileReader } from '../../src/output/read-input.js';
import { MAX_INPUT_BYTES, ValuesLimitError, formatBytes } from '../../src/values/limits.js';

const dir = mkdtempSync(join(tmpdir(), 'agc-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer): string => {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};

describe('firstInvalidUtf8', () => {
  it.each([
    [[0x61, 0x62], -1],
    [[0xe6, 0x97, 0xa5], -1],
    [[0xf0, 0x9f, 0x98, 0x80], -1],
    [[0x61, 0xff], 1],
    [[0xc0, 0xaf], 0], // overlong
    [[0xed, 0xa0, 0x80], 0], // surrogate
    [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
    [[0x61, 0xe6, 0x97], 1], // cut short
  ])('%j → %d', (bytes, at) => expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(at));

  it('refuses exactly what the native decoder of decodeUtf8 refuses (each lead byte, each continuation)', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    const refused = (bytes: Uint8Array) => {
      try {
        fatal.decode(bytes);
        return false;
      } catch {
        return true;
      }
    };
    for (let lead = 0x80; lead <= 0xff; lead++) {
      for (const second of [0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0]) {
        for (const bytes of [[lead, second], [lead, second, 0x80], [lead, second, 0x80, 0x80]]) {
          const u = Uint8Array.from(bytes);
          expect(firstInvalidUtf8(u) >= 0, JSON.stringify(bytes)).toBe(refused(u));
        }
      }
    }
  });
});

describe('decodeUtf8', () => {
  it('keeps a BOM (parse-yaml drops it where go-yaml does)', () => {
    expect(decodeUtf8(Buffer.from('\ufeffa: 1\n'), 'x')).toBe('\ufeffa: 1\n');
  });

  it('names the line and column of the first bad byte', () => {
    expect(() => decodeUtf8(Buffer.from('a: 1\nb: caf\xe9\n', 'latin1'), 'v.yaml')).toThrow(/^v\.yaml:2:7: the file is not UTF-8 text \(byte 0xe9 here/);
    expect(() => decodeUtf8(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0a]), 'p.png')).toThrow(/^p\.png:1:1: /);
  });
});

describe('reading under one budget', () => {
  it('charges every values file and --set-file file of a run', () => {
    const half = file('half.yaml', `a: "${'x'.repeat(MAX_INPUT_BYTES / 2)}"\n`);
    const budget = new InputBudget();
    expect(readValuesFiles([half], budget)).toHaveLength(1);
    expect(() => setFileReader(budget)(half)).toThrow(ValuesLimitError);
    expect(() => setFileReader(budget)(half)).toThrow(new RegExp(`--set-file file \\S+half\\.yaml is \\d[\\d,]* bytes \\(after ${formatBytes(MAX_INPUT_BYTES / 2)} of other values inputs\\)`));
  });

  it('stops reading an endless stream at the limit', () => {
    expect(() => readValuesFiles(['/dev/zero'])).toThrow(`values file /dev/zero is more than ${MAX_INPUT_BYTES.toLocaleString('en-US')} bytes`);
  });

  it('reads manifests and CRDs without the values budget', () => {
    const big = file('crds.yaml', 'x'.repeat(MAX_INPUT_BYTES + 10));
    expect(readTextFile(big, 'CRD file')).toHaveLength(MAX_INPUT_BYTES + 10);
  });
});

import { describe, expect, it } from 'vitest';
import { redactPair } from '../../src/diff/redact.js';

describe('redactPair', () => {
  it('a Secret: data and stringData, equal values alike, changed ones with their sizes', () => {
    const [a, b] = redactPair('Secret', { data: { k: 'AAAA', same: 'x' } }, { data: { k: 'BBBBBB', same: 'x' }, stringData: { t: 'plain' } });
    expect(a).toEqual({ data: { k: '(redacted, 4 bytes)', same: '(redacted)' } });
    expect(b).toEqual({ data: { k: '(redacted, 6 bytes, changed)', same: '(redacted)' }, stringData: { t: '(redacted, 5 bytes)' } });
  });
  it('secret-like values by key, env var name or shape; names of secrets stay', () => {
    const obj = {
      spec: {
        env: [{ name: 'OPENAI_API_KEY', value: 'abc123' }, { name: 'LOG_LEVEL', value: 'info' }],
        password: 'hunter22',
        secretName: 'tls-cert',
        note: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      },
    };
    const [, b] = redactPair('EnvoyProxy', undefined, obj);
    expect(b).toEqual({
      spec: {
        env: [{ name: 'OPENAI_API_KEY', value: '(redacted, 6 bytes)' }, { name: 'LOG_LEVEL', value: 'info' }],
        password: '(redacted, 8 bytes)',
        secretName: 'tls-cert',
        note: '(redacted, 40 bytes)',
      },
    });
  });
});

// What looks like a secret, and how a message is cleaned of it.
import { describe, expect, it } from 'vitest';
import { REDACTED, SecretLedger, isSecretName, looksLikeSecret, redactWith, scrubText } from '../../src/values/secrets.js';
import { newMap, type ValueMap } from '../../src/values/types.js';

const map = (o: Record<string, unknown>): ValueMap => JSON.parse(JSON.stringify(o), (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.assign(newMap(), v) : v));

describe('looksLikeSecret', () => {
  it.each([
    '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghijk',
    'sk-proj-Zq8vK2mN4pR7sT1wX5yB9c',
    'ghp_abcdefghijklmnopqrstuvwxyz0123',
    'AKIAIOSFODNN7EXAMPLE',
    'Bearer abcdefghijklmnop',
    'Zq8vK2mN4pR7sT1wX5yB9cD3fG6hJ0kL',
  ])('%j', (s) => expect(looksLikeSecret(s)).toBe(true));

  it.each([
    'gatewayConfig.extProc.kubernetes.env[0].value',
    'gateway.envoyproxy.io/gatewayclass-controller',
    '/tmp/agc-hostile-broken-files-XyZ123/values.yaml',
    'AI_GATEWAY_CORE_CACHE_DIR',
    'the string "Not_A_Name" is not a DNS-1123 name',
    'ai-gateway-tracing',
  ])('not %j', (s) => expect(looksLikeSecret(s)).toBe(false));
});

it('isSecretName', () => {
  for (const n of ['DB_PASSWORD', 'apiKey', 'api-key', 'OPENAI_API_KEY', 'vault.example.com/token', 'client_secret', 'AUTH', 'db_pass', 'DB_DSN']) expect(isSecretName(n), n).toBe(true);
  for (const n of ['name', 'value', 'passthrough', 'replicas', 'LOG_LEVEL', 'address']) expect(isSecretName(n), n).toBe(false);
});

describe('scrubText', () => {
  it.each([
    ['--set a.api-key=abc,b=1', `--set a.api-key=${REDACTED},b=1`],
    ['{"name":"DB_PASSWORD","value":"hunter22"}', `{"name":"DB_PASSWORD","value":"${REDACTED}"}`],
    ['{"token": "abc def"}', `{"token": "${REDACTED}"}`],
    ['key sk-proj-Zq8vK2mN4pR7sT1wX5yB9c here', `key ${REDACTED} here`],
    ['gateway.name: the string "Not_A_Name" is not valid (--set gateway.name=Not_A_Name)', 'gateway.name: the string "Not_A_Name" is not valid (--set gateway.name=Not_A_Name)'],
  ])('%j', (text, expected) => expect(scrubText(text)).toBe(expected));
});

describe('SecretLedger', () => {
  const values = map({
    gatewayConfig: { extProc: { kubernetes: { env: [{ name: 'DB_PASSWORD', value: 'hunter22' }, { name: 'LOG_LEVEL', value: 'debug' }, { name: 'API_TOKEN', value: 98765 }] } } },
    gateway: { annotations: { 'vault.example.com/token': 's.abc123', 'example.com/plain': 'visible' } },
  });

  it('notes env vars and keys named like secrets, in every spelling, and nothing else', () => {
    const ledger = new SecretLedger();
    ledger.note(values);
    expect(ledger.size).toBe(3);
    expect(ledger.redact('value "hunter22", hunter22\\,x, 98765, s.abc123; debug visible')).toBe(`value "${REDACTED}", ${REDACTED}\\,x, ${REDACTED}, ${REDACTED}; debug visible`);
  });

  it('looks through noted values only when asked, or once 16 are waiting (a fleet keeps none alive)', () => {
    let reads = 0;
    const watched = (): ValueMap => {
      const m = newMap();
      Object.defineProperty(m, 'password', { enumerable: true, get: () => (reads++, 'hunter2-secret') });
      return m;
    };
    const ledger = new SecretLedger();
    for (let i = 0; i < 15; i++) ledger.note(watched());
    expect(reads).toBe(0);
    ledger.note(watched());
    expect(reads).toBe(16);
    ledger.note(watched());
    expect(ledger.redact('was hunter2-secret')).toBe('was <redacted>');
    expect(reads).toBe(17);
  });

  it('replaces whole words only', () => {
    const ledger = new SecretLedger();
    ledger.note(map({ password: 'value' }));
    expect(ledger.redact('a value, values, value.')).toBe(`a ${REDACTED}, values, ${REDACTED}.`);
  });

  it('redactWith: a message made safe with the values it came from', () => {
    expect(redactWith(values, 'env[0].value: hunter22 is wrong')).toBe(`env[0].value: ${REDACTED} is wrong`);
  });
});

// Secrets stay quiet: an error report (stderr, or validate's json/sarif/junit on stdout) names
// where a secret is, never what it is, for env vars and annotations that look like secrets by
// their name or their shape. The rendered manifests, which the user asked for, keep them.
import { describe, expect, it } from 'vitest';
import { render } from '../../src/render/render.js';
import { runCli } from '../support/cli.js';
import { scratch } from './support/scratch.js';
import { runBinProcess } from './support/cli-process.js';
import { STACK } from './support/messages.js';

const { file } = scratch('secrets');

const ENV = 'gatewayConfig.extProc.kubernetes.env';
const OPENAI = 'sk-proj-Zq8vK2mN4pR7sT1wX5yB9cD3fG6hJ0kL';
const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhaS1nYXRld2F5In0.c2lnbmF0dXJlLXBhcnQtaGVyZQ';

interface Case {
  name: string;
  args: string[];
  /** the text that must never be printed */
  secret: string;
  /** what must be printed instead: where the problem is */
  path: string;
  code: number;
}

const CASES: Case[] = [
  {
    name: 'an env var named like a secret, with a value of the wrong type',
    args: ['-f', file('env-number.yaml', `gatewayConfig:\n  extProc:\n    kubernetes:\n      env:\n        - name: API_TOKEN\n          value: 98765432101234\n`)],
    secret: '98765432101234',
    path: `${ENV}[0].value`,
    code: 1,
  },
  {
    name: 'an annotation named like a secret, with a value of the wrong type',
    args: ['-f', file('annotation-number.yaml', 'gateway:\n  annotations:\n    vault.example.com/token: 4815162342\n')],
    secret: '4815162342',
    path: 'gateway.annotations["vault.example.com/token"]',
    code: 1,
  },
  {
    name: 'a secret in the --set flag that an unrelated error quotes',
    args: ['--set', `${ENV}[0].name=OPENAI_API_KEY,${ENV}[0].value=${OPENAI},gateway.name=Not_A_Name`],
    secret: OPENAI,
    path: 'gateway.name',
    code: 1,
  },
  {
    name: 'a secret-shaped value under an innocent name, quoted by an unrelated error',
    args: ['--set', `${ENV}[0].name=UPSTREAM,${ENV}[0].value=${JWT},gateway.listeners[0].port=http`],
    secret: JWT,
    path: 'gateway.listeners[0].port',
    code: 1,
  },
  {
    name: 'a private key in an annotation, quoted by an error on the same flag',
    args: ['--set-json', `gateway.annotations=${JSON.stringify({ 'example.com/cert-key': PEM, 'example.com/x': 1 })}`],
    secret: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7',
    path: 'example.com/x',
    code: 1,
  },
  {
    name: 'a malformed --set-json that helm quotes whole',
    args: ['--set-json', `${ENV}=[{"name":"DB_PASSWORD","value":"correct-horse-battery"}`],
    secret: 'correct-horse-battery',
    path: '--set-json',
    code: 2,
  },
  {
    name: 'a --set syntax error after a password',
    args: ['--set', `${ENV}[0].name=DB_PASSWORD,${ENV}[0].value=correct-horse-battery,oops`],
    secret: 'correct-horse-battery',
    path: 'key "oops" has no value',
    code: 2,
  },
  {
    name: 'a token-named key in a free-form map, with a schema error beside it',
    args: ['--set-json', 'gatewayConfig={"name":"Bad_Name","spec":{"auth":{"bearerToken":"s3cr3t-Bearer-Value"}}}'],
    secret: 's3cr3t-Bearer-Value',
    path: 'gatewayConfig.name',
    code: 1,
  },
];

describe.each(['render', 'validate'])('%s: errors name the path, never the secret', (command) => {
  it.each(CASES)(`${command}: $name`, async (c) => {
    const r = await runCli([command, ...c.args]);
    const report = `${command}: exit ${r.code}\n${r.stderr}`;
    expect(r.code, report).toBe(c.code);
    expect(r.stdout).toBe('');
    expect(r.stderr, report).not.toContain(c.secret);
    expect(r.stderr, report).toContain(c.path);
    expect(r.stderr).not.toMatch(STACK);
  });
});

describe('validate reports for tools (stdout) hide them too', () => {
  it.each(['json', 'sarif', 'junit'])('-o %s', async (format) => {
    for (const c of CASES.filter((x) => x.code === 1)) {
      const r = await runCli(['validate', '-o', format, ...c.args]);
      expect(r.code, `${c.name}: ${r.stderr}`).toBe(1);
      expect(r.stdout.length).toBeGreaterThan(0);
      expect(r.stdout, `${format} ${c.name}`).not.toContain(c.secret);
      expect(r.stderr, `${format} ${c.name}`).not.toContain(c.secret);
    }
  });
});

describe('what the user asked for keeps them', () => {
  it('render prints the secrets into the manifests (they are the point of the values)', async () => {
    const r = await runCli(['render', '--set', `${ENV}[0].name=OPENAI_API_KEY,${ENV}[0].value=${OPENAI}`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(OPENAI);
  });

  it('the shipped command hides them on a real stderr too', async () => {
    const c = CASES[2]!;
    const r = await runBinProcess(['render', ...c.args]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain(c.secret);
    expect(r.stderr).toContain(c.path);
  });
});

describe('the library', () => {
  it('render() throws errors with the secrets replaced', () => {
    let message = '';
    try {
      render({ set: [`${ENV}[0].name=API_KEY,${ENV}[0].value=${OPENAI},gateway.name=Not_A_Name`] });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('gateway.name');
    expect(message).toContain('<redacted>');
    expect(message).not.toContain(OPENAI);
  });
});

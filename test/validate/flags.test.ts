// Values set with the --set family: each finding names the flag that set the value, and the fix
// is a flag (--set-string for a number meant as a string, whole list entries for `list[0].x`).
import { describe, expect, it } from 'vitest';
import { validate, type ValidateOptions } from '../../src/validate/validate.js';
import { rows } from './helpers.js';

const CASES: [ValidateOptions, ReturnType<typeof rows>][] = [
  [
    { set: ['envoyProxy.provider.kubernetes.envoyDeploymnet.replicas=3'] },
    [['error', 'schema/unknown-key', 'envoyProxy.provider.kubernetes.envoyDeploymnet', '--set envoyProxy.provider.kubernetes.envoyDeploymnet.replicas=3', 'unknown key "envoyDeploymnet"', 'did you mean "envoyDeployment"?']],
  ],
  [
    { set: ['gateway.name=ai-gateway,gateway.labels.version=2'] },
    [
      [
        'error',
        'schema/type',
        'gateway.labels.version',
        '--set gateway.name=ai-gateway,gateway.labels.version=2',
        'must be a label value: at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit, not the number 2',
        'use --set-string gateway.labels.version=2: --set reads 2 as a number',
      ],
    ],
  ],
  [
    { setString: ['envoyProxy.provider.kubernetes.envoyDeployment.replicas=3'] },
    [
      [
        'error',
        'schema/type',
        'envoyProxy.provider.kubernetes.envoyDeployment.replicas',
        '--set-string envoyProxy.provider.kubernetes.envoyDeployment.replicas=3',
        'must be a whole number from 0 to 2147483647, not the string "3"',
        'use --set envoyProxy.provider.kubernetes.envoyDeployment.replicas=3: --set-string always makes a string',
      ],
    ],
  ],
  [
    { setJson: ['clientTrafficPolicy.tls={"minVersion":1.2}'] },
    [
      [
        'error',
        'schema/type',
        'clientTrafficPolicy.tls.minVersion',
        '--set-json clientTrafficPolicy.tls={"minVersion":1.2}',
        'must be a TLS version, as a string: "Auto", "1.0", "1.1", "1.2" or "1.3", not the number 1.2',
        'quote it in the JSON: "1.2", not 1.2',
      ],
    ],
  ],
  [
    { setJson: ['gateway.listeners=[{"name":"http","protocol":"HTTP","port":80},{"name":"http","protocol":"HTTP","port":8080}]'] },
    [
      [
        'error',
        'semantic/listener-duplicate-name',
        'gateway.listeners[1].name',
        '--set-json gateway.listeners=[{"name":"http","protocol":"HTTP","port":80},{"name":"http","protocol":"HTTP","port":8080}]',
        'listener name "http" is already used by gateway.listeners[0]',
        'rename one of them, e.g. "http-8080"',
      ],
    ],
  ],
  [
    { setLiteral: ['clientTrafficPolicy.connection.bufferLimit=50 Mi'] },
    [
      [
        'error',
        'schema/pattern',
        'clientTrafficPolicy.connection.bufferLimit',
        '--set-literal clientTrafficPolicy.connection.bufferLimit=50 Mi',
        'the string "50 Mi" is not a size: a whole number of bytes or a quantity such as 50Mi, 512Ki or 1G, or "" to leave it unset',
        'remove the spaces: "50Mi"',
      ],
    ],
  ],
  [
    { set: ['clientTrafficPolicy.connection.bufferLimit=null'] },
    [
      [
        'warning',
        'semantic/buffer-limit',
        'clientTrafficPolicy.connection.bufferLimit',
        '--set clientTrafficPolicy.connection.bufferLimit=null',
        "bufferLimit is unset, so Envoy Gateway's default of 32 KiB applies: LLM requests with long prompts, images or tool definitions exceed it and are rejected with 413 Payload Too Large",
        'set clientTrafficPolicy.connection.bufferLimit: 50Mi (the chart default)',
      ],
    ],
  ],
];

describe('validate: values set by flags', () => {
  it.each(CASES.map(([opts, expected]) => [JSON.stringify(opts), opts, expected] as const))('%s', (_name, opts, expected) => {
    expect(rows(validate(opts).findings)).toEqual(expected);
  });

  it('a later file wins, and the finding names the file that set the value', () => {
    const r = validate({
      valuesFiles: [
        { name: 'base.yaml', text: 'gateway:\n  name: ai-gateway\n' },
        { name: 'prod.yaml', text: '# prod\ngateway:\n  name: AI-Gateway\n' },
      ],
    });
    expect(rows(r.findings)).toEqual([
      [
        'error',
        'schema/pattern',
        'gateway.name',
        '3:9',
        'the string "AI-Gateway" is not a DNS-1123 name: lower-case letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters',
        'use "ai-gateway"',
      ],
    ]);
    expect(r.findings[0]!.location).toMatchObject({ file: 'prod.yaml' });
  });
});

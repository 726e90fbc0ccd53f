// `ai-gateway-core schema` prints the one values schema, which is what editors point at.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { ROOT } from '../../support/helm.js';

describe('schema', () => {
  it('prints schema/values.schema.json byte for byte', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'schema', 'values.schema.json'), 'utf8'));
  });

  it('is a draft-07 schema with a description on every top-level key', async () => {
    const schema = JSON.parse((await runCli(['schema'])).stdout);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    for (const key of ['gatewayClass', 'gateway', 'gatewayConfig', 'envoyProxy', 'clientTrafficPolicy']) {
      expect(schema.properties[key].description, key).toMatch(/\w/);
    }
  });
});

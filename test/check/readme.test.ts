// The README's `check` example is what the command prints for the files in test/check/readme/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { ROOT } from '../support/helm.js';

it('the README example of check is real output', async () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Check the deployment'));
  const block = /```text\n([\s\S]*?)```/.exec(section)![1]!;
  const dir = join(ROOT, 'test', 'check', 'readme');
  const r = await runCli(['check', '--core', join(dir, 'core.yaml'), '--models', join(dir, 'models.yaml'), '-n', 'ai-gateway', '--color', 'never']);
  expect(r.code).toBe(1);
  expect(`${r.stderr.replaceAll(`${dir}/`, '')}`).toBe(`Error: ${block.replace(/^Error: /, '')}`);
});

// `completion bash|zsh|fish`: bash is exercised for real (its completion function is called the
// way bash calls it); zsh and fish run when installed, and their scripts are checked for every
// command and flag either way.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli/main.js';
import { completionModel, flagsOf } from '../../../src/cli/completion/model.js';
import { runCli } from '../../support/cli.js';

const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;

async function script(shell: string): Promise<string> {
  const r = await runCli(['completion', shell]);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  return r.stdout;
}

/** Calls the bash completion function for a command line (the last word is being completed). */
function bashComplete(source: string, words: string[], cwd?: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'agc-bash-'));
  const file = join(dir, 'completion.bash');
  writeFileSync(file, source);
  const program = `source ${JSON.stringify(file)}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
_ai_gateway_core
printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['--norc', '--noprofile', '-c', program], { cwd: cwd ?? dir, encoding: 'utf8' }).split('\n').filter(Boolean);
}

const noop = { stdout: () => {}, stderr: () => {} };

describe('completion', () => {
  it('refuses a shell it does not know (usage error)', async () => {
    const r = await runCli(['completion', 'powershell']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bash, zsh, fish');
  });

  describe('bash', () => {
    it('completes commands, flags, choices, templates and files', async () => {
      const s = await script('bash');
      expect(bashComplete(s, ['ai-gateway-core', 're'])).toEqual(['render']);
      expect(bashComplete(s, ['ai-gateway-core', '']).sort()).toEqual(expect.arrayContaining(['render', 'validate', 'schema', 'values', 'completion', 'help']));
      expect(bashComplete(s, ['ai-gateway-core', 'render', '--kube'])).toEqual(['--kube-version']);
      expect(bashComplete(s, ['ai-gateway-core', 'render', '-o', ''])).toEqual(['yaml', 'json']);
      expect(bashComplete(s, ['ai-gateway-core', 'render', '-s', 'templates/gatewayc'])).toEqual(['templates/gatewayclass.yaml', 'templates/gatewayconfig.yaml']);
      expect(bashComplete(s, ['ai-gateway-core', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
      expect(bashComplete(s, ['ai-gateway-core', 'render', '--namespace', ''])).toEqual([]);
      const cwd = mkdtempSync(join(tmpdir(), 'agc-files-'));
      writeFileSync(join(cwd, 'prod-values.yaml'), '');
      mkdirSync(join(cwd, 'out'));
      expect(bashComplete(s, ['ai-gateway-core', 'render', '-f', 'prod'], cwd)).toEqual(['prod-values.yaml']);
      expect(bashComplete(s, ['ai-gateway-core', 'render', '--output-dir', ''], cwd)).toEqual(['out']);
      expect(bashComplete(s, ['ai-gateway-core', 'di'])).toEqual(['diff']);
      expect(bashComplete(s, ['ai-gateway-core', 'diff', '--from-m'])).toEqual(['--from-manifests']);
      expect(bashComplete(s, ['ai-gateway-core', 'diff', '--from-manifests', 'prod'], cwd)).toEqual(['prod-values.yaml']);
      expect(bashComplete(s, ['ai-gateway-core', 'diff', '-o', ''])).toEqual(['text', 'json', 'junit', 'sarif']);
    });

    it('offers every flag of every command', async () => {
      const s = await script('bash');
      const model = completionModel(buildProgram(noop), []);
      for (const cmd of model.commands.filter((c) => c.name !== 'help')) {
        const offered = bashComplete(s, ['ai-gateway-core', cmd.name, '-']);
        expect(offered.sort(), cmd.name).toEqual(cmd.options.flatMap(flagsOf).sort());
      }
    });
  });

  for (const shell of ['zsh', 'fish']) {
    describe(shell, () => {
      it('names every command and every long flag', async () => {
        const s = await script(shell);
        const model = completionModel(buildProgram(noop), []);
        for (const cmd of model.commands) {
          expect(s).toContain(shell === 'zsh' ? `'${cmd.name}:` : `-a ${cmd.name} `);
          for (const opt of cmd.options) if (opt.long) expect(s).toContain(shell === 'zsh' ? opt.long : `-l ${opt.long.slice(2)}`);
        }
      });

      it.skipIf(!has(shell))(`is valid ${shell} syntax`, async () => {
        const dir = mkdtempSync(join(tmpdir(), `agc-${shell}-`));
        const file = join(dir, `completion.${shell}`);
        writeFileSync(file, await script(shell));
        const r = spawnSync(shell, ['-n', file], { encoding: 'utf8' });
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
      });
    });
  }

  it('zsh: quotes are balanced on every line, so descriptions with apostrophes cannot break it', async () => {
    for (const line of (await script('zsh')).split('\n')) {
      const unescaped = line.replace(/'\\''/g, '');
      expect((unescaped.match(/'/g) ?? []).length % 2, line).toBe(0);
    }
  });

  it('fish: every line is a complete command with balanced quotes', async () => {
    for (const line of (await script('fish')).split('\n').filter((l) => l && !l.startsWith('#'))) {
      expect(line.startsWith('complete -c ai-gateway-core ')).toBe(true);
      expect((line.replace(/\\'/g, '').match(/'/g) ?? []).length % 2, line).toBe(0);
    }
  });
});

/**
 * What every command shares: the value flags (helm's), reading them into library options, and
 * the I/O seam that lets tests run the CLI in-process.
 */
import { Option, type Command } from 'commander';
import { CHART_DESCRIPTIONS, CHART_IDS, DEFAULT_CHART, type ChartId } from '../charts/registry.js';
import { InputBudget, readValuesFiles, setFileReader } from '../output/read-input.js';
import type { RenderOptions } from '../render/render.js';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export interface ValueFlagOptions {
  chart?: ChartId;
  values?: string[];
  set?: string[];
  setString?: string[];
  setJson?: string[];
  setFile?: string[];
  setLiteral?: string[];
  debug?: boolean;
}

export interface ChartFlag {
  chart: ChartId;
}

/** `--chart core|models`: which chart a command works on (core, so that nothing changes for anyone who never says). */
export function addChartOption(cmd: Command): Command {
  const list = CHART_IDS.map((id) => `${id}: ${CHART_DESCRIPTIONS[id]}`).join('; ');
  return cmd.addOption(new Option('--chart <chart>', `which chart (${list})`).choices([...CHART_IDS]).default(DEFAULT_CHART));
}

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** helm's --set flags: name, what the value looks like, and what it does. */
export const SET_FLAGS = [
  ['set', 'key=value', 'set values (repeatable; key.sub=v,list[0]=v; types inferred as helm does)'],
  ['set-string', 'key=value', 'set values, always as strings (repeatable)'],
  ['set-json', 'key=json', 'set values from JSON (repeatable)'],
  ['set-file', 'key=path', "set a value to a file's contents (repeatable)"],
  ['set-literal', 'key=value', 'set one value verbatim, commas and all (repeatable)'],
] as const;

export type SetFlagName = (typeof SET_FLAGS)[number][0];

/**
 * The --set flags for another set of values, `--<prefix>-set`… (check's two releases, diff's old
 * values); `only` picks some of them, `describe` words each one's help.
 */
export function addSetFlags(cmd: Command, prefix: string, describe: (name: SetFlagName, help: string) => string, only?: readonly SetFlagName[]): Command {
  for (const [name, placeholder, help] of SET_FLAGS) {
    if (!only || only.includes(name)) cmd.option(`--${prefix}-${name} <${placeholder}>`, describe(name, help), collect);
  }
  return cmd;
}

/** helm's value flags, with helm's names and meanings, and which chart they are values of. */
export function addValueFlags(cmd: Command): Command {
  addChartOption(cmd).option('-f, --values <file>', 'values file (repeatable; later files win; - reads standard input)', collect);
  for (const [name, placeholder, help] of SET_FLAGS) cmd.option(`--${name} <${placeholder}>`, help, collect);
  return cmd.option('--debug', 'print stack traces of unexpected errors');
}

/** Reads the `-f` files and passes the flags through, in the library's terms. */
export function valueInputs(opts: ValueFlagOptions): Pick<RenderOptions, 'chart' | 'valuesFiles' | 'set' | 'setString' | 'setJson' | 'setFile' | 'setLiteral' | 'readFile'> {
  // One byte budget for everything the values are read from (MAX_INPUT_BYTES).
  const budget = new InputBudget();
  return {
    chart: opts.chart,
    valuesFiles: readValuesFiles(opts.values ?? [], budget),
    readFile: setFileReader(budget),
    set: opts.set,
    setString: opts.setString,
    setJson: opts.setJson,
    setFile: opts.setFile,
    setLiteral: opts.setLiteral,
  };
}

export function printWarnings(io: Io, warnings: string[]): void {
  for (const w of warnings) io.stderr(`warning: ${w}\n`);
}

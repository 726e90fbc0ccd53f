/**
 * What shell completion needs to know, read from the commander program itself, so a new command
 * or flag is completed without anyone editing the scripts.
 */
import type { Command, Option } from 'commander';
import { collect } from '../shared.js';

export interface CompletionOption {
  short?: string;
  long?: string;
  description: string;
  /** the option takes a value */
  takesValue: boolean;
  /** the option may be given more than once */
  repeatable: boolean;
  /** what to complete for the value */
  value: { kind: 'none' | 'file' | 'dir' | 'free' } | { kind: 'words'; words: string[] };
}

export interface CompletionCommand {
  name: string;
  description: string;
  options: CompletionOption[];
  /** words for the first positional argument, when it has fixed choices */
  argWords: string[];
}

export interface CompletionModel {
  program: string;
  rootOptions: CompletionOption[];
  commands: CompletionCommand[];
}

// Completion scripts splice these words in unquoted; anything fancier must not sneak in.
const WORD = /^[A-Za-z0-9._/*-]+$/;

function words(list: string[]): string[] {
  for (const w of list) if (!WORD.test(w)) throw new Error(`cannot complete the word ${JSON.stringify(w)}`);
  return list;
}

const HELP: CompletionOption = { short: '-h', long: '--help', description: 'display help for command', takesValue: false, repeatable: false, value: { kind: 'none' } };

function describeOption(opt: Option, templates: string[]): CompletionOption {
  const takesValue = opt.required || opt.optional;
  // The placeholder in the flags (`<file>`, `<dir>`, `<template>`) says what the value is.
  const placeholder = /<([^>]+)>/.exec(opt.flags)?.[1] ?? '';
  let value: CompletionOption['value'] = { kind: takesValue ? 'free' : 'none' };
  if (opt.argChoices) value = { kind: 'words', words: words(opt.argChoices) };
  else if (placeholder === 'file' || placeholder === 'path') value = { kind: 'file' };
  else if (placeholder === 'dir') value = { kind: 'dir' };
  else if (placeholder === 'template') value = { kind: 'words', words: words(templates) };
  return {
    short: opt.short,
    long: opt.long,
    description: opt.description,
    takesValue,
    repeatable: opt.variadic || opt.parseArg === collect,
    value,
  };
}

/** `templates` are the chart's template paths (`templates/gateway.yaml`), for `--show-only`. */
export function completionModel(program: Command, templates: string[]): CompletionModel {
  const commands: CompletionCommand[] = program.commands.map((cmd) => ({
    name: cmd.name(),
    description: cmd.description(),
    options: [...cmd.options.map((o) => describeOption(o, templates)), HELP],
    argWords: words(cmd.registeredArguments[0]?.argChoices ?? []),
  }));
  const names = commands.map((c) => c.name);
  // commander's implicit `help [command]`
  commands.push({ name: 'help', description: 'display help for command', options: [], argWords: words(names) });
  return {
    program: program.name(),
    rootOptions: [...program.options.map((o) => describeOption(o, templates)), HELP],
    commands,
  };
}

/** The flags of an option as written on a command line: `-f`, `--values`. */
export function flagsOf(opt: CompletionOption): string[] {
  return [opt.short, opt.long].filter((f): f is string => f !== undefined);
}

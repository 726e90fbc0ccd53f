// The differential harness for helm's --set family: our parse of a set of flags, helm 3's and
// helm 4's (real binaries, through a chart that prints .Values with Go types), compared value for
// value and type for type. Used by test/values/set-parser.test.ts and test/hostile.
import { readFileSync } from 'node:fs';
import { buildUserValues, coalesceValues } from '../../src/values/merge.js';
import { parseSetFileInto, parseSetInto, parseSetJsonInto, parseSetLiteralInto, parseSetStringInto, SetSyntaxError } from '../../src/values/set-parser.js';
import type { SetFlag, SourceMap } from '../../src/values/source.js';
import { newMap, type ValueMap } from '../../src/values/types.js';
import { HELM_MAJORS, type HelmMajor } from '../support/helm.js';
import { canonical, helmValues, makeChart, ourInt64Paths, pool } from './helm-values.js';

export interface FlagArg {
  flag: SetFlag;
  arg: string;
}

export const readForSetFile = (p: string): string => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    throw new Error(`open ${p}: no such file or directory`);
  }
};

export type Outcome = { ok: true; values: ValueMap; sources: SourceMap } | { ok: false; error: string };

/** Our result for `flags`, as helm `major` would have it (see SetParserOptions). */
export function ours(flags: FlagArg[], major: HelmMajor = 'v4'): Outcome {
  const options = { dialect: major === 'v3' ? ('helm3' as const) : ('helm4' as const) };
  const values = newMap();
  const sources: SourceMap = new Map();
  const apply: Record<SetFlag, (arg: string) => void> = {
    '--set-json': (a) => parseSetJsonInto(a, values, sources, options),
    '--set': (a) => parseSetInto(a, values, sources, options),
    '--set-string': (a) => parseSetStringInto(a, values, sources, options),
    '--set-file': (a) => parseSetFileInto(a, values, readForSetFile, sources, options),
    '--set-literal': (a) => parseSetLiteralInto(a, values, sources, options),
  };
  try {
    if (major === 'v4') {
      // The product path, including the fixed precedence of the flag kinds.
      const pick = (f: SetFlag): string[] => flags.filter((x) => x.flag === f).map((x) => x.arg);
      const user = buildUserValues(
        { files: [], setJson: pick('--set-json'), set: pick('--set'), setString: pick('--set-string'), setFile: pick('--set-file'), setLiteral: pick('--set-literal') },
        readForSetFile,
      );
      return { ok: true, values: coalesceValues(newMap(), user.values).values, sources: user.sources };
    }
    for (const kind of ['--set-json', '--set', '--set-string', '--set-file', '--set-literal'] as SetFlag[]) {
      for (const f of flags) if (f.flag === kind) apply[kind](f.arg);
    }
    return { ok: true, values: coalesceValues(newMap(), values).values, sources };
  } catch (e) {
    if (e instanceof SetSyntaxError) return { ok: false, error: `Error: ${e.helmMessage}` };
    throw e;
  }
}

/** A chart whose only template prints .Values (removed by helm-values' removeTemp). */
export const emptyChart = makeChart({});
export const helmArgs = (flags: FlagArg[]): string[] => flags.map((f) => `${f.flag}=${f.arg}`);

/**
 * Runs both helms on `flags` and compares each with ours; returns the differences found. helm 3
 * is compared with our helm3 dialect (a truncated index fails; no whole-object --set-json).
 */
export async function compareBoth(flags: FlagArg[]): Promise<string[]> {
  const results = await Promise.all(HELM_MAJORS.map((m) => helmValues(m, emptyChart, helmArgs(flags))));
  const problems: string[] = [];
  HELM_MAJORS.forEach((major, i) => {
    const theirs = results[i]!;
    const mine = ours(flags, major);
    const label = `helm ${major} ${JSON.stringify(helmArgs(flags))}`;
    if (!theirs.ok) {
      if (mine.ok) problems.push(`${label}: helm rejects (${theirs.error}), we accept ${canonical(mine.values)}`);
      else if (mine.error !== theirs.error) problems.push(`${label}: helm says ${JSON.stringify(theirs.error)}, we say ${JSON.stringify(mine.error)}`);
      return;
    }
    if (!mine.ok) {
      problems.push(`${label}: helm accepts ${canonical(theirs.values.value)}, we reject (${mine.error})`);
      return;
    }
    const a = canonical(mine.values);
    const b = canonical(theirs.values.value);
    if (a !== b) problems.push(`${label}: values differ\n  ours: ${a}\n  helm: ${b}`);
    const ourInts = [...ourInt64Paths(mine.values, mine.sources)].sort().join(' ');
    const theirInts = [...theirs.values.int64Paths].sort().join(' ');
    if (ourInts !== theirInts) problems.push(`${label}: int64 paths differ\n  ours: ${ourInts}\n  helm: ${theirInts}`);
  });
  return problems;
}

export interface CasesRun {
  /** every difference found, narrowed down to single cases */
  problems: string[];
  /** cases we accept, compared in batches */
  accepted: number;
  batches: number;
  /** cases we reject (or that must not share a run), compared alone */
  singles: number;
}

/**
 * Compares many cases with both helms. Cases we accept and that may share a run (`batchable`:
 * their keys are namespaced, so they cannot interfere) go `batchSize` to a helm run; the others
 * run alone, so that helm's first error is theirs. `concurrency` helm pairs run at once.
 */
export async function compareCases(cases: { flags: FlagArg[]; batchable: boolean }[], batchSize: number, concurrency: number): Promise<CasesRun> {
  const singles: FlagArg[][] = [];
  const batches: FlagArg[][][] = [[]];
  for (const { flags, batchable } of cases) {
    if (batchable && ours(flags).ok && ours(flags, 'v3').ok) {
      if (batches[batches.length - 1]!.length === batchSize) batches.push([]);
      batches[batches.length - 1]!.push(flags);
    } else {
      singles.push(flags);
    }
  }
  const tasks: (() => Promise<string[]>)[] = singles.map((flags) => () => compareBoth(flags));
  for (const batch of batches.filter((b) => b.length > 0)) {
    tasks.push(async () => {
      const problems = await compareBoth(batch.flat());
      if (problems.length === 0) return [];
      // Narrow the difference down to single cases for a useful report.
      for (const flags of batch) {
        const single = await compareBoth(flags);
        if (single.length > 0) return single;
      }
      return problems;
    });
  }
  const problems = (await pool(concurrency, tasks)).flat();
  return { problems, accepted: batches.flat().length, batches: batches.filter((b) => b.length > 0).length, singles: singles.length };
}

// Eager compilation of every rule in a CRD set: used to prove that all rules compile (before any
// document needs them) and to pay the compile cost up front. Compiled expressions are cached
// process-wide by expression text, so this is done once per distinct rule.
import { compileExpression } from './cel-compile.js';
import { CelCompileError } from './errors.js';
import type { CrdDefinition, CrdSet } from './types.js';

export interface RuleCompileFailure {
  ruleId: string;
  rule: string;
  reason: string;
}

export interface CrdCompileSummary {
  crd: string;
  total: number;
  transition: number;
  compiled: number;
  failures: RuleCompileFailure[];
}

export function compileCrd(def: CrdDefinition): CrdCompileSummary {
  const summary: CrdCompileSummary = { crd: def.name, total: 0, transition: 0, compiled: 0, failures: [] };
  for (const version of def.versions) {
    for (const rule of version.rules) {
      summary.total++;
      if (rule.transition) summary.transition++;
      try {
        compileExpression(rule.rule);
        if (rule.messageExpression !== undefined) compileExpression(rule.messageExpression);
        summary.compiled++;
      } catch (err) {
        const reason = err instanceof CelCompileError ? err.reason : String(err);
        summary.failures.push({ ruleId: rule.id, rule: rule.rule, reason });
      }
    }
  }
  return summary;
}

export function compileCrds(set: CrdSet): CrdCompileSummary[] {
  return set.crds.map(compileCrd);
}

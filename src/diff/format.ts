/**
 * `diff` output: per object a helm-diff header (`default, ai-gateway, Gateway
 * (gateway.networking.k8s.io) has changed:`) and its unified diff, then a plan line; or the same
 * as JSON (`{objects, findings}`). Findings in text, JUnit and SARIF reuse validate's formats.
 */
import { countBySeverity, type ValidationReport } from '../validate/findings.js';
import { findingJson } from '../validate/format.js';
import type { DiffResult, ObjectDiff } from './diff.js';
import { describeObject } from './objects.js';

const ESC = '\u001b[';
const paint = (on: boolean, code: string, s: string) => (on ? `${ESC}${code}m${s}${ESC}0m` : s);

const VERB: Record<ObjectDiff['change'], string> = { added: 'has been added', removed: 'has been removed', changed: 'has changed' };

export function formatDiffText(result: DiffResult, color: boolean): string {
  const out: string[] = [];
  for (const o of result.objects) {
    out.push(paint(color, '33', `${describeObject(o)} ${VERB[o.change]}:`));
    for (const line of o.diff.replace(/\n$/, '').split('\n')) {
      if (line.startsWith('@@')) out.push(paint(color, '36', line));
      else if (line.startsWith('+')) out.push(paint(color, '32', line));
      else if (line.startsWith('-')) out.push(paint(color, '31', line));
      else out.push(line);
    }
    out.push('');
  }
  out.push(planLine(result));
  return `${out.join('\n')}\n`;
}

export function planLine(result: DiffResult): string {
  const n = (c: ObjectDiff['change']) => result.objects.filter((o) => o.change === c).length;
  if (result.objects.length === 0) return 'No changes.';
  return `Plan: ${n('added')} to add, ${n('changed')} to change, ${n('removed')} to destroy.`;
}

export function formatDiffJson(result: DiffResult): string {
  const c = countBySeverity(result.findings);
  const out: Record<string, unknown> = {
    objects: result.objects.map((o) => ({ kind: o.kind, group: o.group, namespace: o.namespace, name: o.name, change: o.change, diff: o.diff })),
    findings: result.findings.map(findingJson),
    errors: c.error,
    warnings: c.warning,
  };
  if (result.crds) out['crds'] = result.crds;
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** The findings as validate's report, for its text, JUnit and SARIF formats. */
export function findingsReport(result: DiffResult): ValidationReport {
  return { findings: result.findings, inputs: result.inputs };
}

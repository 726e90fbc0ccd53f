/**
 * `validate` without CRDs: the values alone. Kept apart from validate.ts so that the command line
 * does not load the CRD validator (and its CEL runtime) unless `--crds` or `--manifests` asks for
 * it: a cold `validate -f values.yaml` starts about as fast as node itself.
 */
import { monotonicMs } from './clock.js';
import type { RenderOptions } from '../render/render.js';
import type { ValidationReport } from './findings.js';
import type { ManifestCheck } from './manifests.js';
import { checkValuesInput, type ValuesCheckResult } from './values-check.js';

export type ValueInputs = Pick<RenderOptions, 'valuesFiles' | 'set' | 'setString' | 'setJson' | 'setFile' | 'setLiteral' | 'readFile' | 'chart' | 'namespace'>;


/** The groups of the report: files in command-line order, then the flags in helm's order of precedence. */
export function valueInputNames(options: ValueInputs): string[] {
  return [
    ...(options.valuesFiles ?? []).map((f) => f.name),
    ...(options.setJson ?? []).map((a) => `--set-json ${a}`),
    ...(options.set ?? []).map((a) => `--set ${a}`),
    ...(options.setString ?? []).map((a) => `--set-string ${a}`),
    ...(options.setFile ?? []).map((a) => `--set-file ${a}`),
    ...(options.setLiteral ?? []).map((a) => `--set-literal ${a}`),
  ];
}

/** The values checks only: YAML, duplicate keys, schema, checks across objects. */
export function validateValues(options: ValueInputs = {}): ValidationReport & { values: ValuesCheckResult } {
  const started = monotonicMs();
  const values = checkValuesInput(options);
  const report = finish({ findings: [...values.findings], inputs: valueInputNames(options) }, undefined, started);
  return { ...report, values };
}

export function finish(report: Omit<ValidationReport, 'elapsedMs'>, check: ManifestCheck | undefined, started: number): ValidationReport {
  const out: ValidationReport = { ...report };
  if (check) {
    out.crds = {
      coverage: check.coverage,
      documents: check.documents,
      evaluated: check.evaluated,
      transitionSkipped: check.transitionSkipped,
      unevaluable: check.unevaluable,
    };
  }
  out.elapsedMs = Math.round(monotonicMs() - started);
  return out;
}

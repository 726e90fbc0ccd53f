/**
 * What `validate` reports: one Finding per problem, each saying where it came from (a values file
 * line, a `--set` flag, a manifest file line), what is wrong, what was expected and how to fix it.
 * The formatters (text, JSON, JUnit, SARIF) only lay these out.
 */
import type { SetFlag } from '../values/source.js';

export type FindingSeverity = 'error' | 'warning' | 'note';

/** A value flag of one release of `check`: `--core-set`, `--models-set-json`… */
export type ReleaseSetFlag = `--${'core' | 'models'}-${string}`;

/** Where a finding points. */
export type FindingLocation =
  | { kind: 'file'; file: string; line: number; col: number }
  | { kind: 'flag'; flag: SetFlag | ReleaseSetFlag; arg: string }
  /** chart/values.yaml: only reached when a default itself is the subject */
  | { kind: 'default'; file: string; line: number; col: number }
  /** a rendered document with no values behind the field (e.g. a label the chart adds) */
  | { kind: 'rendered'; template: string };

/**
 * Which mechanism found it; the SARIF rule ids and JUnit classnames are built from these.
 * `system`: `check`, the two releases judged together; `upgrade`: `diff`, old against new.
 */
export type FindingOrigin = 'yaml' | 'duplicate-key' | 'schema' | 'semantic' | 'template' | 'crd' | 'system' | 'upgrade';

export interface RenderedField {
  apiVersion: string;
  kind: string;
  name: string;
  /** the field in the rendered document, as the API server prints it (`spec.connection.bufferLimit`) */
  field: string;
}

export interface Finding {
  severity: FindingSeverity;
  origin: FindingOrigin;
  /** stable id of the check, e.g. `schema/unknown-key`, `semantic/buffer-limit`, `crd/cel` */
  code: string;
  /** values path (`gateway.listeners[0].port`); '' for the values root or when there is none */
  path: string;
  /** what is wrong */
  message: string;
  /** what was expected, when that can be said */
  expected?: string;
  /** how to fix it */
  suggestion?: string;
  /** the line, column or flag that set the value */
  location?: FindingLocation;
  /** other places involved (the first of two duplicate keys, the other listener…) */
  related?: { location: FindingLocation; message: string }[];
  /** for findings on rendered documents: the object and field the CRD check saw */
  rendered?: RenderedField;
  /** the CEL rule, for CEL findings */
  rule?: string;
}

/** A per-CRD tally of CEL rules, as printed after a `--crds` check. */
export interface CrdCoverage {
  crd: string;
  kind: string;
  source: string;
  /** every rule of the CRD (all versions) */
  total: number;
  /** rules without oldSelf */
  nonTransition: number;
  /** non-transition rules under `.status`: the API server resets status on create, so they never run (0 with `--status`) */
  statusOnly: number;
  /** the rules that can run: non-transition, and not on status unless `--status` */
  onCreate: number;
  /** distinct rules evaluated on the checked documents */
  evaluated: number;
  /** transition rules skipped because this is a create (counted per evaluation) */
  transitionSkipped: number;
  /** evaluations that could not be performed */
  unevaluable: number;
  /** documents of this kind that were checked */
  documents: number;
}

export interface ValidationReport {
  findings: Finding[];
  /** set when CRDs were given */
  crds?: {
    coverage: CrdCoverage[];
    /** documents checked against a CRD */
    documents: number;
    evaluated: number;
    transitionSkipped: number;
    unevaluable: number;
  };
  /** the inputs, in command-line order, for grouping and for JUnit suites */
  inputs: string[];
  /** wall-clock milliseconds of the whole check */
  elapsedMs?: number;
}

export function countBySeverity(findings: readonly Finding[]): Record<FindingSeverity, number> {
  const out: Record<FindingSeverity, number> = { error: 0, warning: 0, note: 0 };
  for (const f of findings) out[f.severity] += 1;
  return out;
}

/** 0 valid (warnings allowed unless strict), 1 invalid. */
export function exitCodeFor(report: ValidationReport, strict: boolean): number {
  const c = countBySeverity(report.findings);
  if (c.error > 0) return 1;
  if (strict && c.warning > 0) return 1;
  return 0;
}

export function describeLocation(loc: FindingLocation | undefined): string {
  if (!loc) return '';
  switch (loc.kind) {
    case 'file':
    case 'default':
      return `${loc.file}:${loc.line}:${loc.col}`;
    case 'flag':
      return `${loc.flag} ${loc.arg}`;
    case 'rendered':
      return loc.template;
  }
}

/** The group a finding is printed under: its file, its flag, or the rendered template. */
export function groupOf(f: Finding): string {
  const loc = f.location;
  if (!loc) return '(values)';
  switch (loc.kind) {
    case 'file':
    case 'default':
      return loc.file;
    case 'flag':
      return `${loc.flag} ${loc.arg}`;
    case 'rendered':
      return loc.template;
  }
}

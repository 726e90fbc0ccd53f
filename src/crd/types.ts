// Public data types shared by the loader and the validator.
import type { Schema, ValidationRule } from './schema.js';

export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated: boolean;
  deprecationWarning?: string;
  /** The normalized openAPIV3Schema of this version. */
  schema: Schema;
  subresources: { status: boolean; scale: boolean };
  /** Every x-kubernetes-validations rule of this version's schema, in document order. */
  rules: ValidationRule[];
}

export interface CrdDefinition {
  /** metadata.name, e.g. `gateways.gateway.networking.k8s.io`. */
  name: string;
  group: string;
  kind: string;
  plural: string;
  scope: 'Namespaced' | 'Cluster';
  versions: CrdVersion[];
  /** Where the CRD came from (file name or caller-supplied label). */
  source: string;
  /** sha256 (hex) of the YAML text the CRD was loaded from. */
  sha256: string;
}

export interface CrdSet {
  readonly crds: readonly CrdDefinition[];
  /** Look up by group and kind (any version). */
  find(group: string, kind: string): CrdDefinition | undefined;
}

export type Severity = 'error' | 'warning';

/** Which stage of the API server's create path a finding corresponds to. */
export type IssueOrigin = 'document' | 'decode' | 'metadata' | 'schema' | 'list-type' | 'cel' | 'internal';

export interface CrdIssue {
  severity: Severity;
  /** Field path, e.g. `spec.connection.bufferLimit`; '' for the document itself. */
  path: string;
  /** The API server's message without the path, e.g. `Required value`. */
  message: string;
  /** The CEL rule text, for CEL findings. */
  rule?: string;
  /** Rule id (`<version>:<schema path>#<n>`), for CEL findings. */
  ruleId?: string;
  kind: string;
  name: string;
  docIndex: number;
  origin: IssueOrigin;
  /** field.ErrorType, when the finding maps to one. */
  errorType?: string;
}

export interface RuleCounters {
  /** Rule evaluations that ran to a result (true, false or a CEL runtime error). */
  evaluated: number;
  /** Transition rules (using oldSelf) skipped because this is a create. */
  transitionSkipped: number;
  /** Rule evaluations we could not perform: compile failure or unsupported feature. */
  unevaluable: number;
  /** Update only: transition rules evaluated against the old object. */
  transitionEvaluated?: number;
  /** Update only: errors let through because the update left the value unchanged (ratcheting). */
  ratcheted?: number;
}

export interface RuleCoverage {
  /** All rules of the CRD, over all versions. */
  total: number;
  nonTransition: number;
  /** Rule ids that compiled and were evaluated at least once. */
  evaluated: Set<string>;
}

export interface CrdReport {
  issues: CrdIssue[];
  rules: RuleCounters;
  coverage: Map<string, RuleCoverage>;
}

export interface ValidateOptions {
  /**
   * `Strict` (kubectl / Helm 4 default): unknown fields are errors. `Warn` (Helm 3, API default):
   * unknown fields are pruned with a warning. `Ignore`: pruned silently.
   */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /**
   * `complete` (default) reports every finding at once: unknown fields, schema errors and CEL.
   * `apiserver` stops where kube-apiserver stops: strict decoding errors end the request, and
   * schema errors of blocking types skip CEL with the server's "some validation rules were not
   * checked" error.
   */
  mode?: 'complete' | 'apiserver';
  /**
   * How CEL failures print the bad value. `type` (Kubernetes <= 1.34): the schema type, e.g.
   * `Invalid value: "string"`. `value` (Kubernetes >= 1.35): the value for scalars, nothing for
   * objects and lists.
   */
  celValueStyle?: 'type' | 'value';
  /**
   * Validate `.status` too. The API server resets status on create when the status subresource
   * is enabled, so by default it is not validated (unknown fields in it are still reported).
   */
  validateStatus?: boolean;
}

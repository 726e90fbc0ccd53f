/**
 * The library API. The CLI is a thin layer over these functions.
 *
 *   import { render } from 'ai-gateway-core';
 *   const { text, manifests } = render({ valuesFiles: [{ name: 'prod.yaml', text }] });
 */
export { render, mergeValues, validateMerged, renderValues, chartDefaults, checkReleaseName } from './render/render.js';
export type { RenderOptions, RenderResult, ValuesFile, ValueFlags, MergedValues } from './render/render.js';
export type { Manifest } from './render/manifest.js';
export type { Value, ValueMap } from './values/types.js';
export type { AiGatewayCoreValues } from './values/chart-values.js';
export type { AiGatewayModelsValues } from './charts/models/values.js';
export type { ChartDefinition, ChartMeta } from './charts/chart.js';
export { CHART_IDS, resolveChart, type ChartId, type ChartSelector } from './charts/registry.js';
export { AiGatewayCoreError, UsageError, InputFileError, TemplateFailError, TemplateNotFoundError } from './errors.js';
export { SchemaValidationError } from './validate/schema.js';
export { InvalidKubeVersionError, KubeVersionIncompatibleError } from './render/kube-version.js';
export { toKubectlList } from './output/kubectl-json.js';
export { validate, validateValues } from './validate/validate.js';
export type { ValidateOptions } from './validate/validate.js';
export type { Finding, FindingLocation, ValidationReport, CrdCoverage } from './validate/findings.js';
export { formatJson, formatJunit, formatSarif, formatFindingsText } from './validate/format.js';
export { check } from './check/library.js';
export type { CheckOptions, CheckSideInput } from './check/library.js';
export { diff } from './diff/diff.js';
export type { DiffOptions, DiffResult, ObjectDiff, OldState } from './diff/diff.js';
export { formatDiffText, formatDiffJson } from './diff/format.js';

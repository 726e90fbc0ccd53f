// Offline CRD validator: public API.
export { loadCrds, loadCrdText, parseCrdText, makeCrdSet, clearLoadCache, type CrdText, type LoadOptions } from './load.js';
export { readCrdSource } from './sources.js';
export { parseYamlDocument } from './simple-yaml.js';
export { validateDocuments, validateUpdate, validateYaml, formatIssue, mergeCoverage, RULES_NOT_CHECKED } from './validate.js';
export { compileCrd, compileCrds, type CrdCompileSummary, type RuleCompileFailure } from './compile.js';
export { compileExpression, type CompiledExpression } from './cel-compile.js';
export { CrdLoadError, CrdSourceError, CelCompileError } from './errors.js';
export type * from './types.js';
export type { Schema, ValidationRule } from './schema.js';

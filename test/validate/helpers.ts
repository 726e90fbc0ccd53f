// Findings as compact rows for exact comparisons: severity, check, values path, where (line:col in
// a file, or the flag), message, suggestion.
import { describeLocation, type Finding } from '../../src/validate/findings.js';

export type Row = [severity: Finding['severity'], code: string, path: string, where: string, message: string, suggestion: string | undefined];

export function rows(findings: readonly Finding[]): Row[] {
  return findings.map((f) => [
    f.severity,
    f.code,
    f.path,
    f.location?.kind === 'file' ? `${f.location.line}:${f.location.col}` : describeLocation(f.location),
    f.message,
    f.suggestion,
  ]);
}

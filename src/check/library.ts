/**
 * `check` for library callers: the CRD checker is wired in (the CLI loads it only for --crds, so a
 * cold `check` without CRDs never reads it; a library process pays for it once, at import).
 */
import { checkManifests, loadCrdPaths } from '../validate/manifests.js';
import { attachCrdFindings } from '../validate/validate.js';
import type { ValidationReport } from '../validate/findings.js';
import { check as checkReleases, type CheckOptions } from './check.js';

export type { CheckOptions, CheckSideInput } from './check.js';

export function check(options: CheckOptions): ValidationReport {
  return checkReleases({ crdChecker: { loadCrdPaths, checkManifests: (crds, docs) => checkManifests(crds, docs), attachCrdFindings }, ...options });
}

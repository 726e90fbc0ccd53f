/**
 * `--kube-version` as helm 4.1.4 reads it, and the check of Chart.yaml's `kubeVersion` constraint
 * that `helm template` runs after the values pass the schema.
 *
 * helm 4 parses the flag with k8s.io/apimachinery's ParseGeneric (leading spaces, an optional `v`,
 * at least `major.minor`, anything after the numbers ignored), prints it back as `v` + the input,
 * and compares only its numeric part with the constraint. helm 3.17 used Masterminds' lenient
 * semver instead (`1` meant 1.0.0; `1.32garbage` was an error). The README documents the choice.
 */
import { AiGatewayCoreError, UsageError } from '../errors.js';
import { goQuote } from '../go/quote.js';

export interface KubeVersion {
  /** what helm prints: the input with a leading `v` */
  version: string;
  /** the numeric components, as unsigned 64-bit integers */
  components: bigint[];
}

/** Default `.Capabilities.KubeVersion` of helm 4.1.4 (helm 3.17.3 uses v1.32.0; both pass the chart's constraint). */
export const DEFAULT_KUBE_VERSION = 'v1.35.0';

/** A `--kube-version` helm would refuse to parse. */
export class InvalidKubeVersionError extends UsageError {
  constructor(input: string, reason: string) {
    super(`invalid kube version '${input}': ${reason}`);
  }
}

/** The cluster version is outside Chart.yaml's `kubeVersion`; helm's message, word for word. */
export class KubeVersionIncompatibleError extends AiGatewayCoreError {
  constructor(constraint: string, version: string) {
    super(`chart requires kubeVersion: ${constraint} which is incompatible with Kubernetes ${version}`);
  }
}

// RE2's \s is [\t\n\f\r ] and its `.` stops only at \n.
const GENERIC = /^[\t\n\f\r ]*v?([0-9]+(?:\.[0-9]+)*)([^\n]*)$/;
const UINT64_MAX = (1n << 64n) - 1n;

// Every render parses the same `--kube-version` (usually the default) again: the last one is kept.
let lastParsed: { input: string; version: KubeVersion } | undefined;

export function parseKubeVersion(input: string): KubeVersion {
  if (lastParsed?.input !== input) {
    const version = parseKubeVersionText(input);
    // Shared by the renders that ask for the same version: nobody may change it.
    Object.freeze(version.components);
    lastParsed = { input, version: Object.freeze(version) };
  }
  return lastParsed.version;
}

function parseKubeVersionText(input: string): KubeVersion {
  const match = GENERIC.exec(input);
  if (!match) throw new InvalidKubeVersionError(input, `could not parse ${goQuote(input)} as version`);
  const parts = match[1].split('.');
  if (parts.length < 2) throw new InvalidKubeVersionError(input, `illegal version string ${goQuote(input)}`);
  const components = parts.map((part, i) => {
    if (i === 0 && part.startsWith('0') && part !== '0') {
      throw new InvalidKubeVersionError(input, `illegal zero-prefixed version component ${goQuote(part)} in ${goQuote(input)}`);
    }
    const n = BigInt(part);
    if (n > UINT64_MAX) {
      throw new InvalidKubeVersionError(
        input,
        `illegal non-numeric version component ${goQuote(part)} in ${goQuote(input)}: strconv.ParseUint: parsing ${goQuote(part)}: value out of range`,
      );
    }
    return n;
  });
  return { version: input.startsWith('v') ? input : `v${input}`, components };
}


interface Semver {
  core: [bigint, bigint, bigint];
  prerelease: string[];
}

type Comparator = { op: '>=' | '>' | '<=' | '<' | '=' | '!='; version: Semver };

const SEMVER = /^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

function parseSemver(text: string): Semver | undefined {
  const m = SEMVER.exec(text);
  if (!m) return undefined;
  return { core: [BigInt(m[1]), BigInt(m[2] ?? 0), BigInt(m[3] ?? 0)], prerelease: m[4] ? m[4].split('.') : [] };
}

/**
 * The subset of Masterminds semver constraints a chart needs: comparisons joined by `,` or spaces
 * (and) and `||` (or). Anything else is refused, so a new form in Chart.yaml fails loudly in tests
 * instead of being misread.
 */
export function parseKubeVersionConstraint(constraint: string): Comparator[][] {
  return constraint.split('||').map((alternative) => {
    const tokens = alternative.replace(/(>=|<=|!=|=<|=>|[<>=])\s+/g, '$1').split(/[\s,]+/).filter(Boolean);
    if (tokens.length === 0) throw new Error(`unsupported kubeVersion constraint: ${constraint}`);
    return tokens.map((token) => {
      const m = /^(>=|=>|<=|=<|!=|>|<|=)?(.+)$/.exec(token);
      const version = m ? parseSemver(m[2]) : undefined;
      if (!m || !version) throw new Error(`unsupported kubeVersion constraint: ${constraint}`);
      const op = ({ '=>': '>=', '=<': '<=' } as Record<string, Comparator['op']>)[m[1] ?? ''] ?? ((m[1] ?? '=') as Comparator['op']);
      return { op, version };
    });
  });
}

function compareIdentifiers(a: string, b: string): number {
  const na = /^[0-9]+$/.test(a);
  const nb = /^[0-9]+$/.test(b);
  if (na && nb) return BigInt(a) === BigInt(b) ? 0 : BigInt(a) < BigInt(b) ? -1 : 1;
  if (na) return -1; // numeric identifiers sort before alphanumeric ones
  if (nb) return 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

function compareSemver(a: Semver, b: Semver): number {
  for (let i = 0; i < 3; i++) if (a.core[i] !== b.core[i]) return a.core[i] < b.core[i] ? -1 : 1;
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return b.prerelease.length - a.prerelease.length;
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const c = compareIdentifiers(a.prerelease[i], b.prerelease[i]);
    if (c !== 0) return c;
  }
  return a.prerelease.length - b.prerelease.length;
}

function satisfies(version: Semver, c: Comparator): boolean {
  const cmp = compareSemver(version, c.version);
  switch (c.op) {
    case '>=': return cmp >= 0;
    case '>': return cmp > 0;
    case '<=': return cmp <= 0;
    case '<': return cmp < 0;
    case '=': return cmp === 0;
    case '!=': return cmp !== 0;
  }
}

/** helm's IsCompatibleRange on the numeric part of the version (more than three numbers never match). */
export function isCompatible(constraint: string, kube: KubeVersion): boolean {
  if (kube.components.length > 3) return false;
  const [major, minor, patch = 0n] = kube.components;
  const version: Semver = { core: [major, minor, patch], prerelease: [] };
  return parsedConstraint(constraint).some((all) => all.every((c) => satisfies(version, c)));
}

// The chart's constraint is checked on every render; it is parsed once.
let lastConstraint: { text: string; parsed: Comparator[][] } | undefined;

function parsedConstraint(text: string): Comparator[][] {
  if (lastConstraint?.text !== text) lastConstraint = { text, parsed: parseKubeVersionConstraint(text) };
  return lastConstraint.parsed;
}

/** Throws helm's error when the chart does not support the requested Kubernetes version. */
export function checkKubeVersion(constraint: string, kube: KubeVersion): void {
  if (constraint !== '' && !isCompatible(constraint, kube)) throw new KubeVersionIncompatibleError(constraint, kube.version);
}

/**
 * `validate` on values: every file is read as helm reads it, duplicate keys are errors (helm keeps
 * the last one silently), the merged values are checked against the chart's schema, then across
 * objects (semantic.ts). Each finding names the line or flag that set the value, what was
 * expected and how to fix it.
 */
import { UsageError } from '../errors.js';
import { chartDefaults, type RenderOptions, type ValuesFile } from '../render/render.js';
import { buildUserValues, coalesceSources, coalesceValues } from '../values/merge.js';
import { ValuesYamlError, type ParsedValues } from '../values/parse-yaml.js';
import { readValuesYaml } from '../values/fast-values-yaml.js';
import { readValuesGuarded } from '../values/guarded-read.js';
import { ValuesBudget } from '../values/limits.js';
import { InputBudget, setFileReader } from '../output/read-input.js';
import { SetSyntaxError } from '../values/set-parser.js';
import type { SetFlag, SourceMap } from '../values/source.js';
import type { Value, ValueMap } from '../values/types.js';
import type { Finding, FindingLocation } from './findings.js';
import { keyPosition, parseValuesPath } from './locate.js';
import { Locator } from './locator.js';
import { allowedKeysAt, RESERVED_KEYS_TEXT, schemaKeyPaths, schemaViolations, type SchemaViolation } from './schema.js';
import type { ChartDefinition } from '../charts/chart.js';
import { resolveChart } from '../charts/registry.js';
import { fixDuration, fixQuantity, knownMistake, nearest, quoteIt, toDnsName } from './suggest.js';

export interface ValuesCheckResult {
  findings: Finding[];
  /** the merged values, when every file could be read */
  values?: ValueMap;
  sources?: SourceMap;
  locator?: Locator;
  /** true when the schema accepted the merged values (the chart can render them) */
  schemaValid: boolean;
}

/** The value inputs of render, checked instead of rendered. */
export function checkValuesInput(options: Pick<RenderOptions, 'valuesFiles' | 'set' | 'setString' | 'setJson' | 'setFile' | 'setLiteral' | 'readFile' | 'chart' | 'namespace'>): ValuesCheckResult {
  const chart = resolveChart(options.chart);
  const findings: Finding[] = [];
  const files = options.valuesFiles ?? [];
  const parsed: ParsedValues[] = [];
  // the same readers and limits as render
  const budget = new ValuesBudget();
  for (const f of files) {
    try {
      const p = readValuesGuarded(f.text, f.name, budget, readValuesYaml);
      parsed.push(p);
      for (const d of p.duplicates) findings.push(duplicateFinding(f, d.path, d.first, d.second));
    } catch (err) {
      if (!(err instanceof ValuesYamlError)) throw err;
      findings.push({
        severity: 'error',
        origin: 'yaml',
        code: `yaml/${err.code}`,
        path: '',
        message: err.reason,
        suggestion: yamlSuggestion(err),
        location: err.position ? { kind: 'file', file: f.name, line: err.position.line, col: err.position.col } : { kind: 'file', file: f.name, line: 1, col: 1 },
      });
    }
  }
  if (parsed.length < files.length) return { findings, schemaValid: false };

  let user: { values: ValueMap; sources: SourceMap };
  try {
    user = buildUserValues(
      {
        files: parsed,
        setJson: options.setJson ?? [],
        set: options.set ?? [],
        setString: options.setString ?? [],
        setFile: options.setFile ?? [],
        setLiteral: options.setLiteral ?? [],
      },
      options.readFile ?? setFileReader(new InputBudget()),
    );
  } catch (err) {
    if (err instanceof SetSyntaxError) throw new UsageError(err.message);
    throw err;
  }
  const base = chartDefaults(chart);
  const { values } = coalesceValues(base.values, user.values);
  const sources = coalesceSources(base.sources, user.sources, values);
  const locator = new Locator(sources, files, values);

  const violations = schemaViolations(values, chart);
  // A value the schema rejected is not judged again by the chart's checks. A key the schema only
  // found missing may be: where a check says why it is needed (an error at that very path), its
  // finding replaces the schema's bare "required key is missing".
  const checks = chart.checks(values, locator, new Set(violations.filter((v) => v.kind !== 'required').map((v) => v.path)), options.namespace || 'default');
  const explained = new Set(checks.filter((f) => f.severity === 'error').map((f) => f.path));
  for (const v of violations) if (!(v.kind === 'required' && explained.has(v.path))) findings.push(violationFinding(v, locator, chart));
  findings.push(...checks);
  return { findings, values, sources, locator, schemaValid: violations.length === 0 };
}

function duplicateFinding(f: ValuesFile, path: string, first: { line: number; col: number }, second: { line: number; col: number }): Finding {
  return {
    severity: 'error',
    origin: 'duplicate-key',
    code: 'values/duplicate-key',
    path,
    message: `duplicate key: set at line ${first.line} and again at line ${second.line}; helm silently keeps only the last one`,
    suggestion: `keep one of them: merge the two into the entry at line ${first.line} and delete the one at line ${second.line}`,
    location: { kind: 'file', file: f.name, line: second.line, col: second.col },
    related: [{ location: { kind: 'file', file: f.name, line: first.line, col: first.col }, message: 'first set here' }],
  };
}

function yamlSuggestion(err: ValuesYamlError): string {
  switch (err.code) {
    case 'syntax':
      return 'fix the YAML syntax at this position (indentation, a missing ":" or an unclosed quote)';
    case 'root-not-map':
      return 'a values file is a map at the top level, e.g. "gateway:\\n  name: ai-gateway"';
    case 'non-finite-number':
      return 'quote it to make it a string';
    case 'invalid-key':
      return 'use string keys';
    case 'alias':
      return 'define the anchor (&name) before the alias (*name), and not inside itself';
    case 'excessive-aliasing':
      return 'write the values out instead of nesting aliases';
    case 'too-large':
      return 'split the file, or remove what the chart does not use';
    case 'too-deep':
      return 'flatten the values';
    case 'characters':
      return 'remove the character, or write it as an escape inside a double-quoted string';
    case 'encoding':
      return 'save the file as UTF-8';
    default:
      return 'fix the value at this position';
  }
}

// ---------------------------------------------------------------------------------------------

const FLAG_FOR_STRING: SetFlag = '--set-string';

function lastSegment(path: string): string {
  const segs = parseValuesPath(path);
  const last = segs[segs.length - 1];
  return last === undefined ? '' : String(last);
}

function parentPath(path: string): (string | number)[] {
  return parseValuesPath(path).slice(0, -1);
}

/** "quote it" for a number or boolean where a string is meant, in the user's own spelling. */
function quoteSuggestion(path: string, value: Value | undefined, loc: FindingLocation | undefined, locator: Locator): string | undefined {
  if (typeof value !== 'number' && typeof value !== 'boolean' && typeof value !== 'bigint') return undefined;
  if (loc?.kind === 'flag') {
    const kind = typeof value === 'boolean' ? 'boolean' : 'number';
    if (loc.flag === '--set-json') {
      const key = loc.arg.slice(0, Math.max(0, loc.arg.indexOf('=')));
      if (key === path) return `make it a JSON string: --set-json '${path}=${JSON.stringify(String(value))}'`;
      return `quote it in the JSON: ${JSON.stringify(String(value))}, not ${String(value)}`;
    }
    // `--set a=1,b=2`: the part of the flag that set this path
    const part = loc.arg.split(',').find((p) => p.startsWith(`${path}=`));
    if (part) return `use ${FLAG_FOR_STRING} ${part}: ${loc.flag} reads ${part.slice(path.length + 1)} as a ${kind}`;
    return `use ${FLAG_FOR_STRING} for ${path}: ${loc.flag} reads ${String(value)} as a ${kind}`;
  }
  const raw = locator.raw(path) ?? String(value);
  const why = typeof value === 'boolean' ? `YAML reads ${raw} as a boolean` : `YAML reads ${raw} as the number ${String(value)}`;
  return `quote it: ${lastSegment(path)}: ${quoteIt(raw)} (${why})`;
}

function unquoteSuggestion(path: string, value: Value | undefined, types: string[], loc: FindingLocation | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const numeric = /^-?\d+(\.\d+)?$/.test(value);
  const bool = value === 'true' || value === 'false';
  const wantsNumber = types.includes('integer') || types.includes('number');
  if (!((numeric && wantsNumber) || (bool && types.includes('boolean')))) return undefined;
  if (types.includes('integer') && value.includes('.')) return `use a whole number: ${lastSegment(path)}: ${Math.trunc(Number(value))}`;
  if (loc?.kind === 'flag' && loc.flag !== '--set-json') return `use --set ${path}=${value}: ${loc.flag} always makes a string`;
  if (loc?.kind === 'flag') return `remove the quotes in the JSON: ${value}, not ${JSON.stringify(value)}`;
  return `remove the quotes: ${lastSegment(path)}: ${value}`;
}

function keyElsewhere(path: string, key: string, chart: ChartDefinition): string | undefined {
  const parent = parentPath(path);
  const generic = path.replace(/\[\d+\]/g, '[*]');
  const parentGeneric = generic.slice(0, generic.length - key.length - 1);
  const candidates = schemaKeyPaths(chart).filter((p) => p.endsWith(`.${key}`) && p !== generic);
  const under = candidates.filter((p) => parentGeneric === '' || p.startsWith(`${parentGeneric}.`) || p.startsWith(`${parentGeneric}[`));
  const pick = (list: string[]) => list.sort((a, b) => a.length - b.length)[0];
  const best = pick(under) ?? (parent.length <= 1 ? pick(candidates.filter((p) => p.startsWith(`${String(parent[0] ?? '')}.`))) : undefined);
  return best;
}

export function violationFinding(v: SchemaViolation, locator: Locator, chart: ChartDefinition): Finding {
  const location = locator.locate(v.path, { key: v.kind === 'unknown-key' || v.kind === 'required' || v.kind === 'key-format' });
  const f: Finding = { severity: 'error', origin: 'schema', code: `schema/${v.kind}`, path: v.path, message: v.message, location };
  if (v.expected) f.expected = v.expected;
  const suggestion = suggestFor(v, location, locator, f, chart);
  if (suggestion) f.suggestion = suggestion;
  return f;
}

function suggestFor(v: SchemaViolation, loc: FindingLocation | undefined, locator: Locator, f: Finding, chart: ChartDefinition): string | undefined {
  const key = lastSegment(v.path);
  const value = v.value;
  switch (v.kind) {
    case 'unknown-key': {
      const known = knownMistake(v.path);
      if (known) {
        f.message = `unknown key ${JSON.stringify(v.key)}: ${known.message}`;
        return known.suggestion;
      }
      const near = nearest(v.key ?? key, v.allowedKeys ?? []);
      if (near) return `did you mean ${JSON.stringify(near)}?`;
      const elsewhere = keyElsewhere(v.path, v.key ?? key, chart);
      if (elsewhere) return `${JSON.stringify(v.key)} belongs at ${elsewhere}`;
      if ((v.allowedKeys ?? []).length === 0) return 'remove it: nothing can be set here';
      return 'remove it, or rename it to one of the keys expected here';
    }
    case 'required': {
      if (loc?.kind === 'flag' && /\[\d+\]/.test(loc.arg.split('=')[0] ?? '')) {
        const list = (loc.arg.split('=')[0] ?? '').replace(/\[\d+\].*$/, '');
        return `${loc.flag} ${loc.arg} replaces the whole list ${list} with entries that have only the keys it sets (helm's rule): set whole entries instead, e.g. --set-json '${list}=[{…}]', or put them in a values file`;
      }
      // `protcol: HTTP` next to a missing `protocol`: the typo is the fix
      const parentValue = locator.valueAt(parentPath(v.path));
      if (parentValue && typeof parentValue === 'object' && !Array.isArray(parentValue)) {
        const allowed = allowedKeysAt(parentPath(v.path), chart) ?? [];
        const typo = Object.keys(parentValue).find((k) => !allowed.includes(k) && nearest(k, [key]) === key);
        if (typo !== undefined) return `rename ${JSON.stringify(typo)} to ${JSON.stringify(key)}`;
      }
      const written = locator.files.some((f) => keyPosition(f.text, v.path) !== undefined);
      if (written) return `give ${JSON.stringify(key)} a value: null removes the chart's default, and it is required`;
      return `add ${JSON.stringify(key)}${v.expected ? `: ${v.expected}` : ''}`;
    }
    case 'type': {
      const types = v.types ?? [];
      if (types.includes('string') && !types.includes('integer')) {
        if (v.definition === 'duration' || v.definition === 'optionalDuration') {
          const fix = typeof value === 'number' ? fixDuration(value) : undefined;
          if (fix) return fix;
        }
        const q = quoteSuggestion(v.path, value, loc, locator);
        if (q) return q;
      }
      const u = unquoteSuggestion(v.path, value, types, loc);
      if (u) return u;
      if (types.includes('integer') && typeof value === 'number' && !Number.isInteger(value)) return `use a whole number, e.g. ${Math.round(value)}`;
      if (value === null) return `give it a value, or remove the key to keep the chart's default`;
      if (types.includes('array') && value !== null && typeof value === 'object' && !Array.isArray(value)) return `write it as a list: each entry on its own line starting with "- "`;
      if (types.includes('object') && Array.isArray(value)) return 'write it as a map of key: value lines, not a list';
      if (types.includes('object') && typeof value === 'string') return 'write it as a map of key: value lines under the key';
      if (types.includes('boolean')) return `use true or false`;
      return `change it to ${v.expected ?? 'the expected type'}`;
    }
    case 'enum': {
      const allowed = (v.allowed ?? []).filter((a): a is string => typeof a === 'string');
      if (typeof value === 'number' || typeof value === 'boolean') {
        const raw = locator.raw(v.path) ?? String(value);
        if (allowed.includes(raw) || allowed.includes(String(value))) return quoteSuggestion(v.path, value, loc, locator);
      }
      if (typeof value === 'string') {
        const lower = value.toLowerCase();
        const near =
          nearest(value, allowed) ??
          // `TLSv1.2` for "1.2", `v1beta1` for "aigateway.envoyproxy.io/v1beta1", `warning` for "warn"
          allowed.find((a) => a !== '' && /\d/.test(a) && value.replace(/^(tls)?[\s_-]*v?/i, '').replace(/_/g, '.') === a) ??
          allowed.find((a) => a.endsWith(`/${value}`)) ??
          allowed.find((a) => a !== '' && (lower.startsWith(a.toLowerCase()) || a.toLowerCase().startsWith(lower)));
        if (near !== undefined) return `did you mean ${JSON.stringify(near)}?`;
      }
      return `use one of ${(v.allowed ?? []).map((a) => JSON.stringify(a)).join(', ')}`;
    }
    case 'pattern':
    case 'length':
      return patternSuggestion(v, key);
    case 'range': {
      if (/port$/i.test(key)) return 'use a port from 1 to 65535';
      if (key === 'replicas') return 'use 0 or more replicas';
      return `use ${v.expected ?? 'a value in range'}`;
    }
    case 'items':
      if (v.path === 'gateway.listeners' && Array.isArray(value) && value.length === 0) return 'add at least one listener, e.g. {name: http, protocol: HTTP, port: 80}';
      return `use ${v.expected}`;
    case 'not-empty':
      return 'remove its entries';
    case 'key-format': {
      if (v.expected === RESERVED_KEYS_TEXT) return 'rename the key, or remove it';
      const fixed = typeof v.key === 'string' ? fixQualifiedName(v.key) : undefined;
      return fixed ? `use ${JSON.stringify(fixed)}` : 'use a key such as example.com/my-key';
    }
    default:
      return undefined;
  }
}

function fixQualifiedName(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? toDnsName(key.slice(0, slash)) ?? key.slice(0, slash) : '';
  const name = (slash >= 0 ? key.slice(slash + 1) : key).replace(/[^-A-Za-z0-9_.]+/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '').slice(0, 63);
  const out = prefix ? `${prefix}/${name}` : name;
  return out && out !== key ? out : undefined;
}

function patternSuggestion(v: SchemaViolation, key: string): string | undefined {
  const value = v.value;
  const def = v.definition;
  if (typeof value !== 'string') return v.expected ? `use ${v.expected}` : undefined;
  if (value === '') return `give ${key ? JSON.stringify(key) : 'it'} a value`;
  if (def === 'duration' || def === 'optionalDuration') return fixDuration(value) ?? 'write it as whole numbers with units, e.g. 30s, 1m30s or 500ms';
  if (def === 'quantity') return fixQuantity(value) ?? 'write it as a whole number with an optional unit, e.g. 50Mi, 512Ki or 1048576';
  if (def === 'dnsName') {
    if (value.length > 253) return 'shorten it to at most 253 characters';
    const fixed = toDnsName(value);
    return fixed ? `use ${JSON.stringify(fixed)}` : 'use lower-case letters, digits and "-"';
  }
  if (key === 'loadBalancerIP') {
    if (value.includes(':')) return 'the EnvoyProxy CRD accepts only an IPv4 address here';
    return 'write four numbers from 0 to 255 separated by dots, e.g. 203.0.113.10, or "" to leave it unset';
  }
  if (key === 'hostname' || /\.(dnsNames|hostnames)\[\d+\]$/.test(v.path)) {
    if (/:\d+$/.test(value)) return `remove the port: ${JSON.stringify(value.replace(/:\d+$/, ''))}`;
    if (value !== value.toLowerCase()) return `use lower case: ${JSON.stringify(value.toLowerCase())}`;
    if (value.endsWith('.')) return `remove the trailing dot: ${JSON.stringify(value.replace(/\.+$/, ''))}`;
    if (value.includes('*')) return 'a wildcard is only allowed as the whole first label: *.example.com';
    if (/^https?:\/\//.test(value)) return `use the host only: ${JSON.stringify(value.replace(/^https?:\/\//, '').replace(/[/:].*$/, ''))}`;
    return 'use a DNS name such as api.example.com';
  }
  if (key === 'protocol') {
    if (/^h(ttp)?\/?2(c)?$/i.test(value)) return 'HTTP/2 is not a listener protocol: use HTTPS (clients negotiate HTTP/2 through ALPN) or HTTP';
    const near = nearest(value, ['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP']);
    return near ? `did you mean ${JSON.stringify(near)}?` : 'use HTTP, HTTPS, TLS, TCP or UDP';
  }
  if (v.path === 'certManager.issuer.server') {
    if (/^http:\/\//.test(value)) return `use https: ${JSON.stringify(value.replace(/^http:/, 'https:'))}`;
    return 'use the CA\'s ACME directory URL, e.g. https://acme-v02.api.letsencrypt.org/directory';
  }
  if (v.path === 'certManager.issuer.email') return 'use an address such as platform@example.com, or "" for none';
  if (key === 'controllerName') return 'use Envoy Gateway\'s controller name, gateway.envoyproxy.io/gatewayclass-controller, unless you changed it in Envoy Gateway';
  if (/(^|\.)(labels|nodeSelector)(\.|\[)/.test(v.path)) {
    if ([...value].length > 63) return 'label values are at most 63 characters: put longer text in an annotation';
    const fixed = value.replace(/[^-A-Za-z0-9_.]+/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
    return fixed !== value ? `use ${JSON.stringify(fixed)}, or put the text in an annotation` : 'use letters, digits, "-", "_" and "."';
  }
  if (v.kind === 'length' && value === '') return 'give it a value';
  return v.expected ? `use ${v.expected}` : undefined;
}

/** Keys allowed at the parent of `path` (exported for semantic checks on pass-through keys). */
export function siblingKeys(path: string, chart: ChartDefinition): string[] {
  return allowedKeysAt(parentPath(path), chart) ?? [];
}

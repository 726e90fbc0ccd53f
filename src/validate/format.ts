/**
 * The report in four shapes: text for people (grouped by file, colour only when asked), JSON for
 * tools, JUnit and SARIF for CI annotations. SARIF locations point into the values files, so a
 * code-scanning upload marks the line that set the bad value.
 */
import { PACKAGE_VERSION } from '../generated/charts.js';
import { countBySeverity, describeLocation, groupOf, type Finding, type FindingLocation, type ValidationReport } from './findings.js';

export type OutputFormat = 'text' | 'json' | 'junit' | 'sarif';
export const OUTPUT_FORMATS: OutputFormat[] = ['text', 'json', 'junit', 'sarif'];

// ---------------------------------------------------------------------------------------------
// ordering

const SEVERITY_RANK = { error: 0, warning: 1, note: 2 } as const;

function lineOf(loc: FindingLocation | undefined): [number, number] {
  return loc && (loc.kind === 'file' || loc.kind === 'default') ? [loc.line, loc.col] : [0, 0];
}

/** Groups in a stable order: the inputs as given, then flags, then chart defaults and templates. */
export function groupFindings(report: ValidationReport): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const input of report.inputs) groups.set(input, []);
  const rank = (f: Finding): number => {
    const k = f.location?.kind;
    return k === 'file' ? 0 : k === 'flag' ? 1 : k === 'default' ? 2 : k === 'rendered' ? 3 : 4;
  };
  const sorted = [...report.findings].sort((a, b) => rank(a) - rank(b));
  for (const f of sorted) {
    const g = groupOf(f);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(f);
  }
  const out: [string, Finding[]][] = [];
  for (const [g, list] of groups) {
    if (list.length === 0) continue;
    list.sort((a, b) => {
      const [la, ca] = lineOf(a.location);
      const [lb, cb] = lineOf(b.location);
      return la - lb || ca - cb || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
    });
    out.push([g, list]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// text

export interface TextOptions {
  color: boolean;
  /** print the per-CRD CEL coverage table */
  coverage?: boolean;
}

const ESC = '\u001b[';
function paint(on: boolean, code: string, s: string): string {
  return on ? `${ESC}${code}m${s}${ESC}0m` : s;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function subject(f: Finding): string {
  const r = f.rendered;
  const obj = r ? `${r.kind}/${r.name}${r.field ? ` ${r.field}` : ''}` : '';
  if (f.path && obj) return `${f.path} → ${obj}`;
  return f.path || obj;
}

export function formatSummary(report: ValidationReport): string {
  const c = countBySeverity(report.findings);
  const parts = [plural(c.error, 'error'), plural(c.warning, 'warning')];
  if (c.note) parts.push(plural(c.note, 'note'));
  return parts.join(', ');
}

/** The findings, grouped by file; no trailing summary. */
export function formatFindingsText(report: ValidationReport, opts: TextOptions): string {
  const color = opts.color;
  const lines: string[] = [];
  for (const [group, list] of groupFindings(report)) {
    lines.push(paint(color, '1', group));
    for (const f of list) {
      const [line, col] = lineOf(f.location);
      const pos = line ? `${line}:${col}` : '';
      const sev = f.severity === 'error' ? paint(color, '31', 'error') : f.severity === 'warning' ? paint(color, '33', 'warning') : paint(color, '36', 'note');
      const head = `  ${pos.padEnd(7)} ${sev}${' '.repeat(8 - f.severity.length)}`;
      const what = subject(f);
      lines.push(`${head}${what ? `${paint(color, '1', what)}: ` : ''}${f.message}`);
      const indent = ' '.repeat(18);
      if (f.expected) lines.push(`${indent}${paint(color, '2', 'expected:')} ${f.expected}`);
      if (f.rule) lines.push(`${indent}${paint(color, '2', 'rule:')} ${f.rule}`);
      for (const r of f.related ?? []) lines.push(`${indent}${paint(color, '2', 'see:')} ${describeLocation(r.location)} (${r.message})`);
      if (f.suggestion) lines.push(`${indent}${paint(color, '32', 'fix:')} ${f.suggestion}`);
    }
    lines.push('');
  }
  if (opts.coverage !== false && report.crds) lines.push(...formatCoverage(report), '');
  return lines.join('\n');
}

export function formatCoverage(report: ValidationReport): string[] {
  const crds = report.crds;
  if (!crds) return [];
  const rows = crds.coverage.map((c) => [
    c.kind,
    `${c.evaluated}/${c.total}`,
    `${c.onCreate ? Math.round((100 * Math.min(c.evaluated, c.onCreate)) / c.onCreate) : 100}%`,
    String(c.total - c.nonTransition),
    String(c.statusOnly),
    String(c.unevaluable),
    String(c.documents),
    c.crd,
  ]);
  const header = ['CRD', 'CEL rules evaluated', 'of those that can run', 'transition (skipped on create)', 'on status (reset on create)', 'not evaluable', 'documents', 'name'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => `  ${r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')}`.trimEnd();
  return [
    `CEL coverage per CRD (${plural(crds.documents, 'document')} checked; a rule runs only where its field is set):`,
    fmt(header),
    ...rows.map(fmt),
    `  ${plural(crds.evaluated, 'rule evaluation')}, ${crds.transitionSkipped} transition ${crds.transitionSkipped === 1 ? 'rule' : 'rules'} skipped on create, ${crds.unevaluable} could not be evaluated`,
  ];
}

// ---------------------------------------------------------------------------------------------
// JSON

/** One finding as `-o json` prints it (validate and diff). */
export function findingJson(f: Finding): Record<string, unknown> {
  return {
    severity: f.severity,
    code: f.code,
    origin: f.origin,
    path: f.path,
    message: f.message,
    ...(f.expected !== undefined ? { expected: f.expected } : {}),
    ...(f.suggestion !== undefined ? { suggestion: f.suggestion } : {}),
    ...(f.location ? { location: f.location } : {}),
    ...(f.related ? { related: f.related } : {}),
    ...(f.rendered ? { rendered: f.rendered } : {}),
    ...(f.rule ? { rule: f.rule } : {}),
  };
}

export function formatJson(report: ValidationReport, strict: boolean): string {
  const c = countBySeverity(report.findings);
  const valid = c.error === 0 && !(strict && c.warning > 0);
  const findings = report.findings.map(findingJson);
  const out: Record<string, unknown> = { valid, errors: c.error, warnings: c.warning, notes: c.note, findings };
  if (report.crds) out['crds'] = report.crds;
  if (report.elapsedMs !== undefined) out['elapsedMs'] = report.elapsedMs;
  return `${JSON.stringify(out, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// JUnit

function xml(s: string): string {
  // XML 1.0 cannot carry most control characters, even escaped.
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function detail(f: Finding): string {
  return [
    `${describeLocation(f.location) || '(no location)'}: ${subject(f)}${subject(f) ? ': ' : ''}${f.message}`,
    f.expected ? `expected: ${f.expected}` : '',
    f.rule ? `rule: ${f.rule}` : '',
    ...(f.related ?? []).map((r) => `see: ${describeLocation(r.location)} (${r.message})`),
    f.suggestion ? `fix: ${f.suggestion}` : '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

/** One suite per file (as kubeconform does); each finding a test case, errors as failures. */
/** `command` names the suites (`check` reports too); `what` is what a clean report says is valid. */
export function formatJunit(report: ValidationReport, strict: boolean, names: { command: string; what: string } = { command: 'validate', what: 'values' }): string {
  const groups = groupFindings(report);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  const time = ((report.elapsedMs ?? 0) / 1000).toFixed(3);
  for (const [group, list] of groups) {
    const cases = list.map((f) => {
      const name = xml(`${subject(f) || f.code} (${describeLocation(f.location) || 'no location'})`);
      const classname = xml(`ai-gateway-core.${f.code.replace(/\//g, '.')}`);
      const failing = f.severity === 'error' || (strict && f.severity === 'warning');
      if (failing) {
        return `    <testcase name="${name}" classname="${classname}">\n      <failure message="${xml(f.message)}" type="${f.severity}">${xml(detail(f))}</failure>\n    </testcase>`;
      }
      return `    <testcase name="${name}" classname="${classname}">\n      <system-out>${xml(`${f.severity}: ${detail(f)}`)}</system-out>\n    </testcase>`;
    });
    const fails = list.filter((f) => f.severity === 'error' || (strict && f.severity === 'warning')).length;
    tests += list.length;
    failures += fails;
    suites.push(`  <testsuite name="${xml(group)}" tests="${list.length}" failures="${fails}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  if (groups.length === 0) {
    const what = report.crds ? `${plural(report.crds.documents, 'document')} accepted by the CRDs` : `${names.what} are valid`;
    suites.push(`  <testsuite name="ai-gateway-core ${xml(names.command)}" tests="1" failures="0" errors="0" skipped="0">\n    <testcase name="${xml(what)}" classname="ai-gateway-core.${xml(names.command)}"/>\n  </testsuite>`);
    tests = 1;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ai-gateway-core ${xml(names.command)}" tests="${tests}" failures="${failures}" errors="0" time="${time}">\n${suites.join('\n')}\n</testsuites>\n`;
}

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function uri(file: string): string {
  const encoded = file
    .replace(/\\/g, '/')
    .split('/')
    .map((p) => encodeURIComponent(p))
    .join('/');
  return encoded.startsWith('/') ? `file://${encoded}` : encoded;
}

/** SARIF for code scanning: one rule per check, results located in the values files. */
export function formatSarif(report: ValidationReport): string {
  const ruleIds = [...new Set(report.findings.map((f) => f.code))].sort();
  const rules = ruleIds.map((id) => ({
    id,
    name: id.replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
    shortDescription: { text: RULE_TEXT[id.split('/')[0]!] ?? id },
    helpUri: 'https://github.com/envoyproxy/ai-gateway',
  }));
  const results = report.findings.map((f) => {
    const text = [
      `${subject(f)}${subject(f) ? ': ' : ''}${f.message}`,
      f.expected ? `Expected: ${f.expected}.` : '',
      f.suggestion ? `Fix: ${f.suggestion}` : '',
    ]
      .filter((t) => t !== '')
      .join(' ');
    const result: Record<string, unknown> = {
      ruleId: f.code,
      ruleIndex: ruleIds.indexOf(f.code),
      level: f.severity,
      message: { text },
    };
    const loc = sarifLocation(f.location, f.path || f.rendered?.field);
    if (loc) result['locations'] = [loc];
    const related = (f.related ?? []).map((r, i) => ({ id: i, ...sarifLocation(r.location, undefined), message: { text: r.message } })).filter((r) => 'physicalLocation' in r);
    if (related.length) result['relatedLocations'] = related;
    const props: Record<string, unknown> = {};
    if (f.path) props['valuesPath'] = f.path;
    if (f.rendered) props['rendered'] = f.rendered;
    if (f.rule) props['celRule'] = f.rule;
    if (f.suggestion) props['suggestion'] = f.suggestion;
    if (Object.keys(props).length) result['properties'] = props;
    return result;
  });
  const run: Record<string, unknown> = {
    tool: { driver: { name: 'ai-gateway-core', version: PACKAGE_VERSION, informationUri: 'https://github.com/envoyproxy/ai-gateway', rules } },
    results,
    columnKind: 'unicodeCodePoints',
  };
  if (report.crds) run['properties'] = { crds: report.crds };
  return `${JSON.stringify({ $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] }, null, 2)}\n`;
}

const RULE_TEXT: Record<string, string> = {
  yaml: 'The values file is not valid YAML, or not a map',
  values: 'A values file sets the same key twice',
  schema: "A value does not meet the chart's schema",
  semantic: 'The values contradict each other or break the gateway at run time',
  template: 'The chart refuses to render these values',
  check: 'The core and models releases do not work together',
  crd: 'A rendered document is rejected by its CustomResourceDefinition',
  upgrade: 'An upgrade recreates, disrupts or resets something the running gateway depends on',
};

function sarifLocation(loc: FindingLocation | undefined, logical: string | undefined): Record<string, unknown> | undefined {
  const logicalLocations = logical ? [{ fullyQualifiedName: logical, kind: 'member' }] : undefined;
  if (loc && (loc.kind === 'file' || loc.kind === 'default')) {
    return {
      physicalLocation: { artifactLocation: { uri: uri(loc.file) }, region: { startLine: loc.line, startColumn: loc.col } },
      ...(logicalLocations ? { logicalLocations } : {}),
    };
  }
  if (loc?.kind === 'flag') return { logicalLocations: [{ fullyQualifiedName: `${loc.flag} ${loc.arg}`, kind: 'parameter' }, ...(logicalLocations ?? [])] };
  if (loc?.kind === 'rendered') return { logicalLocations: [{ fullyQualifiedName: loc.template, kind: 'module' }, ...(logicalLocations ?? [])] };
  return logicalLocations ? { logicalLocations } : undefined;
}

/**
 * What helm does to rendered template text before printing it (helm-template-behaviour.md §1, §2,
 * §6.4): drop `<no value>`, split into documents, set hooks aside, sort by kind, frame each document
 * with `---` and `# Source:`. The rules are helm's, quirks included, so output stays byte-identical.
 */
import { parse, parseDocument, visit, isMap as isYamlMap } from 'yaml';
import { AiGatewayCoreError, TemplateNotFoundError } from '../errors.js';

/** helm parses every document it prints; one that is not YAML stops the render. */
export class ManifestParseError extends AiGatewayCoreError {
  constructor(source: string, detail: string) {
    super(`YAML parse error on ${source}: ${detail}`);
  }
}

/** One YAML document of the output, as helm's manifest sorter sees it. */
export interface Manifest {
  /** `<chart>/templates/<file>`, as printed after `# Source: ` */
  source: string;
  kind: string;
  /** metadata.name when it is a plain scalar (informational; helm never sorts by it) */
  name: string;
  /** true when the document carries a known `helm.sh/hook` annotation */
  hook: boolean;
  content: string;
}

/** Go's unicode.IsSpace, which strings.TrimSpace uses. */
function isGoSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

// A loop, not a regex: `[…]+$` retries at every space run of a long document.
export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s.charCodeAt(start))) start++;
  while (end > start && isGoSpace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

// RE2's \s is only [\t\n\f\r ]; JavaScript's would also match Unicode spaces.
const SEPARATOR = /(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*/g;

/** releaseutil.SplitManifests: the documents of one template's output, in order. */
export function splitManifests(text: string): string[] {
  const whole = goTrimSpace(text);
  const docs: string[] = [];
  // Every separator contains `---`; most templates print one document and none.
  if (!whole.includes('---')) {
    pushPiece(docs, whole);
    return docs;
  }
  let begin = 0;
  for (const match of whole.matchAll(SEPARATOR)) {
    const end = match.index ?? 0;
    if (match.index !== 0 || match[0].length !== 0) pushPiece(docs, whole.slice(begin, end));
    begin = end + match[0].length;
  }
  pushPiece(docs, whole.slice(begin));
  return docs;
}

function pushPiece(docs: string[], piece: string): void {
  // helm tests for "" before trimming, so a piece of Unicode spaces becomes an empty document.
  if (piece !== '') docs.push(goTrimSpace(piece));
}

/** helm's install order; kinds not listed sort after these, by byte order of the kind. */
const INSTALL_ORDER = [
  'PriorityClass', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy',
  'PodDisruptionBudget', 'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass',
  'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole',
  'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role', 'RoleList', 'RoleBinding',
  'RoleBindingList', 'Service', 'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet', 'Deployment',
  'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService',
  // helm 4 adds these two; in helm 3 they sort among the unknown kinds.
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
];
const ORDER = new Map(INSTALL_ORDER.map((kind, i) => [kind, i]));

function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function compareKinds(a: string, b: string): number {
  const ia = ORDER.get(a);
  const ib = ORDER.get(b);
  if (ia !== undefined && ib !== undefined) return ia - ib;
  if (ia !== undefined) return -1;
  if (ib !== undefined) return 1;
  return byteCompare(a, b);
}

const HOOK_EVENTS = new Set([
  'pre-install', 'post-install', 'pre-delete', 'post-delete', 'pre-upgrade', 'post-upgrade',
  'pre-rollback', 'post-rollback', 'test', 'test-success',
]);

interface Head {
  kind: string;
  name: string;
  hookAnnotation: string | undefined;
}

/**
 * The kind, name and hook annotation of a document. The chart's documents always have a plain
 * top-level `kind:` line, so a regex answers; only a document that mentions helm.sh/hook (which a
 * user annotation can add) is parsed in full.
 */
function readHead(doc: string): Head {
  if (!doc.includes('helm.sh/hook')) {
    const kind = /^kind:[ \t]*([A-Za-z0-9]*)[ \t]*$/m.exec(doc)?.[1] ?? '';
    const name = /^ {2}name:[ \t]*(\S*)[ \t]*$/m.exec(doc)?.[1] ?? '';
    return { kind, name, hookAnnotation: undefined };
  }
  const parsed = (parse(doc) ?? {}) as { kind?: unknown; metadata?: { name?: unknown; annotations?: Record<string, unknown> } };
  const hook = parsed.metadata?.annotations?.['helm.sh/hook'];
  return {
    kind: typeof parsed.kind === 'string' ? parsed.kind : '',
    name: typeof parsed.metadata?.name === 'string' ? parsed.metadata.name : '',
    hookAnnotation: hook === undefined ? undefined : String(hook),
  };
}

const ANCHOR_NAME = /^[A-Za-z0-9_-]+$/;

function assertYaml(source: string, content: string): void {
  const doc = parseDocument(content, { version: '1.1', uniqueKeys: false });
  if (doc.errors.length > 0) throw new ManifestParseError(source, doc.errors[0].message.split('\n')[0]);
  try {
    // An alias to an anchor that does not exist is only found when the document is resolved.
    doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new ManifestParseError(source, (err as Error).message.split('\n')[0]);
  }
  // libyaml only allows [A-Za-z0-9_-] in anchor and alias names; YAML 1.2 parsers allow more.
  visit(doc, {
    Alias(_, alias) {
      if (!ANCHOR_NAME.test(alias.source)) throw new ManifestParseError(source, `did not find expected alphabetic or numeric character in alias *${alias.source}`);
    },
    Node(_, node) {
      if (node.anchor !== undefined && !ANCHOR_NAME.test(node.anchor)) throw new ManifestParseError(source, `did not find expected alphabetic or numeric character in anchor &${node.anchor}`);
    },
  });
  const root = doc.contents;
  if (root !== null && !isYamlMap(root)) {
    throw new ManifestParseError(source, 'the document is not a mapping');
  }
}

export interface RenderedFile {
  /** `<chart>/templates/<file>` */
  source: string;
  text: string;
}

export interface SortedManifests {
  generic: Manifest[];
  hooks: Manifest[];
}

/** The manifest sorter: documents in file order, hooks set aside, then a stable sort by kind. */
export function sortManifests(files: RenderedFile[]): SortedManifests {
  const generic: Manifest[] = [];
  const hooks: Manifest[] = [];
  const ordered = [...files].sort((a, b) => byteCompare(a.source, b.source));
  for (const file of ordered) {
    const removedNoValue = file.text.includes('<no value>');
    const text = removedNoValue ? file.text.replaceAll('<no value>', '') : file.text;
    if (goTrimSpace(text) === '') continue;
    for (const content of splitManifests(text)) {
      // toYaml's output is always valid YAML, but deleting `<no value>` from inside a value can
      // leave text that is not (a bare `&`, say). Only then is a full parse needed to match helm.
      if (removedNoValue) assertYaml(file.source, content);
      const head = readHead(content);
      const manifest: Manifest = { source: file.source, kind: head.kind, name: head.name, hook: false, content };
      if (head.hookAnnotation === undefined) {
        generic.push(manifest);
        continue;
      }
      const events = head.hookAnnotation.split(',').map((e) => e.trim().toLowerCase());
      // helm drops a document whose hook list names any unknown event, silently.
      if (events.some((e) => !HOOK_EVENTS.has(e))) continue;
      manifest.hook = true;
      hooks.push(manifest);
    }
  }
  const byKind = (a: Manifest, b: Manifest) => compareKinds(a.kind, b.kind);
  return { generic: generic.sort(byKind), hooks: hooks.sort(byKind) };
}

function frame(m: Manifest): string {
  return `---\n# Source: ${m.source}\n${m.content}\n`;
}

/** What `helm template` prints without --show-only. */
export function formatManifests(sorted: SortedManifests): string {
  const body = goTrimSpace(sorted.generic.map(frame).join('')) + '\n';
  return body + sorted.hooks.map(frame).join('');
}

/** Go's filepath.Match on `/`-separated paths: `*` and `?` never cross `/`. */
export function globMatch(pattern: string, path: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i]);
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close === -1) return false; // Go reports ErrBadPattern, which helm treats as no match
      let cls = pattern.slice(i + 1, close);
      if (cls.startsWith('^')) cls = '^' + cls.slice(1);
      re += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else re += escapeRe(c);
  }
  return new RegExp(re + '$', 'u').test(path);
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * `--show-only`: helm re-splits its whole output and keeps, per pattern in the order given, the
 * documents whose `# Source:` path (without the chart name) matches.
 */
export function selectShowOnly(output: string, patterns: string[]): string {
  const docs = splitManifests(output);
  const selected: string[] = [];
  for (const pattern of patterns) {
    let found = false;
    for (const doc of docs) {
      const path = /# Source: [^/\n]+\/(.+)/.exec(doc)?.[1];
      if (path === undefined || !globMatch(pattern, path)) continue;
      selected.push(doc);
      found = true;
    }
    if (!found) throw new TemplateNotFoundError(pattern);
  }
  return selected.map((doc) => `---\n${doc}\n`).join('');
}

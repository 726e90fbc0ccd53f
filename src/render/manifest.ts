/**
 * What helm does to rendered template text before printing it (helm-template-behaviour.md §1, §2,
 * §6.4): drop `<no value>`, split into documents, set hooks aside, sort by kind, frame each document
 * with `---` and `# Source:`. The rules are helm's, quirks included, so output stays byte-identical.
 */
import { parse, parseDocument, visit, isMap as isYamlMap, Parser, type CST } from 'yaml';
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
export const SEPARATOR = /(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*/g;

/** RE2's \s: [\t\n\f\r ]. */
function isSeparatorSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c;
}

/**
 * releaseutil.SplitManifests: the documents of one template's output, in order.
 *
 * The matches of SEPARATOR, found without it: every match holds `\n---` (or starts the text with
 * `---`), and irregexp tried the `[\t\n\f\r ]*\n` branch at every position of every indentation
 * run of a 500-model output, 6% of its render. A match starts where the blank run before that
 * newline starts (not before the previous match's end) and takes the blanks after `---`. A
 * property test holds this equal to the regex.
 */
export function splitManifests(text: string): string[] {
  const whole = goTrimSpace(text);
  const docs: string[] = [];
  let begin = 0;
  let from = 0;
  if (whole.startsWith('---')) {
    begin = skipSeparatorSpace(whole, 3);
    from = begin;
  }
  for (let nl = whole.indexOf('\n---', from); nl !== -1; nl = whole.indexOf('\n---', from)) {
    let start = nl;
    while (start > from && isSeparatorSpace(whole.charCodeAt(start - 1))) start--;
    pushPiece(docs, whole.slice(begin, start));
    begin = from = skipSeparatorSpace(whole, nl + 4);
  }
  pushPiece(docs, whole.slice(begin));
  return docs;
}

function skipSeparatorSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && isSeparatorSpace(text.charCodeAt(i))) i++;
  return i;
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

/**
 * Go compares strings by their UTF-8 bytes, which order like code points. UTF-16 units order the
 * same way except where a surrogate meets another unit, so only then are bytes made; otherwise
 * nothing is allocated (this runs for every pair of files and kinds of every render).
 */
export function byteCompare(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if ((x & 0xf800) === 0xd800 || (y & 0xf800) === 0xd800) return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
    return x - y;
  }
  return a.length - b.length;
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

// go-yaml (YAML 1.1, so helm and kubectl) takes NEL, LS and PS for line breaks, yet its emitter
// writes them raw outside double quotes.
const YAML11_BREAKS = /[\u0085\u2028\u2029]/;

// go-yaml's emitter can write a `?` indicator where a value stands (a string "? " after block
// scalars in the same list, found by a property test): text go-yaml cannot read back, so helm's
// parse of the document fails. Only a document with such a line is parsed in full to find out.
const EXPLICIT_KEY_AS_VALUE = /(?:: |^ *- )\?(?: |$)/m;
const BREAK_NAMES: Record<string, string> = { '\u0085': 'U+0085 (NEXT LINE)', '\u2028': 'U+2028 (LINE SEPARATOR)', '\u2029': 'U+2029 (PARAGRAPH SEPARATOR)' };

/** A value that YAML 1.1 readers would split into lines of YAML: it could add keys no value meant. */
export class UnsafeOutputError extends AiGatewayCoreError {}

type CstItem = { key?: CST.Token | null; value?: CST.Token };

interface CstReading {
  /** the text of single-quoted scalars, as [start, end) offsets */
  quoted: [number, number][];
  /** the text of `|` and `>` blocks */
  blocks: [number, number][];
  /** every scalar token with the key path that leads to it */
  spans: { from: number; to: number; path: string }[];
}

/** The scalars of a document as the yaml package tokenizes it, with their key paths. */
function readCst(text: string): CstReading {
  const reading: CstReading = { quoted: [], blocks: [], spans: [] };
  const stack: [CST.Token, string][] = [...new Parser().parse(text)].map((t) => [t, ''] as [CST.Token, string]);
  while (stack.length > 0) {
    const [token, path] = stack.pop()!;
    if (token.type === 'single-quoted-scalar') reading.quoted.push([token.offset, token.offset + token.source.length]);
    if (token.type === 'block-scalar') {
      const body = token.offset + token.props.reduce((n, p) => n + ('source' in p ? String(p.source).length : 0), 0);
      reading.blocks.push([body, body + token.source.length]);
    }
    if ('source' in token && typeof token.source === 'string') reading.spans.push({ from: token.offset, to: token.offset + token.source.length, path });
    if (token.type === 'document' && token.value) stack.push([token.value, path]);
    if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      (token.items as CstItem[]).forEach((item, i) => {
        const key = item.key && 'source' in item.key ? String(item.key.source) : token.type === 'block-seq' ? `[${i}]` : '';
        const child = key.startsWith('[') ? `${path}${key}` : path ? `${path}.${key}` : key;
        if (item.key) stack.push([item.key, child]);
        if (item.value) stack.push([item.value, child]);
      });
    }
  }
  return reading;
}

/** Each character costs two parses of the document: past this many, a document is refused. */
const MAX_BREAKS_CHECKED = 64;

/** `at` is inside one of the ranges, with more of it after `at`. */
const within = (ranges: [number, number][], at: number): boolean => ranges.some(([from, to]) => at >= from && at + 1 < to);

/**
 * Refuses a document that YAML 1.1 readers would read differently from what the values say.
 * go-yaml's emitter writes NEL, LS and PS raw outside double quotes, and every YAML 1.1 reader
 * (helm, kubectl) breaks the line there. Inside single quotes that is harmless, and inside a `|`
 * block it is harmless when the text after it stays in the block; but when the emitter lets the
 * block end there, the text after the character is read as YAML of its own: with helm,
 * `"a\nb\u2028  injected: true"` adds a key `injected` for kubectl. helm prints such documents
 * (or fails on them when the rest is not YAML); we stop, whichever it would be.
 */
function assertNoBreakOutsideQuotes(source: string, content: string): void {
  const breaks = [...content.matchAll(new RegExp(YAML11_BREAKS.source, 'g'))];
  // Each character is read twice, in document order, with the ones before it already settled:
  // as text (the yaml package sees quoted scalars as helm does, whatever their indentation), then
  // as a line break (to see whether a block goes on after it). Offsets hold: one character for one.
  let text = content;
  for (const [n, m] of breaks.entries()) {
    const at = m.index!;
    const asText = n < MAX_BREAKS_CHECKED ? readCst(text) : undefined;
    if (asText && within(asText.quoted, at)) {
      text = `${text.slice(0, at)} ${text.slice(at + 1)}`;
      continue;
    }
    const asBreak = `${text.slice(0, at)}\n${text.slice(at + 1)}`;
    const helmLines = readCst(asBreak);
    // A block goes on after it, or it ends the block's last line (only blanks, or more of these, follow).
    const restOfLine = text.slice(at + 1, (text.indexOf('\n', at + 1) + 1 || text.length + 1) - 1);
    if (asText && (within(helmLines.blocks, at) || (/^[ \t\u0085\u2028\u2029]*$/.test(restOfLine) && helmLines.blocks.some(([from, to]) => at >= from && at <= to)))) {
      text = asBreak;
      continue;
    }
    const span = helmLines.spans.filter((s) => at >= s.from && at < s.to && s.path).sort((a, b) => a.to - a.from - (b.to - b.from))[0];
    const where = span ? `the value at ${span.path}` : `a value (line ${content.slice(0, at).split('\n').length} of the document)`;
    throw new UnsafeOutputError(
      `${source}: ${where} holds ${BREAK_NAMES[m[0]]}, which YAML 1.1 readers such as kubectl take for a line break; as helm prints it, the text after it would be read as YAML of its own. Remove the character from the value (helm does not refuse it)`,
    );
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
    // One scan of the file's text tells whether any of its documents needs the check below.
    const mayHoldBreaks = YAML11_BREAKS.test(text);
    // The explicit-key pattern runs only on the documents of a file that holds a `?` at all: on
    // every document of a 500-model catalog it cost 29M instructions.
    const mayHoldExplicitKey = text.includes('?');
    for (const content of splitManifests(text)) {
      // toYaml's output is always valid YAML, but deleting `<no value>` from inside a value can
      // leave text that is not (a bare `&`, say). Only then is a full parse needed to match helm.
      if (removedNoValue || (mayHoldExplicitKey && EXPLICIT_KEY_AS_VALUE.test(content))) assertYaml(file.source, content);
      if (mayHoldBreaks && YAML11_BREAKS.test(content)) assertNoBreakOutsideQuotes(file.source, content);
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
  // helm prints TrimSpace(documents) + "\n". Frames end in their content and one "\n", so when the
  // last content ends in no space (split trims them all; only an empty one is left), the joined
  // frames are that already: trim + "\n" made a string of two parts, copied whole again when written.
  const joined = sorted.generic.map(frame).join('');
  const last = sorted.generic.at(-1)?.content ?? '';
  const body = last !== '' && !isGoSpace(last.charCodeAt(last.length - 1)) ? joined : goTrimSpace(joined) + '\n';
  return sorted.hooks.length === 0 ? body : body + sorted.hooks.map(frame).join('');
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

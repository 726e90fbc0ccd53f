/**
 * Keeping secrets out of error messages. Values files and `--set` flags carry API keys and
 * passwords (env vars of the external processor, annotations read by controllers); an error
 * report ends up in CI logs, so it may name where a secret is, never what it is.
 *
 * Two mechanisms, both applied to everything printed about a failure:
 * - the values themselves: every value that looks like a secret (by its key, its env var's name,
 *   or its shape) is noted with its path, and each occurrence of it in a message is replaced;
 * - the text: anything shaped like a credential (a PEM block, a JWT, a known token prefix, a long
 *   high-entropy string, `password=…`) is replaced even when no values were read (a malformed
 *   `--set-json` flag is quoted back before it becomes values).
 */
import { appendPath } from './source.js';
import { isMap, type Value, type ValueMap } from './types.js';

export const REDACTED = '<redacted>';

/** Key or env var names whose values are secrets. */
const SECRET_NAME =
  /passw(or)?d|passphrase|(^|[^a-z])pass($|[^a-z])|pwd|secret|token|api[-_.]?key|access[-_.]?key|private[-_.]?key|credential|auth|bearer|session|cookie|signature|salt|(^|[^a-z])dsn($|[^a-z])|conn(ection)?[-_.]?str(ing)?/i;

// Shapes of credentials, found anywhere in a text.
const SECRET_SHAPES = [
  /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(-----END [A-Z0-9 ]+-----|$)/g, // PEM keys and certificates
  /\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*/g, // JWT
  /\b(?:sk|pk|rk)-[A-Za-z0-9_-]{16,}/g, // OpenAI, Anthropic, Stripe…
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g, // GitHub
  /\bglpat-[A-Za-z0-9_-]{20,}/g, // GitLab
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, // Slack
  /\bAKIA[0-9A-Z]{16}\b/g, // AWS access key id
  /\bAIza[0-9A-Za-z_-]{35}\b/g, // Google API key
  /\b[Bb]earer\s+[A-Za-z0-9._~+/-]{12,}=*/g,
];

// No `-`, `/` or `.`: hyphenated names, paths and file names are not tokens.
const TOKEN_RUN = /[A-Za-z0-9+_=]{24,}/g;

/** A long run of mixed letters and digits with the entropy of a random token. */
function isRandomToken(s: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(s)).length;
  if (classes < 2 || !/[0-9]/.test(s) && classes < 3) return false;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let entropy = 0;
  for (const n of counts.values()) entropy -= (n / s.length) * Math.log2(n / s.length);
  return entropy >= 3.5;
}

/** Does this text look like a credential on its own? */
export function looksLikeSecret(text: string): boolean {
  for (const re of SECRET_SHAPES) {
    re.lastIndex = 0;
    if (re.test(text)) return true;
  }
  for (const run of text.match(TOKEN_RUN) ?? []) if (isRandomToken(run)) return true;
  return false;
}

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

// A value right after a secret-sounding key, in flag or JSON syntax: `a.api-key=v`,
// `"password": "v"`, `"name":"API_TOKEN","value":"v"`. (Not `key: v`: messages read `path: what`.)
const FLAG_VALUE = /([A-Za-z0-9_.-]+)=((?:\\.|[^,\s\\])+)/g;
const JSON_VALUE = /"((?:[^"\\]|\\.)*)"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g;
const ENV_PAIR = /("name"\s*:\s*"([^"]*)"\s*,\s*"value"\s*:\s*)"(?:[^"\\]|\\.)*"/g;

/** Replaces what looks like a credential in free text. */
export function scrubText(text: string): string {
  let out = text;
  for (const re of SECRET_SHAPES) out = out.replace(re, REDACTED);
  out = out.replace(TOKEN_RUN, (run) => (isRandomToken(run) ? REDACTED : run));
  out = out.replace(ENV_PAIR, (all, head: string, name: string) => (isSecretName(name) ? `${head}"${REDACTED}"` : all));
  out = out.replace(JSON_VALUE, (all, key: string, sep: string) => (isSecretName(key) ? `"${key}"${sep}"${REDACTED}"` : all));
  out = out.replace(FLAG_VALUE, (all, key: string) => (isSecretName(key.slice(key.lastIndexOf('.') + 1)) ? `${key}=${REDACTED}` : all));
  return out;
}

/** The ways a value shows up in a message: as is, JSON-quoted, `--set`-escaped. */
function spellings(text: string): string[] {
  const json = JSON.stringify(text).slice(1, -1);
  const setEscaped = text.replace(/[\\,]/g, (c) => `\\${c}`);
  return [...new Set([text, json, setEscaped])].sort((a, b) => b.length - a.length);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The secrets of one run, collected from its values. `redact` replaces them (and anything shaped
 * like a credential) in a text about to be printed.
 */
/** How many noted values a ledger keeps before it looks through them anyway. */
const MAX_PENDING = 16;

export class SecretLedger {
  /** secret text → where it is */
  private readonly secrets = new Map<string, string>();
  private pattern: RegExp | undefined;
  /**
   * Values noted but not looked through yet. Looking for secrets tests every value against
   * several patterns, which cost a good part of a render, while the secrets are only needed when
   * something is about to be printed: so values are only kept here (nobody changes values once
   * they are read) and looked through, in the order they were noted, on the first redact or size.
   */
  private pending: [Value, string][] = [];

  /** Notes every secret-looking value of `values` (paths relative to `base`). */
  note(values: Value, base = ''): void {
    this.pending.push([values, base]);
    // A long run (render --each) would otherwise keep every environment's values alive to its end.
    if (this.pending.length >= MAX_PENDING) this.settle();
  }

  /** Looks through the values noted since the last time. */
  private settle(): void {
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    for (const [values, base] of pending) this.scan(values, base);
  }

  private scan(values: Value, base: string): void {
    const stack: [Value, string, string][] = [[values, base, '']];
    while (stack.length > 0) {
      const [value, path, key] = stack.pop()!;
      if (Array.isArray(value)) {
        value.forEach((item, i) => stack.push([item, appendPath(path, i), key]));
      } else if (isMap(value)) {
        this.noteEnvVar(value, path);
        for (const k of Object.keys(value)) stack.push([value[k]!, appendPath(path, k), k]);
      } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') {
        const text = String(value);
        const secret = typeof value === 'string' ? isSecretName(key) || looksLikeSecret(text) : isSecretName(key);
        if (secret) this.add(text, path);
      }
    }
  }

  /** `{name: API_KEY, value: …}`: the value is a secret when the name says so. */
  private noteEnvVar(entry: ValueMap, path: string): void {
    const name = entry['name'];
    const value = entry['value'];
    if (typeof name !== 'string' || value === undefined || value === null || typeof value === 'boolean' || typeof value === 'object') return;
    if (isSecretName(name)) this.add(String(value), appendPath(path, 'value'));
  }

  private add(text: string, path: string): void {
    // Shorter strings would garble messages (line numbers, common words) more than they hide; and
    // `true`, `false`, `null` (a `secretName: "true"`) hide nothing and would break a JSON report.
    if (text.length < 4 || this.secrets.has(text) || /^(?:true|false|null)$/i.test(text)) return;
    this.secrets.set(text, path);
    this.pattern = undefined;
  }

  get size(): number {
    this.settle();
    return this.secrets.size;
  }

  redact(text: string): string {
    this.settle();
    let out = text;
    if (this.secrets.size > 0) {
      // Whole words only: a secret such as "value" must not eat into "values".
      this.pattern ??= new RegExp(
        [...this.secrets.keys()].flatMap(spellings).map((s) => `${/^\w/.test(s) ? '(?<!\\w)' : ''}${escapeRegExp(s)}${/\w$/.test(s) ? '(?!\\w)' : ''}`).join('|'),
        'g',
      );
      out = out.replace(this.pattern, REDACTED);
    }
    return scrubText(out);
  }
}

// The ledgers of the runs in progress (the CLI opens one per command; see withSecretLedger).
const active = new Set<SecretLedger>();

/** Records the secrets of the user's values in every ledger in use. */
export function noteSecrets(values: ValueMap): void {
  for (const ledger of active) ledger.note(values);
}

/** `text` with the secrets of every ledger in use replaced: for reports printed on stdout. */
export function redactActive(text: string): string {
  let out = text;
  for (const ledger of active) out = ledger.redact(out);
  return out;
}

/** Runs `body` with `ledger` collecting the secrets of the values it reads. */
export async function withSecretLedger<T>(ledger: SecretLedger, body: () => Promise<T>): Promise<T> {
  active.add(ledger);
  try {
    return await body();
  } finally {
    active.delete(ledger);
  }
}

/** A redacted copy of `text` with the secrets of `values` (for errors thrown by the library). */
export function redactWith(values: ValueMap, text: string): string {
  const ledger = new SecretLedger();
  ledger.note(values);
  return ledger.redact(text);
}

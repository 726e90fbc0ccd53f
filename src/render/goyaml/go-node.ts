/**
 * A value as go-yaml v2 holds it after helm's JSON round trip, ready to be emitted.
 * Keys are always strings there, because JSON object keys are quoted strings.
 */
export type GoNode =
  | { kind: 'string'; value: string }
  /** null, booleans and numbers: already in their final text, always written plain. */
  | { kind: 'token'; text: string }
  | { kind: 'seq'; items: GoNode[] }
  | { kind: 'map'; entries: Map<string, GoNode> };

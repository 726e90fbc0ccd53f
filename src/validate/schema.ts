/**
 * Validates merged values against the chart's JSON Schema (draft-07, the dialect both helm 3 and
 * helm 4 read the same way), before anything renders, as helm does.
 */
import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { AiGatewayCoreError } from '../errors.js';
import type { ValueMap } from '../values/types.js';
import { schemaPath } from '../paths.js';
import { validate as generatedValidate } from '../generated/values-validator.js';

export interface SchemaProblem {
  /** values path such as `gateway.listeners[0].port` */
  path: string;
  message: string;
}

export class SchemaValidationError extends AiGatewayCoreError {
  readonly problems: SchemaProblem[];
  constructor(problems: SchemaProblem[], describe: (p: SchemaProblem) => string) {
    super(`values don't meet the chart's schema:\n${problems.map((p) => `- ${describe(p)}`).join('\n')}`);
    this.problems = problems;
  }
}


export function loadSchema(): object {
  return JSON.parse(readFileSync(schemaPath(), 'utf8')) as object;
}

interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * ajv's code for the schema, generated at build time by scripts/build-validator.mjs (which holds
 * the ajv options): compiling it here cost ~80 ms of every cold start.
 */
function compiled(): CompiledValidator {
  return generatedValidate as unknown as CompiledValidator;
}

/** `/gateway/listeners/0/port` → `gateway.listeners[0].port` */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function describeError(e: ErrorObject): SchemaProblem {
  const base = pointerToPath(e.instancePath);
  const join = (key: string) => pointerToPath(`${e.instancePath}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return { path: join(String(params.additionalProperty)), message: 'is not a known key here' };
    case 'required':
      return { path: join(String(params.missingProperty)), message: 'is required' };
    case 'enum':
      return { path: base, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'type':
      return { path: base, message: `must be of type ${String(params.type)}` };
    case 'pattern':
      return { path: base, message: `must match the pattern ${String(params.pattern)}` };
    default:
      return { path: base, message: e.message ?? e.keyword };
  }
}

/** Problems in schema order; an empty list means the values are valid. */
export function checkValues(values: ValueMap): SchemaProblem[] {
  const validate = compiled();
  if (validate(values)) return [];
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const e of validate.errors ?? []) {
    // anyOf branches each report; the anyOf line itself is the useful one.
    if (e.schemaPath.includes('/anyOf/')) continue;
    const p = describeError(e);
    const key = `${p.path}\0${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(p);
    }
  }
  return problems;
}

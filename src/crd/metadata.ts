// ObjectMeta checks the API server applies to every custom resource (decoding of metadata with
// unknown-field detection, then validation.ValidateObjectMetaAccessor with NameIsDNSSubdomain).
import * as fe from './field-error.js';
import type { FieldError } from './field-error.js';
import { isPlainObject, jsonTypeOf } from './schema.js';

type FieldKind = 'string' | 'integer' | 'stringMap' | 'array' | 'stringArray' | 'timestamp';

const OBJECT_META: Record<string, FieldKind> = {
  name: 'string',
  generateName: 'string',
  namespace: 'string',
  selfLink: 'string',
  uid: 'string',
  resourceVersion: 'string',
  generation: 'integer',
  creationTimestamp: 'timestamp',
  deletionTimestamp: 'timestamp',
  deletionGracePeriodSeconds: 'integer',
  labels: 'stringMap',
  annotations: 'stringMap',
  ownerReferences: 'array',
  finalizers: 'stringArray',
  managedFields: 'array',
};

export interface MetadataResult {
  unknownFields: string[];
  errors: FieldError[];
  warnings: { path: string; message: string }[];
  name: string;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const MSG_SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const MSG_LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const MSG_QUALIFIED_PART =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const MSG_LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** validation.IsDNS1123Subdomain */
export function dns1123SubdomainErrors(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(v)) errs.push(MSG_SUBDOMAIN);
  return errs;
}

/** validation.IsDNS1123Label */
export function dns1123LabelErrors(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!DNS1123_LABEL.test(v)) errs.push(MSG_LABEL);
  return errs;
}

/** validation.IsQualifiedName */
export function qualifiedNameErrors(v: string): string[] {
  const parts = v.split('/');
  let name = v;
  const errs: string[] = [];
  if (parts.length === 2) {
    const [prefix = '', rest = ''] = parts;
    name = rest;
    if (prefix === '') errs.push('prefix part must be non-empty');
    else errs.push(...dns1123SubdomainErrors(prefix).map((e) => `prefix part ${e}`));
  } else if (parts.length > 2) {
    return [`a qualified name ${MSG_QUALIFIED_PART} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name === '') errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name !== '' && !QUALIFIED_NAME.test(name)) errs.push(`name part ${MSG_QUALIFIED_PART}`);
  return errs;
}

function labelValueErrors(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(v)) errs.push(MSG_LABEL_VALUE);
  return errs;
}

function typeError(path: string, v: unknown, want: string): FieldError {
  const actual = jsonTypeOf(v);
  return fe.typeInvalid(path, actual, `${path} in body must be of type ${want}: "${actual}"`);
}

function checkKind(path: string, v: unknown, kind: FieldKind, errors: FieldError[]): void {
  if (v === null) return; // decodes to the zero value
  switch (kind) {
    case 'string':
      if (typeof v !== 'string') errors.push(typeError(path, v, 'string'));
      return;
    case 'timestamp':
      if (typeof v !== 'string') errors.push(typeError(path, v, 'string'));
      return;
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) errors.push(typeError(path, v, 'integer'));
      return;
    case 'array':
      if (!Array.isArray(v)) errors.push(typeError(path, v, 'array'));
      return;
    case 'stringArray':
      if (!Array.isArray(v)) errors.push(typeError(path, v, 'array'));
      else v.forEach((x, i) => x !== null && typeof x !== 'string' && errors.push(typeError(`${path}[${i}]`, x, 'string')));
      return;
    case 'stringMap':
      if (!isPlainObject(v)) errors.push(typeError(path, v, 'object'));
      else for (const [k, x] of Object.entries(v)) if (x !== null && typeof x !== 'string') errors.push(typeError(`${path}.${k}`, x, 'string'));
  }
}

const TOTAL_ANNOTATION_SIZE = 256 * 1024;

export function checkMetadata(meta: unknown, namespaced: boolean): MetadataResult {
  const res: MetadataResult = { unknownFields: [], errors: [], warnings: [], name: '' };
  if (meta === undefined || meta === null) {
    res.errors.push(fe.required('metadata.name', 'name or generateName is required'));
    return res;
  }
  if (!isPlainObject(meta)) {
    res.errors.push(typeError('metadata', meta, 'object'));
    return res;
  }
  for (const [k, v] of Object.entries(meta)) {
    const kind = OBJECT_META[k];
    if (kind === undefined) res.unknownFields.push(`metadata.${k}`);
    else checkKind(`metadata.${k}`, v, kind, res.errors);
  }
  const str = (k: string) => (typeof meta[k] === 'string' ? (meta[k] as string) : '');
  const name = str('name');
  const generateName = str('generateName');
  res.name = name || generateName;
  if (name === '' && generateName === '') res.errors.push(fe.required('metadata.name', 'name or generateName is required'));
  if (name !== '') for (const e of dns1123SubdomainErrors(name)) res.errors.push(fe.invalid('metadata.name', name, e));
  if (generateName !== '') {
    // The server appends a random suffix, so only the prefix's characters are checked.
    const prefix = generateName.replace(/[-.]+$/, '') || 'a';
    for (const e of dns1123SubdomainErrors(prefix)) res.errors.push(fe.invalid('metadata.generateName', generateName, e));
  }
  const namespace = str('namespace');
  if (namespaced && namespace !== '') for (const e of dns1123LabelErrors(namespace)) res.errors.push(fe.invalid('metadata.namespace', namespace, e));
  if (!namespaced && namespace !== '') {
    res.warnings.push({ path: 'metadata.namespace', message: `namespace ${JSON.stringify(namespace)} is ignored: the resource is cluster-scoped` });
  }
  const labels = meta['labels'];
  if (isPlainObject(labels)) {
    for (const [k, v] of Object.entries(labels)) {
      for (const e of qualifiedNameErrors(k)) res.errors.push(fe.invalid('metadata.labels', k, e));
      if (typeof v === 'string') for (const e of labelValueErrors(v)) res.errors.push(fe.invalid('metadata.labels', v, e));
    }
  }
  const annotations = meta['annotations'];
  if (isPlainObject(annotations)) {
    let size = 0;
    for (const [k, v] of Object.entries(annotations)) {
      for (const e of qualifiedNameErrors(k.toLowerCase())) res.errors.push(fe.invalid('metadata.annotations', k, e));
      size += Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.byteLength(v) : 0);
    }
    if (size > TOTAL_ANNOTATION_SIZE) res.errors.push(fe.tooLong('metadata.annotations', TOTAL_ANNOTATION_SIZE));
  }
  return res;
}

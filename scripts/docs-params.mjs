// Reads the `## @section` and `## @param` comments of chart/values.yaml (the Bitnami
// readme-generator style) together with the default values, and reports every key that is not
// documented, every @param that names no key, and every empty description.
import { parse } from 'yaml';

const SECTION = /^\s*## @section (.+)$/;
const PARAM = /^\s*## @param (\S+)(?: (.*))?$/;
const DOC = /^\s*## (?!@)(.*)$/;
const KEY = /^([A-Za-z0-9_]+):/;

/**
 * @typedef {{ path: string, description: string, value: unknown }} Param
 * @typedef {{ title: string, description: string, key: string | undefined, params: Param[] }} Section
 * @returns {{ sections: Section[], params: Param[], problems: string[] }}
 */
export function readParams(valuesText, file = 'chart/values.yaml') {
  const values = parse(valuesText, { version: '1.1' }) ?? {};
  const problems = [];
  const sections = [];
  const params = [];
  let section;
  let collecting = false;
  valuesText.split('\n').forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    let m;
    if ((m = SECTION.exec(line))) {
      section = { title: m[1].trim(), description: '', key: undefined, params: [] };
      sections.push(section);
      collecting = true;
    } else if ((m = PARAM.exec(line))) {
      collecting = false;
      const description = (m[2] ?? '').trim();
      if (!description) problems.push(`${at}: @param ${m[1]} has no description`);
      if (params.some((p) => p.path === m[1])) problems.push(`${at}: @param ${m[1]} is documented twice`);
      const found = lookup(values, m[1]);
      if (!found.exists) problems.push(`${at}: @param ${m[1]} names no key of values.yaml`);
      const param = { path: m[1], description, value: found.value };
      params.push(param);
      if (!section) problems.push(`${at}: @param ${m[1]} comes before any @section`);
      else section.params.push(param);
    } else if (collecting && (m = DOC.exec(line))) {
      section.description = `${section.description} ${m[1].trim()}`.trim();
    } else if ((m = KEY.exec(line))) {
      collecting = false;
      if (section && section.key === undefined) section.key = m[1];
    }
  });
  const documented = new Set(params.map((p) => p.path));
  for (const path of leafPaths(values, documented)) {
    if (![...ancestors(path)].some((p) => documented.has(p))) problems.push(`${file}: key ${path} has no @param description`);
  }
  for (const s of sections) {
    if (!s.description) problems.push(`${file}: @section ${s.title} has no description line`);
    if (s.key === undefined) problems.push(`${file}: @section ${s.title} is followed by no key`);
  }
  return { sections, params, problems };
}

function lookup(values, path) {
  let node = values;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !(part in node)) return { exists: false, value: undefined };
    node = node[part];
  }
  return { exists: true, value: node };
}

/** A key is a leaf when it holds a scalar, a list or an empty map, or is documented as a whole. */
function* leafPaths(node, documented, prefix = '') {
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const isMap = value !== null && typeof value === 'object' && !Array.isArray(value);
    if (!isMap || Object.keys(value).length === 0 || documented.has(path)) yield path;
    else yield* leafPaths(value, documented, path);
  }
}

function* ancestors(path) {
  const parts = path.split('.');
  for (let i = parts.length; i > 0; i--) yield parts.slice(0, i).join('.');
}

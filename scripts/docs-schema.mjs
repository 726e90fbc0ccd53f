// Writes the @param and @section descriptions into values.schema.json, so editors show them.
// Only `description` fields at values paths are touched: the structure of the schema is someone
// else's to change, and its layout (JSON.stringify, two spaces, final newline) is kept.

/** @returns {{ text: string, problems: string[] }} */
export function describeSchema(schemaText, sections, params) {
  const schema = JSON.parse(schemaText);
  const problems = [];
  const set = (path, description) => {
    const node = nodeAt(schema, path);
    if (!node) problems.push(`schema/values.schema.json: no property for ${path}`);
    else node.description = description;
  };
  for (const s of sections) if (s.key) set(s.key, s.description);
  for (const p of params) set(p.path, p.description);
  return { text: `${JSON.stringify(schema, null, 2)}\n`, problems };
}

/** The schema node of a values path, following `properties` from the root. */
export function nodeAt(schema, path) {
  let node = schema;
  for (const part of path.split('.')) {
    node = node?.properties?.[part];
    if (!node) return undefined;
  }
  return node;
}

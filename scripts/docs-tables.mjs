// The parameter tables (Name | Description | Value), one per @section, as readme-generator
// prints them, and their placement between two markers in a Markdown file.
/** The opening marker names the values file the tables come from. */
export const beginMarker = (valuesFile) => `<!-- parameters:begin (generated from ${valuesFile} by \`npm run docs\`; edit the @param comments there) -->`;
export const BEGIN = beginMarker('chart/values.yaml');
export const END = '<!-- parameters:end -->';

const cell = (s) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function formatValue(value) {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? (value === '' ? '""' : value) : JSON.stringify(value);
  // A backtick inside the value needs a longer fence.
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${cell(text)}${fence}`;
}

/** `level` is the heading level of each section (`###` under a `## Parameters` heading). */
export function parameterTables(sections, level = 3) {
  const hashes = '#'.repeat(level);
  return sections
    .map((s) =>
      [
        `${hashes} ${s.title}`,
        '',
        s.description,
        '',
        '| Name | Description | Value |',
        '| --- | --- | --- |',
        ...s.params.map((p) => `| \`${p.path}\` | ${cell(p.description)} | ${formatValue(p.value)} |`),
      ].join('\n'),
    )
    .join('\n\n');
}

/** Replaces what lies between the markers; fails when they are missing, so nothing is lost. */
export function spliceTables(markdown, tables, file, marker = BEGIN) {
  const begin = markdown.indexOf(marker);
  const end = markdown.indexOf(END);
  if (begin === -1 || end === -1 || end < begin) throw new Error(`${file}: the markers ${marker} and ${END} are missing`);
  return `${markdown.slice(0, begin + marker.length)}\n\n${tables}\n\n${markdown.slice(end)}`;
}

// The charts this package renders, found as data: every src/charts/<id>/chart.json names the helm
// chart folder, the schema and the chart's own twin helpers. The build scripts read this list; a new
// chart is a new folder here and in the package, never a change to a script or to the pipeline.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @typedef {{ id: string, dir: string, schema: string, helpers: string[], description: string,
 *   twins: string, generated: string }} ChartEntry
 */

/** @returns {ChartEntry[]} every chart, core first, then by id */
export function listCharts(base = root) {
  const dir = join(base, 'src', 'charts');
  const ids = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'chart.json')))
    .map((d) => d.name)
    .sort((a, b) => (a === 'core' ? -1 : b === 'core' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return ids.map((id) => {
    const entry = JSON.parse(readFileSync(join(dir, id, 'chart.json'), 'utf8'));
    if (entry.id !== id) throw new Error(`src/charts/${id}/chart.json: "id" must be "${id}"`);
    for (const key of ['dir', 'schema', 'description']) {
      if (typeof entry[key] !== 'string' || entry[key] === '') throw new Error(`src/charts/${id}/chart.json: "${key}" must be a non-empty string`);
    }
    return { helpers: [], ...entry, twins: join(dir, id, 'templates'), generated: join(base, 'src', 'generated', id) };
  });
}

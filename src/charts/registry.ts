/**
 * Which chart a call means. The list is generated from src/charts/<id>/chart.json
 * (src/generated/charts.ts); library callers may also pass a ChartDefinition of their own.
 */
import { UsageError } from '../errors.js';
import { CHART_IDS, CHART_LOADERS, type ChartId } from '../generated/charts.js';
import type { ChartDefinition } from './chart.js';
import { nearest } from '../validate/suggest.js';

export { CHART_IDS, CHART_DESCRIPTIONS, type ChartId } from '../generated/charts.js';

export const DEFAULT_CHART: ChartId = 'core';

export type ChartSelector = ChartId | ChartDefinition;

export function isChartId(name: string): name is ChartId {
  return (CHART_IDS as readonly string[]).includes(name);
}

export function resolveChart(chart: ChartSelector | undefined): ChartDefinition {
  if (chart === undefined) return CHART_LOADERS[DEFAULT_CHART]();
  if (typeof chart !== 'string') return chart;
  if (!isChartId(chart)) {
    const guess = nearest(chart, CHART_IDS as readonly string[]);
    throw new UsageError(`unknown chart "${chart}": expected one of ${CHART_IDS.join(', ')}${guess ? ` (did you mean "${guess}"?)` : ''}`);
  }
  return CHART_LOADERS[chart]();
}

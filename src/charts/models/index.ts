/** The models chart (charts/models/): per model an AIGatewayRoute and its BackendTrafficPolicy, per used backend its four objects. */
import type { ChartDefinition, GeneratedValidator, PrebuiltDefaults } from '../chart.js';
import { chartEntry, chartMeta, templateSpecs, partialSpecs } from '../../generated/models/assets.js';
import { validate as validateFast } from '../../generated/models/values-validator-fast.js';
import * as fullValidator from '../../generated/models/values-validator.js';
import * as prebuiltDefaults from '../../generated/models/chart-defaults.js';
import { helpers } from './helpers.js';
import { modelChecks, TEMPLATE_FAILURES } from './checks.js';

export type { AiGatewayModelsValues } from './values.js';

export const chart: ChartDefinition = {
  id: chartEntry.id,
  dir: chartEntry.dir,
  schemaFile: chartEntry.schema,
  meta: chartMeta,
  templateSpecs,
  partialSpecs,
  helpers,
  validate: () => fullValidator.validate as unknown as GeneratedValidator,
  validateFast: validateFast as unknown as GeneratedValidator,
  prebuiltDefaults: prebuiltDefaults as unknown as PrebuiltDefaults,
  // A call, not the function itself: checks.ts loads when validate first needs it (scripts/bundle.mjs).
  checks: (values, locator, schemaPaths) => modelChecks(values, locator, schemaPaths),
  get templateFailures() {
    return TEMPLATE_FAILURES;
  },
};

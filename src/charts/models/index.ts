/** The models chart (charts/models/): per model an AIGatewayRoute and its BackendTrafficPolicy, per used backend its four objects. */
import { defineChart } from '../chart.js';
import * as assets from '../../generated/models/assets.js';
import * as fastValidator from '../../generated/models/values-validator-fast.js';
import * as fullValidator from '../../generated/models/values-validator.js';
import * as defaults from '../../generated/models/chart-defaults.js';
import { helpers } from './helpers.js';
import { modelChecks, TEMPLATE_FAILURES } from './checks.js';

export type { AiGatewayModelsValues } from './values.js';

export const chart = defineChart(
  { assets, fastValidator, fullValidator, defaults },
  {
    helpers,
    // Calls, not values: checks.ts loads when validate first needs it (scripts/bundle.mjs).
    checks: (values, locator, schemaPaths) => modelChecks(values, locator, schemaPaths),
    get templateFailures() {
      return TEMPLATE_FAILURES;
    },
  },
);

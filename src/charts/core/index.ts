/** The core chart (chart/): GatewayClass, Gateway, EnvoyProxy, ClientTrafficPolicy, GatewayConfig. */
import type { ChartDefinition, GeneratedValidator, PrebuiltDefaults } from '../chart.js';
import { chartEntry, chartMeta, templateSpecs, partialSpecs } from '../../generated/core/assets.js';
import { validate as validateFast } from '../../generated/core/values-validator-fast.js';
import * as fullValidator from '../../generated/core/values-validator.js';
import * as prebuiltDefaults from '../../generated/core/chart-defaults.js';
import { helpers } from './helpers.js';
import { semanticChecks } from './checks.js';

export const chart: ChartDefinition = {
  id: chartEntry.id,
  dir: chartEntry.dir,
  schemaFile: chartEntry.schema,
  meta: chartMeta,
  templateSpecs,
  partialSpecs,
  helpers,
  // The full validator is loaded on first use: only values that fail the fast one need its messages.
  validate: () => fullValidator.validate as unknown as GeneratedValidator,
  validateFast: validateFast as unknown as GeneratedValidator,
  prebuiltDefaults: prebuiltDefaults as unknown as PrebuiltDefaults,
  // A call, not the function itself: checks.ts loads when validate first needs it (scripts/bundle.mjs).
  checks: (values, locator, schemaPaths, namespace) => semanticChecks(values, locator, schemaPaths, namespace),
  // clientTrafficPolicy.yaml fails on the first two, certificate.yaml, issuer.yaml and
  // httproute.yaml on the others, as their `fail` calls say.
  templateFailures: new Set([
    'semantic/policy-http',
    'semantic/connection-timeout-conflict',
    'semantic/certificate-no-listener',
    'semantic/certificate-no-names',
    'semantic/acme-no-http-listener',
    'semantic/redirect-no-http-listener',
  ]),
};

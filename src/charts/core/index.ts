/** The core chart (chart/): GatewayClass, Gateway, EnvoyProxy, ClientTrafficPolicy, GatewayConfig, HTTPS. */
import { defineChart } from '../chart.js';
import * as assets from '../../generated/core/assets.js';
import * as fastValidator from '../../generated/core/values-validator-fast.js';
import * as fullValidator from '../../generated/core/values-validator.js';
import * as defaults from '../../generated/core/chart-defaults.js';
import { helpers } from './helpers.js';
import { semanticChecks } from './checks.js';

export const chart = defineChart(
  { assets, fastValidator, fullValidator, defaults },
  {
    helpers,
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
  },
);

/**
 * The two releases judged as one deployment: every rule of rules/ over the objects both render.
 * Input: each side's merged values, where they came from, and its rendered objects; output: the
 * findings in validate's shape, so its formatters, exit codes and redaction serve `check` as well.
 */
import type { Finding } from '../validate/findings.js';
import { bodyLimit } from './rules/body-limit.js';
import { gatewayChain } from './rules/gateway-chain.js';
import { nameClashes } from './rules/name-clashes.js';
import { plainHttp } from './rules/plain-http.js';
import { rateLimits } from './rules/rate-limits.js';
import { routeAttachment } from './rules/route-attachment.js';
import { timeouts } from './rules/timeouts.js';
import type { System, SystemRule } from './system.js';

/** In the order of issue 11: attachment, the chain, timeouts, body limit, rate limits, names, plain HTTP. */
export const SYSTEM_RULES: readonly SystemRule[] = [routeAttachment, gatewayChain, timeouts, bodyLimit, rateLimits, nameClashes, plainHttp];

export function checkSystem(system: System): Finding[] {
  return SYSTEM_RULES.flatMap((rule) => rule(system));
}

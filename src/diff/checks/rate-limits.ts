/**
 * Global rate-limit rules of a BackendTrafficPolicy: Envoy Gateway keys each counter by the rule's
 * position (`rule-<i>-match-<j>`), so a rule that moves, because another was inserted before it,
 * removed before it, or the list was reordered, starts counting from zero (models-domain.md §3.5).
 */
import type { Finding } from '../../validate/findings.js';
import { deepEqual } from '../../crd/correlation.js';
import { appendPath } from '../../values/source.js';
import { list, names, ns, pairsOfKind, upgradeWarning, type CheckContext } from './context.js';

const RULES = ['spec', 'rateLimit', 'global', 'rules'];

export function checkRateLimits(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const [a, b] of pairsOfKind(ctx, 'BackendTrafficPolicy')) {
    const before = list(a.object, RULES);
    const after = list(b.object, RULES);
    const moved: string[] = [];
    const inserted: number[] = [];
    after.forEach((r, i) => {
      if (i < before.length && deepEqual(before[i], r)) return;
      const from = before.findIndex((o, k) => k !== i && deepEqual(o, r));
      if (from >= 0) moved.push(`${from}→${i}`);
      else if (i < before.length) inserted.push(i);
    });
    const dropped = before.map((r, k) => (after.some((x) => deepEqual(x, r)) ? -1 : k)).filter((k) => k >= 0);
    if (moved.length === 0) continue;
    const why: string[] = [];
    if (dropped.length) why.push(`rule${dropped.length > 1 ? 's' : ''} ${names(dropped.map(String))} removed`);
    if (inserted.length) why.push(`rule${inserted.length > 1 ? 's' : ''} inserted at ${names(inserted.map(String))}`);
    if (why.length === 0) why.push('rules reordered');
    out.push(
      upgradeWarning(
        ctx,
        { old: a, new: b },
        RULES,
        'rate-limit-order',
        `BackendTrafficPolicy ${ns(b)}: ${why.join(', ')}; the rule's position is part of its counter key, so the counters of the rules that move (${moved.join(', ')}) start again at zero`,
        'keep the rate-limit rules append-only: add new rules at the end, and disable a rule rather than remove it',
        [appendPath(appendPath('models', b.name), 'rateLimit'), 'defaults.rateLimit'],
      ),
    );
  }
  return out;
}

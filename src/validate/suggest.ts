/**
 * How to fix a value: did-you-mean for keys and enum values, the fields the seed documented that
 * the CRDs lack, and repairs for the usual formats (names, durations, sizes).
 */

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) => [i, ...new Array<number>(m).fill(0)]);
  for (let j = 1; j <= m; j += 1) d[0]![j] = j;
  for (let i = 1; i <= n; i += 1) {
    for (let j = 1; j <= m; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[n]![m]!;
}

/**
 * The candidate a typo most likely meant: a case-insensitive match first, then the closest by
 * edit distance within a third of the word's length (at least 1, at most 3). Ties: none.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const ci = candidates.filter((c) => c.toLowerCase() === lower);
  if (ci.length === 1) return ci[0];
  const squashed = lower.replace(/[-_.\s]/g, '');
  const sq = candidates.filter((c) => c.toLowerCase().replace(/[-_.\s]/g, '') === squashed);
  if (sq.length === 1) return sq[0];
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestD = Infinity;
  let tie = false;
  for (const c of candidates) {
    const dist = editDistance(lower, c.toLowerCase());
    if (dist < bestD) {
      best = c;
      bestD = dist;
      tie = false;
    } else if (dist === bestD) tie = true;
  }
  return best !== undefined && bestD <= limit && !tie ? best : undefined;
}

/** Keys the seed's README promised (or users commonly write) that the CRDs do not have. */
export interface KnownMistake {
  /** values path of the wrong key; `*` matches one list index */
  path: string;
  message: string;
  suggestion: string;
}

export const KNOWN_MISTAKES: readonly KnownMistake[] = [
  {
    path: 'clientTrafficPolicy.timeout.http.requestTimeout',
    message: 'requestTimeout is not a ClientTrafficPolicy field (it is a BackendTrafficPolicy one)',
    suggestion:
      'use clientTrafficPolicy.timeout.http.requestReceivedTimeout, the nearest field: the time allowed to receive the whole request. The deadline for the model\'s response belongs to the route: set it on the AIGatewayRoute (`timeouts.request`, models chart)',
  },
  {
    path: 'clientTrafficPolicy.timeout.http.responseTimeout',
    message: 'responseTimeout is not a ClientTrafficPolicy field',
    suggestion: "the deadline for the model's response belongs to the route: set it on the AIGatewayRoute (`timeouts.request`, models chart)",
  },
  {
    path: 'clientTrafficPolicy.timeout.http.connectionTimeout',
    message: 'connectionTimeout is not a ClientTrafficPolicy timeout',
    suggestion: 'use clientTrafficPolicy.timeout.http.idleTimeout (the client idle timeout) or clientTrafficPolicy.connection.connectionLimit.maxConnectionDuration (a maximum lifetime)',
  },
  {
    path: 'clientTrafficPolicy.connection.idleTimeout',
    message: 'idleTimeout is not a connection setting',
    suggestion: 'use clientTrafficPolicy.timeout.http.idleTimeout (or timeout.tcp.idleTimeout)',
  },
  {
    path: 'clientTrafficPolicy.targetRef',
    message: 'targetRef (singular) is deprecated in ClientTrafficPolicy and not a chart key',
    suggestion: 'use clientTrafficPolicy.targetRefs, a list: [{group: gateway.networking.k8s.io, kind: Gateway, name: …}]',
  },
  {
    path: 'envoyProxy.provider.kubernetes.envoyDeployment.pod.volumes',
    message: 'the chart takes the pod volumes one level up',
    suggestion: 'use envoyProxy.provider.kubernetes.envoyDeployment.volumes; the chart renders them at spec.provider.kubernetes.envoyDeployment.pod.volumes, where the CRD has them',
  },
  {
    path: 'gatewayConfig.env',
    message: 'env is not a GatewayConfig key',
    suggestion: 'use gatewayConfig.extProc.kubernetes.env (or gatewayConfig.spec.extProc.kubernetes.env)',
  },
  {
    path: 'gateway.infrastructure.parametersRef',
    message: 'the chart writes the parametersRef itself',
    suggestion: 'keep gateway.infrastructure.enabled: true and set envoyProxy.name; the Gateway then points at the chart\'s EnvoyProxy',
  },
  {
    path: 'envoyProxy.provider.kubernetes.envoyDeployment.pod.serviceAccountName',
    message: 'the EnvoyProxy pod has no serviceAccountName',
    suggestion: 'the CRD sets it at spec.provider.kubernetes.envoyServiceAccount.name, which this chart does not render; use Envoy Gateway\'s own settings',
  },
];

export function knownMistake(path: string): KnownMistake | undefined {
  const generic = path.replace(/\[\d+\]/g, '[*]');
  return KNOWN_MISTAKES.find((m) => m.path === path || m.path === generic);
}

/** A DNS-1123 subdomain made from what the user wrote: `AI_Gateway` → `ai-gateway`. */
export function toDnsName(s: string): string | undefined {
  const out = s
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-+/g, '-')
    .split('.')
    .map((part) => part.replace(/^-+|-+$/g, ''))
    .filter((part) => part !== '')
    .join('.')
    .slice(0, 253)
    .replace(/[-.]+$/, '');
  return out === '' || out === s ? undefined : out;
}

const DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

/** A duration the CRD accepts for what the user wrote, with a reason; undefined when unsure. */
export function fixDuration(raw: string | number): string | undefined {
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 0 ? `write it with a unit, e.g. "${raw}s"` : undefined;
  const s = raw.trim();
  if (/^\d+$/.test(s)) return `add a unit: "${s}s" (or ms, m, h)`;
  const squashed = s.replace(/\s+/g, '');
  if (squashed !== s && DURATION.test(squashed)) return `remove the spaces: "${squashed}"`;
  const unit = squashed.toLowerCase().replace(/(\d+)(seconds?|secs?)$/, '$1s').replace(/(\d+)(minutes?|mins?)$/, '$1m').replace(/(\d+)(hours?|hrs?)$/, '$1h');
  if (unit !== squashed && DURATION.test(unit)) return `use Go units: "${unit}"`;
  if (DURATION.test(squashed.toLowerCase())) return `units are lower case: "${squashed.toLowerCase()}"`;
  const frac = /^(\d+)\.(\d+)(h|m|s)$/.exec(squashed);
  if (frac) {
    const factor = { h: 3_600_000, m: 60_000, s: 1000 }[frac[3] as 'h' | 'm' | 's'];
    const ms = Math.round(Number(`${frac[1]}.${frac[2]}`) * factor);
    return `only whole numbers are allowed: "${ms}ms"${ms % 1000 === 0 ? ` or "${ms / 1000}s"` : ''}`;
  }
  if (/^\d+(us|µs|ns)$/.test(squashed)) return 'the smallest unit is ms';
  return undefined;
}

const QUANTITY = /^[1-9]+[0-9]*([EPTGMK]i|[EPTGMk])?$/;

/** A size the CRD accepts for what the user wrote. */
export function fixQuantity(raw: string | number): string | undefined {
  if (typeof raw === 'number') return undefined;
  const s = raw.trim().replace(/\s+/g, '');
  if (s !== raw && QUANTITY.test(s)) return `remove the spaces: "${s}"`;
  const m = /^(\d+(?:\.\d+)?)([a-zA-Z]*)$/.exec(s);
  if (!m) return undefined;
  const [, num, unit] = m as unknown as [string, string, string];
  const U = unit.toUpperCase();
  if (/^0\d/.test(num) && QUANTITY.test(`${Number(num)}${unit}`) && Number(num) > 0) return `no leading zeros: "${Number(num)}${unit}"`;
  if (/^[KMGTPE]IB?$/.test(U) && unit !== `${U[0]}i`) {
    const fixed = `${U[0]}i`;
    if (num.includes('.')) return wholeNumber(num, fixed);
    return `binary units are written ${fixed}: "${num}${fixed}"`;
  }
  if (/^[KMGTPE]B$/.test(U)) {
    const bin = `${U[0]}i`;
    const dec = U[0] === 'K' ? 'k' : U[0]!;
    if (num.includes('.')) return wholeNumber(num, bin);
    return `"${unit}" is not a Kubernetes unit: use "${num}${bin}" (${bin === 'Mi' ? 'mebibytes, ' : ''}powers of 1024) or "${num}${dec}" (powers of 1000)`;
  }
  if (num.includes('.') && (unit === '' || /^([EPTGMK]i|[EPTGMk])$/.test(unit))) return wholeNumber(num, unit);
  return undefined;
}

function wholeNumber(num: string, unit: string): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
  const i = units.indexOf(unit);
  if (i > 0) {
    const smaller = Math.round(Number(num) * 1024);
    return `only whole numbers are allowed: "${smaller}${units[i - 1]}"`;
  }
  return 'only whole numbers are allowed';
}

/** What a scalar looks like as YAML, for "quote it" suggestions. */
export function quoteIt(raw: string): string {
  return `"${raw.replace(/^["']|["']$/g, '')}"`;
}

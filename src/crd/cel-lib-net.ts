// Kubernetes CEL ip/cidr/url libraries (k8s.io/apiserver/pkg/cel/library/{ip,cidr,urls}.go).
import { celFunc, celMethod, CelScalar, mapType, type CelFunc, type CelInput, type CelMap, type CelValue } from '@bufbuild/cel';
import { expectOpaque, field, opaque } from './cel-opaque.js';

const { STRING, BOOL, INT, DYN } = CelScalar;

export interface IpAddr {
  family: 4 | 6;
  /** 32- or 128-bit address. */
  value: bigint;
}

/** Go netip.ParseAddr, minus what k8s rejects: zones and IPv4-mapped IPv6. */
export function parseIp(s: string): IpAddr | undefined {
  if (s.includes('%')) return undefined;
  const v4 = parseIpv4(s);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = parseIpv6(s);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return undefined; // IPv4-mapped
  return { family: 6, value: v6 };
}

export function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return undefined;
    v = (v << 8n) | BigInt(p);
  }
  return v;
}

export function parseIpv6(s: string): bigint | undefined {
  if (!s.includes(':')) return undefined;
  let text = s;
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    // Rewrite an embedded dotted IPv4 tail as its two hex groups.
    const v4 = parseIpv4(last);
    if (v4 === undefined) return undefined;
    text = `${s.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (h: string): bigint[] | undefined => {
    if (h === '') return [];
    const out: bigint[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(BigInt(`0x${g}`));
    }
    return out;
  };
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const groups = head.length + rest.length;
  if (halves.length === 1 ? groups !== 8 : groups > 7) return undefined;
  const all = [...head, ...Array<bigint>(8 - groups).fill(0n), ...rest];
  return all.reduce((acc, g) => (acc << 16n) | g, 0n);
}

export function formatIp(ip: IpAddr): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((sh) => String((ip.value >> sh) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt(112 - 16 * i)) & 0xffffn));
  // RFC 5952: compress the longest run (>= 2) of zero groups, leftmost on ties.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

export interface Cidr {
  ip: IpAddr;
  prefix: number;
}

export function parseCidr(s: string): Cidr | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(s.slice(0, slash));
  const p = s.slice(slash + 1);
  if (!ip || !/^(0|[1-9][0-9]*)$/.test(p)) return undefined;
  const prefix = Number(p);
  if (prefix > (ip.family === 4 ? 32 : 128)) return undefined;
  return { ip, prefix };
}

function bits(ip: IpAddr): bigint {
  return ip.family === 4 ? 32n : 128n;
}

function mask(c: Cidr): bigint {
  const b = bits(c.ip);
  return ((1n << b) - 1n) ^ ((1n << (b - BigInt(c.prefix))) - 1n);
}

function cidrContains(c: Cidr, ip: IpAddr): boolean {
  return c.ip.family === ip.family && (c.ip.value & mask(c)) === (ip.value & mask(c));
}

const ipValue = (ip: IpAddr): CelMap => opaque('net.IP', { family: BigInt(ip.family), value: ip.value });
const cidrValue = (c: Cidr): CelMap => opaque('net.CIDR', { family: BigInt(c.ip.family), value: c.ip.value, prefix: BigInt(c.prefix) });

function toIp(v: CelValue, fn: string): IpAddr {
  if (typeof v === 'string') {
    const ip = parseIp(v);
    if (!ip) throw new Error(`IP Address ${JSON.stringify(v)} parse error during conversion from string`);
    return ip;
  }
  const m = expectOpaque(v, 'net.IP', fn);
  return { family: Number(field<bigint>(m, 'family')) as 4 | 6, value: field<bigint>(m, 'value') };
}

function toCidr(v: CelValue, fn: string): Cidr {
  if (typeof v === 'string') {
    const c = parseCidr(v);
    if (!c) throw new Error(`network address parse error during conversion from string: ${JSON.stringify(v)}`);
    return c;
  }
  const m = expectOpaque(v, 'net.CIDR', fn);
  return { ip: { family: Number(field<bigint>(m, 'family')) as 4 | 6, value: field<bigint>(m, 'value') }, prefix: Number(field<bigint>(m, 'prefix')) };
}

function ipClass(ip: IpAddr): { unspecified: boolean; loopback: boolean; llMulticast: boolean; llUnicast: boolean; multicast: boolean } {
  const v = ip.value;
  if (ip.family === 4) {
    return {
      unspecified: v === 0n,
      loopback: v >> 24n === 127n,
      llMulticast: v >> 8n === 0xe00000n,
      llUnicast: v >> 16n === 0xa9fen,
      multicast: v >> 28n === 0xen,
    };
  }
  return {
    unspecified: v === 0n,
    loopback: v === 1n,
    llMulticast: (v >> 112n) === 0xff02n,
    llUnicast: (v >> 118n) === 0x3fan,
    multicast: (v >> 120n) === 0xffn,
  };
}

interface ParsedUrl {
  scheme: string;
  host: string;
  hostname: string;
  port: string;
  path: string;
  query: string;
}

/** Go's url.ParseRequestURI: an absolute URI or an absolute path, no fragment. */
export function parseUrl(s: string): ParsedUrl | undefined {
  if (s === '' || /[\s\x00-\x1f\x7f]/.test(s)) return undefined;
  if (s.startsWith('/')) {
    const [path, query = ''] = splitOnce(s, '?');
    return { scheme: '', host: '', hostname: '', port: '', path, query };
  }
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/.exec(s);
  if (!m) return undefined;
  const scheme = m[1]!;
  let rest = m[2]!;
  let host = '';
  if (rest.startsWith('//')) {
    rest = rest.slice(2);
    const end = rest.search(/[/?]/);
    const authority = end < 0 ? rest : rest.slice(0, end);
    rest = end < 0 ? '' : rest.slice(end);
    host = authority.slice(authority.lastIndexOf('@') + 1);
  } else if (!rest.startsWith('/')) {
    return undefined; // opaque URIs (mailto:x) are not request URIs
  }
  const [path, query = ''] = splitOnce(rest, '?');
  let hostname = host;
  let port = '';
  const v6 = /^\[([^\]]*)\](?::(\d*))?$/.exec(host);
  if (v6) [hostname, port] = [v6[1]!, v6[2] ?? ''];
  else if (host.includes(':')) {
    const i = host.lastIndexOf(':');
    [hostname, port] = [host.slice(0, i), host.slice(i + 1)];
    if (!/^\d*$/.test(port)) return undefined;
  }
  return { scheme, host, hostname, port, path, query };
}

function splitOnce(s: string, sep: string): [string, string?] {
  const i = s.indexOf(sep);
  return i < 0 ? [s] : [s.slice(0, i), s.slice(i + 1)];
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

const urlValue = (u: ParsedUrl): CelMap => opaque('kubernetes.URL', { ...u });

function urlOf(v: CelValue, fn: string): ParsedUrl {
  const m = expectOpaque(v, 'kubernetes.URL', fn);
  const get = (k: string) => field<string>(m, k);
  return { scheme: get('scheme'), host: get('host'), hostname: get('hostname'), port: get('port'), path: get('path'), query: get('query') };
}

export const netFuncs: CelFunc[] = [
  // ip
  celFunc('ip', [STRING], DYN, (s) => ipValue(toIp(s, 'ip'))),
  celFunc('isIP', [STRING], BOOL, (s) => parseIp(s) !== undefined),
  celFunc('ip.isCanonical', [STRING], BOOL, (s) => {
    const ip = toIp(s, 'ip.isCanonical');
    return formatIp(ip) === s;
  }),
  celMethod('family', DYN, [], INT, function () {
    return BigInt(toIp(this, 'family').family);
  }),
  celMethod('isUnspecified', DYN, [], BOOL, function () {
    return ipClass(toIp(this, 'isUnspecified')).unspecified;
  }),
  celMethod('isLoopback', DYN, [], BOOL, function () {
    return ipClass(toIp(this, 'isLoopback')).loopback;
  }),
  celMethod('isLinkLocalMulticast', DYN, [], BOOL, function () {
    return ipClass(toIp(this, 'isLinkLocalMulticast')).llMulticast;
  }),
  celMethod('isLinkLocalUnicast', DYN, [], BOOL, function () {
    return ipClass(toIp(this, 'isLinkLocalUnicast')).llUnicast;
  }),
  celMethod('isGlobalUnicast', DYN, [], BOOL, function () {
    const ip = toIp(this, 'isGlobalUnicast');
    const c = ipClass(ip);
    const broadcast = ip.family === 4 && ip.value === 0xffffffffn;
    return !(c.unspecified || c.loopback || c.multicast || c.llUnicast || broadcast);
  }),
  // cidr
  celFunc('cidr', [STRING], DYN, (s) => cidrValue(toCidr(s, 'cidr'))),
  celFunc('isCIDR', [STRING], BOOL, (s) => parseCidr(s) !== undefined),
  celMethod('containsIP', DYN, [DYN], BOOL, function (x) {
    return cidrContains(toCidr(this, 'containsIP'), toIp(x, 'containsIP'));
  }),
  celMethod('containsCIDR', DYN, [DYN], BOOL, function (x) {
    const outer = toCidr(this, 'containsCIDR');
    const inner = toCidr(x, 'containsCIDR');
    return inner.prefix >= outer.prefix && cidrContains(outer, inner.ip);
  }),
  celMethod('prefixLength', DYN, [], INT, function () {
    return BigInt(toCidr(this, 'prefixLength').prefix);
  }),
  celMethod('masked', DYN, [], DYN, function () {
    const c = toCidr(this, 'masked');
    return cidrValue({ ip: { family: c.ip.family, value: c.ip.value & mask(c) }, prefix: c.prefix });
  }),
  // string(ip) / string(cidr); also ip() on a cidr.
  celFunc('string', [mapType(STRING, DYN)], STRING, (v) => {
    const m = v as CelMap;
    const kind = typeof v === 'object' && v !== null ? (m.get?.('@k8s.type') as string | undefined) : undefined;
    if (kind === 'net.IP') return formatIp(toIp(v, 'string'));
    if (kind === 'net.CIDR') {
      const c = toCidr(v, 'string');
      return `${formatIp(c.ip)}/${c.prefix}`;
    }
    throw new Error('no such overload: string');
  }),
  // url
  celFunc('url', [STRING], DYN, (s) => {
    const u = parseUrl(s);
    if (!u) throw new Error(`URL parse error during conversion from string: parse ${JSON.stringify(s)}: invalid URI for request`);
    return urlValue(u);
  }),
  celFunc('isURL', [STRING], BOOL, (s) => parseUrl(s) !== undefined),
  celMethod('getScheme', DYN, [], STRING, function () {
    return urlOf(this, 'getScheme').scheme;
  }),
  celMethod('getHost', DYN, [], STRING, function () {
    return urlOf(this, 'getHost').host;
  }),
  celMethod('getHostname', DYN, [], STRING, function () {
    return urlOf(this, 'getHostname').hostname;
  }),
  celMethod('getPort', DYN, [], STRING, function () {
    return urlOf(this, 'getPort').port;
  }),
  celMethod('getEscapedPath', DYN, [], STRING, function () {
    return urlOf(this, 'getEscapedPath').path;
  }),
  celMethod('getQuery', DYN, [], DYN, function () {
    const out = new Map<string, string[]>();
    const query = urlOf(this, 'getQuery').query;
    for (const part of query === '' ? [] : query.split('&')) {
      const [k, v = ''] = splitOnce(part, '=');
      const key = decode(k);
      out.set(key, [...(out.get(key) ?? []), decode(v)]);
    }
    return out as unknown as CelInput;
  }),
];

// `ip` on a CIDR value is a method, while `ip(string)` is a function: register the method form.
netFuncs.push(
  celMethod('ip', DYN, [], DYN, function () {
    return ipValue(toCidr(this, 'ip').ip);
  }),
);

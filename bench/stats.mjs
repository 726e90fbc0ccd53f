// Small statistics and formatting helpers for the benchmark: medians of samples, ratios per round.

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function summary(xs) {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
}

export const ms = (x) => `${x.toFixed(1)} ms`;
export const ratio = (x) => `${x.toFixed(2)}×`;

/** "median X (min Y, max Z)" with a unit formatter. */
export function describe(s, fmt) {
  return `median ${fmt(s.median)}  (min ${fmt(s.min)}, max ${fmt(s.max)}; n=${s.n})`;
}

/** PASS / MISS against an upper (≤, <) or lower (≥) bound; the benchmark never fails on any. */
export function verdict(value, bound, direction) {
  const ok = direction === '<=' ? value <= bound : direction === '<' ? value < bound : value >= bound;
  return `${ok ? 'PASS' : 'MISS'} (goal ${{ '<=': '≤', '<': '<', '>=': '≥' }[direction]} ${bound})`;
}

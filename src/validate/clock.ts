/**
 * Milliseconds on a monotonic clock, for the time a report says its checks took. The global
 * `performance.now()` would do, but its first use loads Node's perf_hooks and with it ten internal
 * modules: one to two milliseconds of a cold `validate`.
 */
export function monotonicMs(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1e3 + nanoseconds / 1e6;
}

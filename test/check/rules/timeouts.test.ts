// Finding 3: route timeouts against the client side's stream idle timeout, and retry budgets
// against route timeouts.
import { describe, expect, it } from 'vitest';
import { timeouts } from '../../../src/check/rules/timeouts.js';
import { coreSide, modelObjects, modelsSide, system } from '../system-fixtures.js';

const IDLE_600 = 'clientTrafficPolicy:\n  timeout:\n    http:\n      streamIdleTimeout: 600s\n';

describe('timeouts', () => {
  it("a 600s route behind Envoy Gateway's default 5m stream idle timeout: warning at the model's timeout", () => {
    const models = modelsSide('models:\n  gpt-4-1:\n    timeout: 600s\n', modelObjects({ name: 'gpt-4-1', timeout: '600s' }));
    const [f, ...rest] = timeouts(system(coreSide(), models));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', code: 'check/timeout-stream-idle', path: 'models.gpt-4-1.timeout', location: { file: 'models.yaml', line: 3, col: 14 } });
    expect(f!.message).toBe(
      "model gpt-4-1 may take 10m to answer, but ClientTrafficPolicy client-buffer-limit sets no streamIdleTimeout, so Envoy Gateway's default of 5m applies: a non-streaming response sends nothing until it is done, so Envoy cuts it after 5m of silence",
    );
    expect(f!.suggestion).toBe('set clientTrafficPolicy.timeout.http.streamIdleTimeout: 10m in the core values, or lower models.gpt-4-1.timeout to 5m or less in the models values');
    // fixed twin: the client side waits as long as the route
    expect(timeouts(system(coreSide(IDLE_600), models))).toEqual([]);
  });

  it('a stream idle timeout shorter than the route, set by the user: points at both', () => {
    const core = coreSide('clientTrafficPolicy:\n  timeout:\n    http:\n      streamIdleTimeout: 60s\n');
    const models = modelsSide('defaults:\n  timeout: 120s\n', [...modelObjects({ name: 'a', timeout: '120s' }), ...modelObjects({ name: 'b', timeout: '120s' })]);
    const [f] = timeouts(system(core, models));
    expect(f).toMatchObject({ path: 'defaults.timeout', location: { line: 2, col: 12 } });
    expect(f!.message).toMatch(/^models a, b may take 2m to answer, but ClientTrafficPolicy client-buffer-limit sets timeout.http.streamIdleTimeout: 1m/);
    expect(f!.related?.[0]).toMatchObject({ location: { file: 'core.yaml', line: 4, col: 26 } });
  });

  it('0s (no route timeout) is longer than any idle timeout; 0s on both sides is fine', () => {
    const models = modelsSide('', modelObjects({ name: 'm', timeout: '0s' }));
    expect(timeouts(system(coreSide(), models))[0]!.message).toContain('may take no timeout (0s) to answer');
    expect(timeouts(system(coreSide('clientTrafficPolicy:\n  timeout:\n    http:\n      streamIdleTimeout: 0s\n'), models))).toEqual([]);
  });

  it('a retry budget longer than the route timeout: the later attempts never run', () => {
    const retry = { numRetries: 3, perRetry: { timeout: '30s' } };
    const models = modelsSide('models:\n  m:\n    timeout: 60s\n    retry:\n      numRetries: 3\n', modelObjects({ name: 'm', timeout: '60s', retry }));
    const [f, ...rest] = timeouts(system(coreSide(IDLE_600), models));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', code: 'check/retry-budget', path: 'models.m.retry.numRetries', location: { line: 5, col: 19 } });
    expect(f!.message).toBe('model m: 4 attempts of up to 30s each need 2m, but the route gives up after 1m, so the last 2 attempts (and any fallback they would reach) can never run');
    expect(f!.suggestion).toBe('raise models.m.timeout to 2m or more, or lower models.m.retry.numRetries to 1, or defaults.retry.perRetry.timeout to 15s or less');
    // fixed twin: 4 × 30s fit in 120s
    const fixed = modelsSide('models:\n  m:\n    timeout: 120s\n', modelObjects({ name: 'm', timeout: '120s', retry }));
    expect(timeouts(system(coreSide(IDLE_600), fixed))).toEqual([]);
  });

  it("a maxStreamDuration shorter than the route timeout: every longer answer is reset, streamed or not", () => {
    const core = coreSide(`${IDLE_600}  connection:\n    connectionLimit:\n      maxStreamDuration: 120s\n`);
    const models = modelsSide('models:\n  m:\n    timeout: 600s\n', modelObjects({ name: 'm', timeout: '600s' }));
    const [f, ...rest] = timeouts(system(core, models));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', code: 'check/timeout-max-stream-duration', path: 'clientTrafficPolicy.connection.connectionLimit.maxStreamDuration', location: { file: 'core.yaml', line: 7, col: 26 } });
    expect(f!.message).toBe('ClientTrafficPolicy client-buffer-limit resets every stream after 2m, but model m may take 10m to answer: longer generations are cut mid-response, streamed or not');
    expect(f!.related).toEqual([{ location: { kind: 'file', file: 'models.yaml', line: 3, col: 14 }, message: 'models values, models.m.timeout: the route timeout: 10m' }]);
    // fixed twin
    expect(timeouts(system(coreSide(`${IDLE_600}  connection:\n    connectionLimit:\n      maxStreamDuration: 600s\n`), models))).toEqual([]);
  });
});

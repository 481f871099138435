import { MAX_RETRY_DELAY_SECONDS, nextAttemptDelayMs } from './retry-policy';

describe('delivery retry policy', () => {
  it('doubles the wait after each failure, between half and all of it', () => {
    const low = [1, 2, 3, 4].map((n) => nextAttemptDelayMs(n, 5, 10, () => 0));
    const high = [1, 2, 3, 4].map((n) => nextAttemptDelayMs(n, 5, 10, () => 1));
    expect(low).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(high).toEqual([10_000, 20_000, 40_000, 80_000]);
  });

  it('spreads deliveries that fail together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => nextAttemptDelayMs(3, 5, 10)));
    expect(delays.size).toBeGreaterThan(40);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(20_000);
      expect(d).toBeLessThanOrEqual(40_000);
    }
  });

  it('gives up after the first attempt and `retryLimit` retries', () => {
    expect(nextAttemptDelayMs(3, 3, 10, () => 0.5)).not.toBeNull();
    expect(nextAttemptDelayMs(4, 3, 10, () => 0.5)).toBeNull();
    expect(nextAttemptDelayMs(1, 0, 10)).toBeNull();
  });

  it('never waits longer than the ceiling', () => {
    expect(nextAttemptDelayMs(40, 100, 3600, () => 1)).toBe(MAX_RETRY_DELAY_SECONDS * 1000);
  });
});

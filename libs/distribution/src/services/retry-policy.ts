/** Longest wait between two attempts, whatever the attempt number. */
export const MAX_RETRY_DELAY_SECONDS = 6 * 60 * 60;

/**
 * When to try again after the `attempts`-th failed attempt, or null when the delivery is dead.
 * `retryLimit` counts retries after the first attempt (DELIVERY_RETRY_LIMIT; 0 = never retry).
 * The wait doubles each time from `baseDelaySeconds`; half of it is random ("equal jitter"),
 * so that deliveries failing together (an SMTP server down) do not come back together.
 */
export function nextAttemptDelayMs(
  attempts: number,
  retryLimit: number,
  baseDelaySeconds: number,
  random: () => number = Math.random,
): number | null {
  if (attempts > retryLimit) return null;
  const ceiling = Math.min(baseDelaySeconds * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_SECONDS) * 1000;
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Back-off settings for the gateway's own, deliberately short, retries. */
export interface BackoffPolicy {
  /** Total attempts including the first (default 3). */
  maxAttempts: number;
  /** Back-off ceiling before jitter for the first retry, doubled for each further retry (ms). */
  baseDelayMs: number;
  /** Upper bound of any single back-off (ms). */
  maxDelayMs: number;
  /**
   * Longest Retry-After the gateway waits out itself (s). A longer one ends the call with
   * PayerRateLimitedError so the workflow's Retry can wait without holding a Lambda.
   */
  maxRetryAfterSeconds: number;
}

export const defaultBackoff: BackoffPolicy = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 5_000, maxRetryAfterSeconds: 10 };

/**
 * "Full jitter" back-off: a uniform delay in [0, min(max, base·2^(retry-1))), which spreads retries of
 * many callers instead of synchronising them. `retry` counts from 1; `random` returns [0, 1).
 */
export function fullJitterDelayMs(retry: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Parses an HTTP Retry-After value: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * Returns whole seconds from `nowMs`, never negative, or undefined when absent or unreadable.
 */
export function parseRetryAfterSeconds(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // An HTTP-date names its day and month; a bare number that is not delta-seconds (e.g. "-5") is not one.
  const at = /[A-Za-z]/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

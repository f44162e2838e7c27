import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactReason } from '#functions/payers/errors.ts';
import { defaultBackoff, fullJitterDelayMs, parseRetryAfterSeconds } from '#functions/payers/retry.ts';
import {
  PayerRateLimitedError,
  PayerRejectedError,
  PayerTimeoutError,
  PayerUnavailableError,
  BatchConflictError,
} from '#functions/payers/gateway.ts';

describe('full-jitter back-off', () => {
  it('stays within [0, min(max, base·2^(n-1)))', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (retry, r) => {
        const delay = fullJitterDelayMs(retry, defaultBackoff, () => r);
        const ceiling = Math.min(defaultBackoff.maxDelayMs, defaultBackoff.baseDelayMs * 2 ** (retry - 1));
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }),
    );
  });

  it('doubles the ceiling per retry up to the cap', () => {
    const almostOne = () => 0.999999;
    expect([1, 2, 3, 4, 5].map((n) => fullJitterDelayMs(n, defaultBackoff, almostOne))).toEqual([499, 999, 1999, 3999, 4999]);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-27T05:00:00Z');
  it('reads delta-seconds and HTTP-dates', () => {
    expect(parseRetryAfterSeconds('7', now)).toBe(7);
    expect(parseRetryAfterSeconds('Fri, 27 Nov 2026 05:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfterSeconds('Fri, 27 Nov 2026 04:00:00 GMT', now)).toBe(0);
  });
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfterSeconds(null, now)).toBeUndefined();
    expect(parseRetryAfterSeconds('soon', now)).toBeUndefined();
    expect(parseRetryAfterSeconds('-5', now)).toBeUndefined();
  });
});

describe('typed errors', () => {
  it('carry the names Step Functions matches on', () => {
    expect(new PayerTimeoutError(60_000).name).toBe('PayerTimeoutError');
    expect(new PayerRateLimitedError(5).name).toBe('PayerRateLimitedError');
    expect(new PayerRejectedError('VersionMismatch').name).toBe('PayerRejectedError');
    expect(new PayerUnavailableError('HttpStatus503').name).toBe('PayerUnavailableError');
    expect(new BatchConflictError('b1').name).toBe('BatchConflictError');
  });

  it('keep retry hints and payer reasons as fields', () => {
    expect(new PayerRateLimitedError(30, { payerId: 'p' })).toMatchObject({ retryAfterSeconds: 30, payerId: 'p', retryable: true });
    expect(new PayerRejectedError('Unauthorized', 'Bad credentials')).toMatchObject({
      reasonCode: 'Unauthorized',
      reasonText: 'Bad credentials',
      retryable: false,
    });
  });
});

describe('redactReason', () => {
  it('drops identifier-like tokens and control characters, and caps the length', () => {
    expect(redactReason('Member W123456789 not\u0000found, DOB 1943-05-19')).toBe('Member [redacted] not found, DOB [redacted]');
    expect(redactReason('x'.repeat(500))).toHaveLength(201);
  });
});

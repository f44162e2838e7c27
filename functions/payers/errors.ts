/**
 * Typed errors of the payer gateway. Step Functions Retry/Catch match on `name`, so each class sets it
 * explicitly (minifiers and subclassing would otherwise change it). Messages and fields never carry PHI:
 * they name the payer, the payload id, status codes and the payer's envelope-level reason code.
 */

import { AppError } from '#functions/errors/index.ts';

/** Identifiers every gateway error may carry; none of them is PHI. */
export interface PayerErrorDetails {
  payerId?: string;
  /** The CORE PayloadID or the batch id the failure belongs to. */
  payloadId?: string;
  /** How many attempts the gateway made before giving up. */
  attempts?: number;
  cause?: unknown;
}

/** Base class: lets callers `instanceof PayerGatewayError` without listing every kind. */
export abstract class PayerGatewayError extends AppError {
  readonly payerId: string | undefined;
  readonly payloadId: string | undefined;
  readonly attempts: number | undefined;

  protected constructor(message: string, details: PayerErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.payerId = details.payerId;
    this.payloadId = details.payloadId;
    this.attempts = details.attempts;
  }
}

/** The payer did not answer within the request timeout (after the gateway's bounded retries). */
export class PayerTimeoutError extends PayerGatewayError {
  override readonly name = 'PayerTimeoutError';
  readonly timeoutMs: number;
  constructor(timeoutMs: number, details: PayerErrorDetails = {}) {
    super(`Payer did not answer within ${timeoutMs} ms`, details);
    this.timeoutMs = timeoutMs;
  }
}

/** The payer throttled us (HTTP 429); `retryAfterSeconds` is its Retry-After, or our estimate. */
export class PayerRateLimitedError extends PayerGatewayError {
  override readonly name = 'PayerRateLimitedError';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, details: PayerErrorDetails = {}) {
    super(`Payer rate-limited the request; retry after ${retryAfterSeconds} s`, details);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * The payer refused the request (CORE error code, SOAP Sender fault, authentication failure).
 * Re-sending the same request will not help. `reasonCode`/`reasonText` are the payer's envelope-level
 * reason, with identifier-like tokens redacted (see {@link redactReason}).
 */
export class PayerRejectedError extends PayerGatewayError {
  override readonly name = 'PayerRejectedError';
  readonly reasonText: string | undefined;
  readonly reasonCode: string;
  constructor(reasonCode: string, reasonText?: string, details: PayerErrorDetails = {}) {
    const text = reasonText === undefined ? undefined : redactReason(reasonText);
    super(`Payer rejected the request: ${reasonCode}${text ? ` (${text})` : ''}`, details);
    this.reasonCode = reasonCode;
    this.reasonText = text;
  }
}

/** The payer or its gateway is down, busy, or answered with something we cannot read. */
export class PayerUnavailableError extends PayerGatewayError {
  override readonly name = 'PayerUnavailableError';
  readonly reason: string;
  constructor(
    /** A short machine-readable reason: `HttpStatus503`, `ReceiverBusy`, `MalformedReply`, `NetworkError`... */
    reason: string,
    details: PayerErrorDetails & { httpStatus?: number; retryAfterSeconds?: number } = {},
  ) {
    super(`Payer is unavailable: ${reason}${details.httpStatus ? ` (HTTP ${details.httpStatus})` : ''}`, details);
    this.reason = reason;
    this.httpStatus = details.httpStatus;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
  readonly httpStatus: number | undefined;
  /** The payer's Retry-After on a 503, when it sent one. */
  readonly retryAfterSeconds: number | undefined;
}

/** The same batch id was submitted again with different content; the first submission stands. */
export class BatchConflictError extends PayerGatewayError {
  override readonly name = 'BatchConflictError';
  readonly batchId: string;
  constructor(batchId: string, details: PayerErrorDetails = {}) {
    super(`Batch ${batchId} was already submitted with different content`, { ...details, payloadId: batchId });
    this.batchId = batchId;
  }
}

/** The request handed to the gateway is not well-formed (names fields, never values). */
export class PayerRequestInvalidError extends PayerGatewayError {
  override readonly name = 'PayerRequestInvalidError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[], details: PayerErrorDetails = {}) {
    super(`Payer request is not valid: ${problems.join('; ')}`, details);
    this.problems = problems;
  }
}

const maxReasonLength = 200;

/**
 * Keeps a payer's free-text reason safe to log: control characters dropped, length capped, and any
 * token holding 4+ digits (member ids, claim numbers, dates of birth) replaced by `[redacted]`.
 */
export function redactReason(text: string): string {
  const cleaned = text
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((token) => ((token.match(/\d/g)?.length ?? 0) >= 4 ? '[redacted]' : token))
    .join(' ');
  return cleaned.length > maxReasonLength ? `${cleaned.slice(0, maxReasonLength)}…` : cleaned;
}

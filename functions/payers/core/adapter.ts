import { identifyInbound } from '#functions/inbound/identify.ts';
import { logger as platformLogger } from '#functions/platform/logger.ts';
import {
  PayerRateLimitedError,
  PayerRejectedError,
  PayerRequestInvalidError,
  PayerTimeoutError,
  PayerUnavailableError,
} from '#functions/payers/errors.ts';
import type { RealTimeChannel, RequestContext } from '#functions/payers/gateway.ts';
import { defaultBackoff, fullJitterDelayMs, parseRetryAfterSeconds, type BackoffPolicy } from '#functions/payers/retry.ts';
import type { CoreConnectionSecret } from './credentials.ts';
import { buildRealTimeRequest, coreTimeStamp, extractX12, parseReply, payloadTypes, realTimeAction } from './envelope.ts';
import { HttpAbortedError, HttpReplyTooLargeError, HttpTimeoutError, HttpTransportError, postText, type HttpReply } from './http.ts';
import { coreErrorCodeFailure, httpStatusFailure, soapFaultFailure, type AttemptFailure } from './outcomes.ts';

/** The slice of a logger the adapter uses; attributes hold identifiers and numbers only. */
export interface AdapterLog {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
}

/** Where the adapter gets its connection secret (see CachedCoreCredentials). */
export interface CredentialSource {
  get(): Promise<CoreConnectionSecret>;
  invalidate(): void;
}

/** Settings of the CORE real-time adapter; everything but `credentials` has a default. */
export interface CoreAdapterOptions {
  credentials: CredentialSource;
  /**
   * Deadline of one attempt, whole exchange (default 60 s): payers' eligibility P99 is about 30 s and
   * their gateways give up at 110 s, so 60 s lets slow answers through without outliving the gateway.
   */
  timeoutMs?: number;
  backoff?: Partial<BackoffPolicy>;
  /** Largest reply accepted (default 16 MiB). */
  maxReplyBytes?: number;
  /** Injected for tests: back-off waits, jitter, clock, payload ids, log sink. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => Date;
  newPayloadId?: () => string;
  log?: AdapterLog;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

type Exchange = { request: string; response: string; transactionSet: string };
const eligibility: Exchange = {
  request: payloadTypes.eligibilityRequest,
  response: payloadTypes.eligibilityResponse,
  transactionSet: '271',
};
const claimStatus: Exchange = {
  request: payloadTypes.claimStatusRequest,
  response: payloadTypes.claimStatusResponse,
  transactionSet: '277',
};
const authorization: Exchange = {
  request: payloadTypes.authorizationRequest,
  response: payloadTypes.authorizationResponse,
  transactionSet: '278',
};

/**
 * Real-time 270/271, 276/277 and 278 over the CAQH CORE Connectivity Rule vC2.2.0 (SOAP 1.2, WS-Security
 * UsernameToken, HTTPS POST). Retries 5xx, 429, busy receivers and timeouts with full-jitter back-off,
 * a bounded number of times; everything else ends in a typed error at once. Logs identifiers, status
 * codes and timings only: never the envelope, the X12, or the credentials.
 */
export class CoreRealTimeAdapter implements RealTimeChannel {
  /** Deadline of one attempt (ms). */
  readonly timeoutMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly maxReplyBytes: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => Date;
  private readonly newPayloadId: () => string;
  private readonly log: AdapterLog;

  private readonly options: CoreAdapterOptions;
  constructor(options: CoreAdapterOptions) {
    this.options = options;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.backoff = { ...defaultBackoff, ...options.backoff };
    this.maxReplyBytes = options.maxReplyBytes ?? 16 * 1024 * 1024;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => new Date());
    this.newPayloadId = options.newPayloadId ?? (() => crypto.randomUUID());
    this.log = options.log ?? platformLogger;
  }

  checkEligibility(x12_270: string, ctx: RequestContext): Promise<string> {
    return this.exchange(eligibility, x12_270, ctx);
  }

  claimStatus(x12_276: string, ctx: RequestContext): Promise<string> {
    return this.exchange(claimStatus, x12_276, ctx);
  }

  /** A 278 prior authorization request (CORE payload type `X12_278_Request_005010X217E1_2`) and its 278 response. */
  requestAuthorization(x12_278: string, ctx: RequestContext): Promise<string> {
    return this.exchange(authorization, x12_278, ctx);
  }

  private async exchange(kind: Exchange, x12: string, ctx: RequestContext): Promise<string> {
    const payloadId = ctx.payloadId ?? this.newPayloadId();
    const ids = { payerId: ctx.payerId, payloadId };
    const problems = requestProblems(x12, payloadId);
    if (problems.length > 0) throw new PayerRequestInvalidError(problems, ids);
    const logBase = { ...ids, payloadType: kind.request, ...(ctx.correlationId ? { correlationId: ctx.correlationId } : {}) };
    let credentialsRefreshed = false;

    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      const result = await this.attempt(kind, x12, payloadId, ctx.signal);
      const durationMs = Math.round(performance.now() - started);
      if (typeof result === 'string') {
        this.log.info('CORE real-time exchange succeeded', { ...logBase, attempt, durationMs });
        return result;
      }
      this.log.warn('CORE real-time attempt failed', { ...logBase, attempt, durationMs, outcome: result.label });
      const details = { ...ids, attempts: attempt };

      if (result.kind === 'unauthorized') {
        // The password may have just rotated: re-read the secret once, then give up.
        if (credentialsRefreshed || attempt >= this.backoff.maxAttempts) throw result.error(details);
        credentialsRefreshed = true;
        this.options.credentials.invalidate();
        continue;
      }
      if (result.kind === 'final' || attempt >= this.backoff.maxAttempts) throw result.error(details);
      if (result.retryAfterSeconds !== undefined && result.retryAfterSeconds > this.backoff.maxRetryAfterSeconds) {
        // Too long to wait inside a Lambda: hand the wait to the workflow's Retry.
        throw result.kind === 'rate-limited' ? new PayerRateLimitedError(result.retryAfterSeconds, details) : result.error(details);
      }
      const jitter = fullJitterDelayMs(attempt, this.backoff, this.random);
      await this.sleep(result.retryAfterSeconds === undefined ? jitter : Math.max(result.retryAfterSeconds * 1000, jitter));
    }
  }

  /** One POST: the X12 reply, or how it failed. */
  private async attempt(kind: Exchange, x12: string, payloadId: string, signal: AbortSignal | undefined): Promise<string | AttemptFailure> {
    let secret: CoreConnectionSecret;
    try {
      secret = await this.options.credentials.get();
    } catch (error) {
      return {
        kind: 'final',
        label: 'credentials unavailable',
        error: (d) => new PayerUnavailableError('CredentialsUnavailable', { ...d, cause: error }),
      };
    }
    const endpoint = new URL(secret.endpointUrl);
    if (endpoint.protocol !== 'https:' && !(endpoint.protocol === 'http:' && loopbackHosts.has(endpoint.hostname))) {
      return {
        kind: 'final',
        label: 'endpoint is not HTTPS',
        error: (d) => new PayerRequestInvalidError(['endpointUrl must use https'], d),
      };
    }
    const envelope = buildRealTimeRequest(
      {
        payloadType: kind.request,
        payloadId,
        timeStamp: coreTimeStamp(this.now()),
        senderId: secret.senderId,
        receiverId: secret.receiverId,
        payload: x12,
      },
      secret,
    );
    let reply: HttpReply;
    try {
      reply = await postText({
        url: endpoint.href,
        headers: {
          'content-type': `application/soap+xml; charset=utf-8; action="${realTimeAction}"`,
          accept: 'application/soap+xml, text/xml',
        },
        body: envelope,
        timeoutMs: this.timeoutMs,
        maxReplyBytes: this.maxReplyBytes,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (error instanceof HttpTimeoutError)
        return { kind: 'retryable', label: 'timeout', error: (d) => new PayerTimeoutError(this.timeoutMs, d) };
      if (error instanceof HttpAbortedError)
        return { kind: 'final', label: 'aborted', error: (d) => new PayerUnavailableError('AbortedByCaller', d) };
      if (error instanceof HttpReplyTooLargeError)
        return { kind: 'final', label: 'reply too large', error: (d) => new PayerUnavailableError('ReplyTooLarge', d) };
      const reason = error instanceof HttpTransportError ? error.reason : 'unknown';
      return { kind: 'retryable', label: `network ${reason}`, error: (d) => new PayerUnavailableError(`NetworkError:${reason}`, d) };
    }
    return this.interpret(kind, reply);
  }

  /** Reads an HTTP reply: a SOAP fault or CORE envelope wins over the status code when present. */
  private interpret(kind: Exchange, reply: HttpReply): string | AttemptFailure {
    const retryAfterSeconds = parseRetryAfterSeconds(reply.retryAfter, this.now().getTime());
    if (reply.status === 429) return httpStatusFailure(429, retryAfterSeconds);
    const parsed = parseReply(reply.body);
    if (parsed.kind === 'fault') return soapFaultFailure(parsed, reply.status);
    if (parsed.kind === 'malformed') {
      if (reply.status !== 200) return httpStatusFailure(reply.status, retryAfterSeconds);
      // A 200 we cannot read is not retried here: the payer may keep answering the same way.
      return {
        kind: 'final',
        label: `malformed: ${parsed.problem}`,
        error: (d) => new PayerUnavailableError('MalformedReply', { ...d, httpStatus: 200 }),
      };
    }
    const { fields } = parsed;
    if (fields.errorCode !== undefined && fields.errorCode.toLowerCase() !== 'success') {
      return coreErrorCodeFailure(fields.errorCode, fields.errorMessage);
    }
    if (reply.status !== 200) return httpStatusFailure(reply.status, retryAfterSeconds);
    const x12 = fields.payload === undefined ? undefined : extractX12(fields.payload);
    if (x12 === undefined) {
      return {
        kind: 'final',
        label: 'malformed: no X12 payload',
        error: (d) => new PayerUnavailableError('MalformedReply', { ...d, httpStatus: 200 }),
      };
    }
    const transactionSet = firstTransactionSet(x12);
    if (transactionSet === '999' || transactionSet === 'TA1' || /_(999|TA1)_/.test(fields.payloadType ?? '')) {
      // The payer refused our X12 at the syntax level and said so with an acknowledgment.
      return {
        kind: 'final',
        label: `acknowledgment ${transactionSet}`,
        error: (d) =>
          new PayerRejectedError(
            `X12Acknowledgment${transactionSet ?? ''}`,
            `payer answered ${fields.payloadType ?? 'an acknowledgment'}`,
            d,
          ),
      };
    }
    if (transactionSet !== kind.transactionSet || (fields.payloadType !== undefined && fields.payloadType !== kind.response)) {
      return {
        kind: 'final',
        label: 'unexpected payload',
        error: (d) => new PayerRejectedError('UnexpectedPayload', `expected ${kind.response}`, d),
      };
    }
    return x12;
  }
}

/** Structural checks of the outgoing request; names problems, never values. */
function requestProblems(x12: string, payloadId: string): string[] {
  const problems: string[] = [];
  if (
    !x12
      .replace(/^\uFEFF/, '')
      .trimStart()
      .startsWith('ISA')
  )
    problems.push('payload must be an X12 interchange starting with ISA');
  if (!uuidPattern.test(payloadId)) problems.push('payloadId must be a UUID');
  return problems;
}

/** ST01 of the first transaction set, `TA1` for an interchange acknowledgment, else undefined. */
export function firstTransactionSet(x12: string): string | undefined {
  const identified = identifyInbound(Buffer.from(x12.slice(0, 4096), 'latin1'));
  if (identified.ok) return identified.transactionSet;
  return identified.problem.segment === 'TA1' ? 'TA1' : undefined;
}

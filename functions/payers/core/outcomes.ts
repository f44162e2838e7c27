import {
  PayerRateLimitedError,
  PayerRejectedError,
  PayerUnavailableError,
  type PayerErrorDetails,
  type PayerGatewayError,
} from '#functions/payers/errors.ts';
import type { ParsedReply } from './envelope.ts';

/**
 * How one attempt ended, before the retry loop decides what to do with it. `error` builds the typed
 * error with the final attempt count; `retryAfterSeconds` is the payer's own hint, when it gave one.
 */
export type AttemptFailure = {
  kind: 'retryable' | 'final' | 'unauthorized' | 'rate-limited';
  retryAfterSeconds?: number;
  /** Short, payload-free label for the logs: `HTTP 503`, `CORE ReceiverBusy`, `timeout`... */
  label: string;
  error: (details: PayerErrorDetails) => PayerGatewayError;
};

/** CORE ErrorCode values that mean "try again shortly" (compared case-insensitively). */
const busyCodes = new Set(['receiverbusy', 'busy', 'servertoobusy', 'receiverunavailable']);
/** CORE ErrorCode values that mean the credentials were refused. */
const unauthorizedCodes = new Set(['unauthorized', 'unauthorised', 'authenticationfailed']);

/** Maps a CORE envelope ErrorCode other than Success to an attempt failure. */
export function coreErrorCodeFailure(code: string, message: string | undefined): AttemptFailure {
  const key = code.toLowerCase();
  if (busyCodes.has(key)) return { kind: 'retryable', label: `CORE ${code}`, error: (d) => new PayerUnavailableError(code, d) };
  if (unauthorizedCodes.has(key))
    return { kind: 'unauthorized', label: `CORE ${code}`, error: (d) => new PayerRejectedError(code, message, d) };
  // PayloadIDRequired, VersionMismatch, *Illegal, *NotSupported...: our request is at fault; resending will not help.
  return { kind: 'final', label: `CORE ${code}`, error: (d) => new PayerRejectedError(code, message, d) };
}

/**
 * Maps a SOAP fault. Sender faults (and VersionMismatch, MustUnderstand, DataEncodingUnknown) blame the
 * request: final. Receiver faults blame the payer's side: retryable.
 */
export function soapFaultFailure(fault: Extract<ParsedReply, { kind: 'fault' }>, httpStatus: number): AttemptFailure {
  const code = fault.subcode ? `${fault.code}/${fault.subcode}` : fault.code;
  if (fault.code === 'Receiver') {
    return {
      kind: 'retryable',
      label: `SOAP fault ${code}`,
      error: (d) => new PayerUnavailableError(`SoapFault:${code}`, { ...d, httpStatus }),
    };
  }
  // WS-Security faults (wsse:FailedAuthentication, wsse:InvalidSecurity...) arrive as Sender subcodes.
  if (/auth|InvalidSecurity/i.test(fault.subcode ?? '')) {
    return {
      kind: 'unauthorized',
      label: `SOAP fault ${code}`,
      error: (d) => new PayerRejectedError(`SoapFault:${code}`, fault.reason, d),
    };
  }
  return { kind: 'final', label: `SOAP fault ${code}`, error: (d) => new PayerRejectedError(`SoapFault:${code}`, fault.reason, d) };
}

/** Maps an HTTP status whose body is not a SOAP fault or CORE envelope. */
export function httpStatusFailure(status: number, retryAfterSeconds: number | undefined): AttemptFailure {
  const label = `HTTP ${status}`;
  if (status === 429) {
    return {
      kind: 'rate-limited',
      label,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      error: (d) => new PayerRateLimitedError(retryAfterSeconds ?? 1, d),
    };
  }
  if (status === 401 || status === 403)
    return { kind: 'unauthorized', label, error: (d) => new PayerRejectedError(`HttpStatus${status}`, undefined, d) };
  if (status >= 500 || status === 408) {
    return {
      kind: 'retryable',
      label,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      error: (d) =>
        new PayerUnavailableError(`HttpStatus${status}`, {
          ...d,
          httpStatus: status,
          ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
        }),
    };
  }
  return { kind: 'final', label, error: (d) => new PayerRejectedError(`HttpStatus${status}`, undefined, d) };
}

import { randomUUID } from 'node:crypto';
import type { ApiError } from './sfn/errors.ts';

/** An HTTP answer of the local API server: status, headers and body text. */
export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | number>>;
  readonly body?: string;
}

const DATE_FIELDS = new Set(['startDate', 'stopDate', 'creationDate', 'timestamp', 'updateDate']);

/** AWS's JSON 1.0 protocol sends timestamps as epoch seconds; the Step Functions service keeps milliseconds. */
function toWireDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toWireDates);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = DATE_FIELDS.has(key) && typeof item === 'number' ? item / 1000 : toWireDates(item);
    }
    return out;
  }
  return value;
}

function awsJson(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  const text = JSON.stringify(body);
  return {
    status,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': randomUUID(),
      ...headers,
    },
    body: text,
  };
}

/** A Step Functions (AWS JSON 1.0) result, its dates in epoch seconds. */
export function awsJsonResult(result: unknown): Reply {
  return awsJson(200, toWireDates(result));
}

/** A Step Functions (AWS JSON 1.0) error, in the shape the SDK parses. */
export function awsJsonError(error: ApiError): Reply {
  return awsJson(
    error.status,
    { __type: `com.amazonaws.swf.service.v2.model#${error.code}`, message: error.message },
    { 'x-amzn-errortype': error.code },
  );
}

/** A REST (Lambda-style) JSON answer. */
export function restJson(body: unknown, headers: Record<string, string> = {}): Reply {
  return { status: 200, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** A REST (Lambda-style) error, in the shape the SDK parses. */
export function restError(status: number, code: string, message: string): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': code, 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify({ Type: 'User', message }),
  };
}

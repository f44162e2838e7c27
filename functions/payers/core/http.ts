/** A completed HTTP exchange: status, the headers the adapter reads, and the body text. */
export interface HttpReply {
  status: number;
  retryAfter: string | null;
  contentType: string | null;
  body: string;
}

/** The request timed out (connect, headers or body). */
export class HttpTimeoutError extends Error {
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(`HTTP request timed out after ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
    this.name = 'HttpTimeoutError';
  }
}

/** The caller aborted the request (its own signal). */
export class HttpAbortedError extends Error {
  constructor() {
    super('HTTP request was aborted by the caller');
    this.name = 'HttpAbortedError';
  }
}

/** The reply was larger than allowed. */
export class HttpReplyTooLargeError extends Error {
  readonly maxBytes: number;
  constructor(maxBytes: number) {
    super(`HTTP reply larger than ${maxBytes} bytes`);
    this.maxBytes = maxBytes;
    this.name = 'HttpReplyTooLargeError';
  }
}

/** The connection failed. The message holds no payload. */
export class HttpTransportError extends Error {
  readonly reason: string;
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`HTTP transport failed: ${reason}`, options);
    this.reason = reason;
    this.name = 'HttpTransportError';
  }
}

/** Options for one POST. */
export interface PostOptions {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Covers the whole exchange, body included. */
  timeoutMs: number;
  /** Replies larger than this are refused (bytes). */
  maxReplyBytes: number;
  signal?: AbortSignal;
}

/**
 * POSTs over fetch with one deadline for the whole exchange and a cap on the reply size. Redirects are
 * not followed (the 3xx is returned), so the credentials never travel to a host nobody configured.
 * Errors are the classes above; none of them carries the request or reply body.
 */
export async function postText(options: PostOptions): Promise<HttpReply> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline.signal, options.signal]) : deadline.signal;
  try {
    const response = await fetch(options.url, { method: 'POST', headers: options.headers, body: options.body, signal, redirect: 'manual' });
    const body = await readCapped(response, options.maxReplyBytes);
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      contentType: response.headers.get('content-type'),
      body,
    };
  } catch (error) {
    if (deadline.signal.aborted) throw new HttpTimeoutError(options.timeoutMs);
    if (options.signal?.aborted) throw new HttpAbortedError();
    if (error instanceof HttpReplyTooLargeError) throw error;
    throw new HttpTransportError(networkReason(error), { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 'NaN');
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new HttpReplyTooLargeError(maxBytes);
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new HttpReplyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A short, payload-free description of a fetch failure (e.g. ECONNREFUSED). */
function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  return error instanceof Error ? error.name : 'unknown';
}

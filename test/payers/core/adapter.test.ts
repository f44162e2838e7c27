import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreRealTimeAdapter, type CoreAdapterOptions } from '#functions/payers/core/adapter.ts';
import { CachedCoreCredentials, type CoreConnectionSecret } from '#functions/payers/core/credentials.ts';
import {
  PayerGatewayError,
  PayerRateLimitedError,
  PayerRejectedError,
  PayerRequestInvalidError,
  PayerTimeoutError,
  PayerUnavailableError,
} from '#functions/payers/gateway.ts';
import { coreResponse, FakeCoreServer, soapFault, type ReceivedRequest } from './fake-core-server.ts';
import { tr3Example } from '#test/support/tr3-examples.ts';
import { exampleInterchange } from '#infra/cli/commands/x12.ts';

const fixture = (name: string): string => tr3Example(name);
const x12_270 = fixture('subscriber-health-benefit-check.270');
const x12_271 = fixture('subscriber-health-benefit-check.271');
const x12_276 = fixture('claim-level-status.276');
const x12_277 = fixture('claim-level-status.277');
// Identifying values inside the 270 fixture; they must never reach a log line or an error.
const phiInFixture = ['11122333301', 'SMITH', 'ROBERT', '19430519'];

const payloadId = '3f2b6c1e-8a4d-4c2e-9b7a-0d1e2f3a4b5c';
const now = new Date('2026-11-27T05:00:00.000Z');
const good271 = (request: ReceivedRequest) =>
  coreResponse({ payloadType: 'X12_271_Response_005010X279A1', payloadId: request.core.PayloadID ?? '', payload: x12_271 });

let server: FakeCoreServer;
let secret: CoreConnectionSecret;
let secretReads: number;
let sleeps: number[];
let logLines: string[];

beforeEach(async () => {
  server = new FakeCoreServer();
  await server.start();
  secret = { endpointUrl: server.url, username: 'hospital-user', password: 'p&ss<w>rd"1', senderId: 'HOSP01', receiverId: 'PAYER01' };
  secretReads = 0;
  sleeps = [];
  logLines = [];
});
afterEach(async () => server.stop());

function adapter(overrides: Partial<CoreAdapterOptions> = {}): CoreRealTimeAdapter {
  const credentials = new CachedCoreCredentials('payers/payer01/core', async () => {
    secretReads++;
    return JSON.stringify(secret);
  });
  return new CoreRealTimeAdapter({
    credentials,
    timeoutMs: 5_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => now,
    newPayloadId: () => payloadId,
    log: {
      info: (message, attributes) => logLines.push(JSON.stringify({ message, ...attributes })),
      warn: (message, attributes) => logLines.push(JSON.stringify({ message, ...attributes })),
    },
    ...overrides,
  });
}

const ctx = { payerId: 'payer01', correlationId: 'claim-42' };

async function failure(promise: Promise<unknown>): Promise<PayerGatewayError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PayerGatewayError);
  return error as PayerGatewayError;
}

function expectNoPhi(...texts: string[]) {
  for (const text of texts) {
    for (const value of [...phiInFixture, secret.password]) expect(text).not.toContain(value);
  }
}

describe('a good exchange', () => {
  it('sends a CORE 2.2.0 SOAP 1.2 envelope with the credentials and returns the 271', async () => {
    server.reply({ body: good271 });
    const reply = await adapter().checkEligibility(x12_270, ctx);

    expect(reply).toBe(x12_271.trimEnd());
    expect(server.received).toHaveLength(1);
    const [request] = server.received;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/core/realtime');
    expect(request!.headers['content-type']).toMatch(/^application\/soap\+xml; charset=utf-8; action="RealTimeTransaction"$/);
    expect(XMLValidator.validate(request!.body)).toBe(true);
    expect(request!.body).toContain('xmlns:soapenv="http://www.w3.org/2003/05/soap-envelope"');
    expect(request!.body).toContain('<cor:COREEnvelopeRealTimeRequest xmlns:cor="http://www.caqh.org/SOAP/WSDL/CORERule2.2.0.xsd">');
    expect(request!.core).toEqual({
      PayloadType: 'X12_270_Request_005010X279A1',
      ProcessingMode: 'RealTime',
      PayloadID: payloadId,
      TimeStamp: '2026-11-27T05:00:00Z',
      SenderID: 'HOSP01',
      ReceiverID: 'PAYER01',
      CORERuleVersion: '2.2.0',
      Payload: x12_270,
    });
    expect(request!.core.TimeStamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(request!.username).toBe('hospital-user');
    expect(request!.password).toBe('p&ss<w>rd"1');
    expect(request!.body).toContain('#PasswordText');
  });

  it('mints a UUID PayloadID per request when the caller gives none', async () => {
    server.reply({ body: good271 }, { body: good271 });
    const real = adapter({ newPayloadId: undefined });
    await real.checkEligibility(x12_270, ctx);
    await real.checkEligibility(x12_270, ctx);
    const ids = server.received.map((r) => r.core.PayloadID);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(2);
  });

  it('uses the caller PayloadID and keeps it across retries', async () => {
    const callerId = 'a0a0a0a0-b1b1-4c2c-8d3d-e4e4e4e4e4e4';
    server.reply({ status: 503, body: 'down' }, { body: good271 });
    await adapter().checkEligibility(x12_270, { ...ctx, payloadId: callerId });
    expect(server.received.map((r) => r.core.PayloadID)).toEqual([callerId, callerId]);
  });

  it('sends a 276 and returns the 277 when the payload comes back escaped rather than in CDATA', async () => {
    server.reply({
      body: (r) =>
        coreResponse({ payloadType: 'X12_277_Response_005010X212', payloadId: r.core.PayloadID ?? '', payload: x12_277, inCdata: false }),
    });
    const reply = await adapter().claimStatus(x12_276, ctx);
    expect(reply).toBe(x12_277.trimEnd());
    expect(server.received[0]!.core.PayloadType).toBe('X12_276_Request_005010X212');
    expect(server.received[0]!.core.Payload).toBe(x12_276);
  });

  it('sends a 278 prior authorization request and returns the 278 response', async () => {
    const x12_278 = exampleInterchange('278');
    const x12_278r = exampleInterchange('278-response');
    server.reply({
      body: (r) => coreResponse({ payloadType: 'X12_278_Response_005010X217E1_2', payloadId: r.core.PayloadID ?? '', payload: x12_278r }),
    });
    expect(await adapter().requestAuthorization(x12_278, ctx)).toBe(x12_278r.trimEnd());
    expect(server.received[0]!.core.PayloadType).toBe('X12_278_Request_005010X217E1_2');
    expect(server.received[0]!.core.Payload).toBe(x12_278);
  });

  it('reads a base64 payload', async () => {
    server.reply({
      body: (r) =>
        coreResponse({
          payloadType: 'X12_271_Response_005010X279A1',
          payloadId: r.core.PayloadID ?? '',
          payload: Buffer.from(x12_271).toString('base64'),
        }),
    });
    expect(await adapter().checkEligibility(x12_270, ctx)).toBe(x12_271.trimEnd());
  });

  it('round-trips a payload holding "]]>" and XML-special characters', async () => {
    const tricky = x12_270.replace('SMITH', 'SM]]>I<T&H');
    server.reply({ body: good271 });
    await adapter().checkEligibility(tricky, ctx);
    expect(XMLValidator.validate(server.received[0]!.body)).toBe(true);
    expect(server.received[0]!.core.Payload).toBe(tricky);
  });

  it('logs identifiers and timings, never the X12 or the password', async () => {
    server.reply({ status: 500, body: 'oops' }, { body: good271 });
    await adapter().checkEligibility(x12_270, ctx);
    expect(logLines).toHaveLength(2);
    const [failed, succeeded] = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(failed).toMatchObject({
      payerId: 'payer01',
      payloadId,
      correlationId: 'claim-42',
      attempt: 1,
      outcome: 'HTTP 500',
      payloadType: 'X12_270_Request_005010X279A1',
    });
    expect(succeeded).toMatchObject({ payerId: 'payer01', payloadId, attempt: 2 });
    expect(typeof succeeded!.durationMs).toBe('number');
    expectNoPhi(...logLines);
  });
});

describe('retries with full jitter, bounded', () => {
  it('retries a 500 and succeeds, waiting a jittered back-off', async () => {
    server.reply({ status: 500, body: 'Internal Server Error' }, { body: good271 });
    expect(await adapter().checkEligibility(x12_270, ctx)).toBe(x12_271.trimEnd());
    expect(server.received).toHaveLength(2);
    // random 0.5 of the first ceiling (500 ms)
    expect(sleeps).toEqual([250]);
  });

  it('gives up after three 500s with PayerUnavailableError', async () => {
    server.reply(...Array.from({ length: 5 }, () => ({ status: 500, body: 'Internal Server Error' })));
    const error = await failure(adapter().checkEligibility(x12_270, ctx));
    expect(error).toBeInstanceOf(PayerUnavailableError);
    expect(error).toMatchObject({
      name: 'PayerUnavailableError',
      reason: 'HttpStatus500',
      httpStatus: 500,
      attempts: 3,
      payerId: 'payer01',
      payloadId,
      retryable: true,
    });
    expect(server.received).toHaveLength(3);
    // ceilings 500 then 1000 ms, times random 0.5
    expect(sleeps).toEqual([250, 500]);
  });

  it('honours Retry-After on a 503', async () => {
    server.reply({ status: 503, headers: { 'retry-after': '2' }, body: '' }, { body: good271 });
    await adapter().checkEligibility(x12_270, ctx);
    expect(sleeps).toEqual([2000]);
  });

  it('hands a long Retry-After on a 503 to the workflow at once, with the hint', async () => {
    server.reply({ status: 503, headers: { 'retry-after': '600' }, body: '' });
    const error = await failure(adapter().checkEligibility(x12_270, ctx));
    expect(error).toMatchObject({ name: 'PayerUnavailableError', reason: 'HttpStatus503', retryAfterSeconds: 600, attempts: 1 });
    expect(sleeps).toEqual([]);
  });

  it('retries a receiver SOAP fault', async () => {
    server.reply({ status: 500, body: soapFault('Receiver', 'backend down') }, { body: good271 });
    expect(await adapter().checkEligibility(x12_270, ctx)).toBe(x12_271.trimEnd());
    expect(server.received).toHaveLength(2);
  });

  it('retries a CORE ReceiverBusy and ends in PayerUnavailableError if it persists', async () => {
    const busy = {
      body: (r: ReceivedRequest) =>
        coreResponse({
          payloadType: 'CoreEnvelopeError',
          payloadId: r.core.PayloadID ?? '',
          errorCode: 'ReceiverBusy',
          errorMessage: 'Try later',
        }),
    };
    server.reply(busy, busy, busy);
    const error = await failure(adapter().checkEligibility(x12_270, ctx));
    expect(error).toMatchObject({ name: 'PayerUnavailableError', reason: 'ReceiverBusy', attempts: 3 });
  });

  it('respects a configured attempt count', async () => {
    server.reply(...Array.from({ length: 5 }, () => ({ status: 502, body: '' })));
    const error = await failure(adapter({ backoff: { maxAttempts: 1 } }).checkEligibility(x12_270, ctx));
    expect(error).toMatchObject({ name: 'PayerUnavailableError', attempts: 1 });
    expect(server.received).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries when the connection is refused, then reports the network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    secret.endpointUrl = `http://127.0.0.1:${port}/core`;
    const error = await failure(adapter().checkEligibility(x12_270, ctx));
    expect(error).toMatchObject({ name: 'PayerUnavailableError', reason: 'NetworkError:ECONNREFUSED', attempts: 3 });
  });
});

describe('timeouts', () => {
  it('times out a slow payer, retries, and ends in PayerTimeoutError', async () => {
    server.reply(...Array.from({ length: 3 }, () => ({ delayMs: 5_000, body: good271 })));
    const error = await failure(adapter({ timeoutMs: 200 }).checkEligibility(x12_270, ctx));
    expect(error).toBeInstanceOf(PayerTimeoutError);
    expect(error).toMatchObject({ name: 'PayerTimeoutError', timeoutMs: 200, attempts: 3, retryable: true });
    expect(server.received).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('recovers when only the first answer is slow', async () => {
    // The deadline leaves the fast second answer ample time even on a loaded machine.
    server.reply({ delayMs: 5_000, body: good271 }, { body: good271 });
    expect(await adapter({ timeoutMs: 1_000 }).checkEligibility(x12_270, ctx)).toBe(x12_271.trimEnd());
  });

  it('defaults to a 60 s per-attempt timeout (long enough for payers, short of the 110 s gateway limit)', () => {
    expect(adapter({ timeoutMs: undefined }).timeoutMs).toBe(60_000);
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    const controller = new AbortController();
    server.reply({ delayMs: 2_000, body: good271 });
    const pending = adapter().checkEligibility(x12_270, { ...ctx, signal: controller.signal });
    // Abort once the payer has the request (not after a fixed delay, which a loaded machine outruns).
    while (server.received.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const error = await failure(pending);
    expect(error).toMatchObject({ name: 'PayerUnavailableError', reason: 'AbortedByCaller', attempts: 1 });
    expect(server.received).toHaveLength(1);
  });
});

describe('rate limiting', () => {
  it('waits out a short Retry-After on 429 and succeeds', async () => {
    server.reply({ status: 429, headers: { 'retry-after': '3' }, body: '' }, { body: good271 });
    await adapter().checkEligibility(x12_270, ctx);
    expect(sleeps).toEqual([3000]);
  });

  it('hands a long Retry-After to the workflow at once', async () => {
    server.reply({ status: 429, headers: { 'retry-after': '120' }, body: '' });
    const error = await failure(adapter().checkEligibility(x12_270, ctx));
    expect(error).toBeInstanceOf(PayerRateLimitedError);
    expect(error).toMatchObject({ name: 'PayerRateLimitedError', retryAfterSeconds: 120, attempts: 1 });
    expect(server.received).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('reads an HTTP-date Retry-After against the injected clock', async () => {
    server.reply({ status: 429, headers: { 'retry-after': 'Fri, 27 Nov 2026 05:05:00 GMT' }, body: '' });
    const error = await failure(adapter().checkEligibility(x12_270, ctx));
    expect(error).toMatchObject({ name: 'PayerRateLimitedError', retryAfterSeconds: 300 });
  });

  it('ends in PayerRateLimitedError after repeated 429s', async () => {
    server.reply(...Array.from({ length: 3 }, () => ({ status: 429, headers: { 'retry-after': '1' }, body: '' })));
    const error = await failure(adapter().checkEligibility(x12_270, ctx));
    expect(error).toMatchObject({ name: 'PayerRateLimitedError', retryAfterSeconds: 1, attempts: 3 });
    expect(sleeps).toEqual([1000, 1000]);
  });
});

describe('malformed replies', () => {
  it.each([
    ['not XML', '<html><body>Gateway says hello'],
    ['plain text', 'OK'],
    ['XML that is not SOAP', '<?xml version="1.0"?><status>ok</status>'],
    [
      'a SOAP body without a CORE response',
      '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><Other/></e:Body></e:Envelope>',
    ],
    [
      'a DTD',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>',
    ],
  ])('turns %s into PayerUnavailableError(MalformedReply) without retrying', async (_label, body) => {
    server.reply({ body });
    const error = await failure(adapter().checkEligibility(x12_270, ctx));
    expect(error).toMatchObject({ name: 'PayerUnavailableError', reason: 'MalformedReply', attempts: 1 });
    expect(server.received).toHaveLength(1);
  });

  it('refuses a reply larger than maxReplyBytes without retrying', async () => {
    server.reply({ body: good271 });
    const error = await failure(adapter({ maxReplyBytes: 200 }).checkEligibility(x12_270, ctx));
    expect(error).toMatchObject({ name: 'PayerUnavailableError', reason: 'ReplyTooLarge', attempts: 1 });
  });

  it('treats a Success envelope without a payload as malformed', async () => {
    server.reply({ body: (r) => coreResponse({ payloadType: 'X12_271_Response_005010X279A1', payloadId: r.core.PayloadID ?? '' }) });
    const error = await failure(adapter().checkEligibility(x12_270, ctx));
    expect(error).toMatchObject({ name: 'PayerUnavailableError', reason: 'MalformedReply' });
  });

  it('treats a payload that is not X12 as malformed', async () => {
    server.reply({
      body: (r) =>
        coreResponse({ payloadType: 'X12_271_Response_005010X279A1', payloadId: r.core.PayloadID ?? '', payload: 'hello, world!' }),
    });
    const error = await failure(adapter().checkEligibility(x12_270, ctx));
    expect(error).toMatchObject({ name: 'PayerUnavailableError', reason: 'MalformedReply' });
  });
});

describe('rejections', () => {
  it.each(['PayloadIDRequired', 'VersionMismatch', 'SenderIDIllegal', 'PayloadTypeNotSupported'])(
    'maps CORE ErrorCode %s to PayerRejectedError without retrying',
    async (code) => {
      server.reply({
        body: (r) =>
          coreResponse({
            payloadType: 'CoreEnvelopeError',
            payloadId: r.core.PayloadID ?? '',
            errorCode: code,
            errorMessage: `${code} detected`,
          }),
      });
      const error = await failure(adapter().checkEligibility(x12_270, ctx));
      expect(error).toBeInstanceOf(PayerRejectedError);
      expect(error).toMatchObject({
        name: 'PayerRejectedError',
        reasonCode: code,
        reasonText: `${code} detected`,
        retryable: false,
        attempts: 1,
      });
      expect(server.received).toHaveLength(1);
    },
  );

  it('redacts identifier-like tokens from the payer reason', async () => {
    server.reply({
      body: (r) =>
        coreResponse({
          payloadType: 'CoreEnvelopeError',
          payloadId: r.core.PayloadID ?? '',
          errorCode: 'SenderIDIllegal',
          errorMessage: 'Member 11122333301 DOB 19430519 unknown',
        }),
    });
    const error = (await failure(adapter().checkEligibility(x12_270, ctx))) as PayerRejectedError;
    expect(error.reasonText).toBe('Member [redacted] DOB [redacted] unknown');
    expectNoPhi(error.message, JSON.stringify(error), ...logLines);
  });

  it('maps a SOAP Sender fault to PayerRejectedError', async () => {
    server.reply({ status: 400, body: soapFault('Sender', 'Envelope not valid') });
    const error = await failure(adapter().checkEligibility(x12_270, ctx));
    expect(error).toMatchObject({
      name: 'PayerRejectedError',
      reasonCode: 'SoapFault:Sender',
      reasonText: 'Envelope not valid',
      attempts: 1,
    });
  });

  it('maps an acknowledgment (999) in place of a 271 to PayerRejectedError', async () => {
    const ack999 = `${x12_271.slice(0, 106)}GS*FA*000000005*54321*20131031*1147*1*X*005010X231A1~ST*999*0001*005010X231A1~AK1*HS*1*005010X279A1~AK9*R*1*1*0~SE*4*0001~GE*1*1~IEA*1*000000907~`;
    server.reply({
      body: (r) => coreResponse({ payloadType: 'X12_999_Response_005010X231A1', payloadId: r.core.PayloadID ?? '', payload: ack999 }),
    });
    const error = await failure(adapter().checkEligibility(x12_270, ctx));
    expect(error).toMatchObject({ name: 'PayerRejectedError', reasonCode: 'X12Acknowledgment999' });
  });

  it('rejects a reply of the wrong transaction set', async () => {
    server.reply({
      body: (r) => coreResponse({ payloadType: 'X12_277_Response_005010X212', payloadId: r.core.PayloadID ?? '', payload: x12_277 }),
    });
    const error = await failure(adapter().checkEligibility(x12_270, ctx));
    expect(error).toMatchObject({ name: 'PayerRejectedError', reasonCode: 'UnexpectedPayload' });
  });
});

describe('credentials', () => {
  it('re-reads the secret once after Unauthorized and retries with the rotated password', async () => {
    server.reply(
      {
        body: (r) =>
          coreResponse({
            payloadType: 'CoreEnvelopeError',
            payloadId: r.core.PayloadID ?? '',
            errorCode: 'Unauthorized',
            errorMessage: 'Bad credentials',
          }),
      },
      { body: good271 },
    );
    const subject = adapter();
    const pending = subject.checkEligibility(x12_270, ctx);
    secret = { ...secret, password: 'rotated-password' };
    expect(await pending).toBe(x12_271.trimEnd());
    expect(secretReads).toBe(2);
    expect(server.received.map((r) => r.password)).toEqual(['p&ss<w>rd"1', 'rotated-password']);
    expect(sleeps).toEqual([]);
  });

  it('ends in PayerRejectedError when the payer keeps refusing the credentials', async () => {
    server.reply({ status: 401, body: '' }, { status: 401, body: '' }, { status: 401, body: '' });
    const error = await failure(adapter().checkEligibility(x12_270, ctx));
    expect(error).toMatchObject({ name: 'PayerRejectedError', reasonCode: 'HttpStatus401', attempts: 2 });
    expect(server.received).toHaveLength(2);
  });

  it('treats a WS-Security FailedAuthentication fault as unauthorized', async () => {
    server.reply(
      { status: 500, body: soapFault('Sender', 'The security token could not be authenticated', 'FailedAuthentication') },
      { body: good271 },
    );
    expect(await adapter().checkEligibility(x12_270, ctx)).toBe(x12_271.trimEnd());
    expect(secretReads).toBe(2);
  });

  it('caches the secret between requests', async () => {
    server.reply({ body: good271 }, { body: good271 });
    const subject = adapter();
    await subject.checkEligibility(x12_270, ctx);
    await subject.checkEligibility(x12_270, ctx);
    expect(secretReads).toBe(1);
  });

  it('does not follow a redirect with the credentials', async () => {
    server.reply({ status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' }, body: '' });
    const error = await failure(adapter().checkEligibility(x12_270, ctx));
    expect(error).toMatchObject({ name: 'PayerRejectedError', reasonCode: 'HttpStatus302', attempts: 1 });
    expect(server.received).toHaveLength(1);
  });

  it('refuses a non-HTTPS endpoint that is not loopback, sending nothing', async () => {
    secret.endpointUrl = 'http://payer.example.com/core';
    const error = await failure(adapter().checkEligibility(x12_270, ctx));
    expect(error).toBeInstanceOf(PayerRequestInvalidError);
  });
});

describe('input checks', () => {
  it('refuses a payload that is not X12 without sending it or echoing it', async () => {
    const notX12 = 'Patient ROBERT SMITH 11122333301';
    const error = await failure(adapter().checkEligibility(notX12, ctx));
    expect(error).toBeInstanceOf(PayerRequestInvalidError);
    expect(server.received).toHaveLength(0);
    expectNoPhi(error.message);
  });

  it('refuses a caller PayloadID that is not a UUID', async () => {
    const error = await failure(adapter().checkEligibility(x12_270, { ...ctx, payloadId: 'claim-42' }));
    expect(error).toMatchObject({ name: 'PayerRequestInvalidError' });
    expect(server.received).toHaveLength(0);
  });
});

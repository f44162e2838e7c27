import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';

/** A request as the fake payer received it. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The CORE request fields, read with a namespace-aware parse of the body. */
  core: Record<string, string>;
  username: string | undefined;
  password: string | undefined;
}

/** What the fake payer does with one request. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Body text, or built from the request (e.g. to echo the PayloadID). */
  body?: string | ((request: ReceivedRequest) => string);
  /** Wait this long before answering (a slow payer). */
  delayMs?: number;
}

const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, trimValues: false });

function coreFields(body: string): Pick<ReceivedRequest, 'core' | 'username' | 'password'> {
  try {
    const doc = parser.parse(body) as {
      Envelope?: {
        Header?: { Security?: { UsernameToken?: Record<string, string> } };
        Body?: { COREEnvelopeRealTimeRequest?: Record<string, string> };
      };
    };
    const token = doc.Envelope?.Header?.Security?.UsernameToken;
    return { core: doc.Envelope?.Body?.COREEnvelopeRealTimeRequest ?? {}, username: token?.Username, password: token?.Password };
  } catch {
    return { core: {}, username: undefined, password: undefined };
  }
}

/** A CORE 2.2.0 real-time response envelope, as a payer's gateway sends it. */
export function coreResponse(fields: {
  payloadType: string;
  payloadId: string;
  payload?: string;
  errorCode?: string;
  errorMessage?: string;
  inCdata?: boolean;
}): string {
  const payload =
    fields.payload === undefined
      ? ''
      : fields.inCdata === false
        ? `<Payload>${fields.payload.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</Payload>`
        : `<Payload><![CDATA[${fields.payload}]]></Payload>`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body>' +
    '<ns1:COREEnvelopeRealTimeResponse xmlns:ns1="http://www.caqh.org/SOAP/WSDL/CORERule2.2.0.xsd">' +
    `<PayloadType>${fields.payloadType}</PayloadType><ProcessingMode>RealTime</ProcessingMode>` +
    `<PayloadID>${fields.payloadId}</PayloadID><TimeStamp>2026-11-27T05:00:01Z</TimeStamp>` +
    '<SenderID>PAYER01</SenderID><ReceiverID>HOSP01</ReceiverID><CORERuleVersion>2.2.0</CORERuleVersion>' +
    payload +
    `<ErrorCode>${fields.errorCode ?? 'Success'}</ErrorCode><ErrorMessage>${fields.errorMessage ?? 'None'}</ErrorMessage>` +
    '</ns1:COREEnvelopeRealTimeResponse></soap:Body></soap:Envelope>'
  );
}

/** A SOAP 1.2 fault. */
export function soapFault(code: 'Sender' | 'Receiver', reason: string, subcode?: string): string {
  return (
    '<?xml version="1.0"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault>' +
    `<env:Code><env:Value>env:${code}</env:Value>${subcode ? `<env:Subcode><env:Value>wsse:${subcode}</env:Value></env:Subcode>` : ''}</env:Code>` +
    `<env:Reason><env:Text xml:lang="en">${reason}</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>`
  );
}

/**
 * A CORE real-time endpoint on 127.0.0.1 with a free port. Replies come from the script in order; when
 * it runs out, `fallback` answers. Every request is recorded.
 */
export class FakeCoreServer {
  readonly received: ReceivedRequest[] = [];
  private readonly script: Reply[] = [];
  private server: Server | undefined;
  url = '';

  private readonly fallback: Reply;
  constructor(fallback: Reply = { status: 500, body: 'no scripted reply' }) {
    this.fallback = fallback;
  }

  /** Queues replies for the next requests. */
  reply(...replies: Reply[]): this {
    this.script.push(...replies);
    return this;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const request: ReceivedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, ...coreFields(body) };
        this.received.push(request);
        const reply = this.script.shift() ?? this.fallback;
        const send = () => {
          if (res.destroyed) return;
          const text = typeof reply.body === 'function' ? reply.body(request) : (reply.body ?? '');
          res.writeHead(reply.status ?? 200, { 'content-type': 'application/soap+xml; charset=utf-8', ...reply.headers });
          res.end(text);
        };
        if (reply.delayMs) setTimeout(send, reply.delayMs);
        else send();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/core/realtime`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

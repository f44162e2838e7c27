import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * The CAQH CORE Connectivity Rule vC2.2.0 real-time envelope (SOAP 1.2 + WS-Security UsernameToken).
 * Element names and the namespace follow the CORE 2.2.0 XSD; the envelope children are unqualified,
 * as that XSD declares and CORE-certified receivers expect.
 */
export const soap12Namespace = 'http://www.w3.org/2003/05/soap-envelope';
export const coreNamespace = 'http://www.caqh.org/SOAP/WSDL/CORERule2.2.0.xsd';
const wsseNamespace = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const passwordTextType = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';

/** SOAP 1.2 action of the CORE real-time operation (WSDL `soapAction`). */
export const realTimeAction = 'RealTimeTransaction';
export const coreRuleVersion = '2.2.0';

/** The CORE payload types this adapter sends and expects back. */
export const payloadTypes = {
  eligibilityRequest: 'X12_270_Request_005010X279A1',
  eligibilityResponse: 'X12_271_Response_005010X279A1',
  claimStatusRequest: 'X12_276_Request_005010X212',
  claimStatusResponse: 'X12_277_Response_005010X212',
  authorizationRequest: 'X12_278_Request_005010X217E1_2',
  authorizationResponse: 'X12_278_Response_005010X217E1_2',
} as const;

/** The fields of a real-time request envelope. */
export interface CoreRequestFields {
  payloadType: string;
  payloadId: string;
  /** ISO 8601 UTC, e.g. 2026-11-27T05:04:06Z. */
  timeStamp: string;
  senderId: string;
  receiverId: string;
  /** The X12 interchange (PHI). */
  payload: string;
}

/** Escapes text for an XML element or attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Wraps text in CDATA, splitting any `]]>` inside it so the section cannot end early. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** CORE TimeStamp: ISO 8601 UTC without milliseconds. */
export function coreTimeStamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Builds the SOAP 1.2 request envelope with the WS-Security UsernameToken (PasswordText). */
export function buildRealTimeRequest(fields: CoreRequestFields, credentials: { username: string; password: string }): string {
  const element = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<soapenv:Envelope xmlns:soapenv="${soap12Namespace}">`,
    '<soapenv:Header>',
    `<wsse:Security xmlns:wsse="${wsseNamespace}" soapenv:mustUnderstand="true">`,
    '<wsse:UsernameToken>',
    element('wsse:Username', credentials.username),
    `<wsse:Password Type="${passwordTextType}">${escapeXml(credentials.password)}</wsse:Password>`,
    '</wsse:UsernameToken>',
    '</wsse:Security>',
    '</soapenv:Header>',
    '<soapenv:Body>',
    `<cor:COREEnvelopeRealTimeRequest xmlns:cor="${coreNamespace}">`,
    element('PayloadType', fields.payloadType),
    element('ProcessingMode', 'RealTime'),
    element('PayloadID', fields.payloadId),
    element('TimeStamp', fields.timeStamp),
    element('SenderID', fields.senderId),
    element('ReceiverID', fields.receiverId),
    element('CORERuleVersion', coreRuleVersion),
    `<Payload>${cdata(fields.payload)}</Payload>`,
    '</cor:COREEnvelopeRealTimeRequest>',
    '</soapenv:Body>',
    '</soapenv:Envelope>',
  ].join('');
}

/** The fields of a CORE real-time response envelope (all optional until checked). */
export interface CoreResponseFields {
  payloadType?: string;
  processingMode?: string;
  payloadId?: string;
  timeStamp?: string;
  senderId?: string;
  receiverId?: string;
  coreRuleVersion?: string;
  payload?: string;
  errorCode?: string;
  errorMessage?: string;
}

/** What a reply body turned out to be. */
export type ParsedReply =
  | { kind: 'response'; fields: CoreResponseFields }
  /** `code` is the SOAP 1.2 fault code without prefix: Sender, Receiver, VersionMismatch, MustUnderstand... */
  | { kind: 'fault'; code: string; subcode?: string; reason?: string }
  /** `problem` describes the structure, never the content. */
  | { kind: 'malformed'; problem: string };

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
});

type XmlNode = Record<string, unknown>;

function child(node: unknown, name: string): unknown {
  if (node === null || typeof node !== 'object') return undefined;
  const value = (node as XmlNode)[name];
  return Array.isArray(value) ? value[0] : value;
}

function textOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (node !== null && typeof node === 'object' && typeof (node as XmlNode)['#text'] === 'string')
    return (node as XmlNode)['#text'] as string;
  return undefined;
}

function trimmedText(node: unknown): string | undefined {
  const text = textOf(node)?.trim();
  return text ? text : undefined;
}

function withoutPrefix(qname: string | undefined): string | undefined {
  return qname?.replace(/^[^:]*:/, '');
}

/**
 * Reads a SOAP reply body: a CORE response envelope, a SOAP 1.2 (or 1.1) fault, or malformed.
 * Documents with a DTD are refused (SOAP 1.2 forbids them, and it closes the entity-expansion door).
 */
export function parseReply(body: string): ParsedReply {
  if (/<!DOCTYPE/i.test(body)) return { kind: 'malformed', problem: 'reply contains a DTD' };
  if (XMLValidator.validate(body) !== true) return { kind: 'malformed', problem: 'reply is not well-formed XML' };
  const document = parser.parse(body) as unknown;
  const envelope = child(document, 'Envelope');
  const soapBody = child(envelope, 'Body');
  if (soapBody === undefined) return { kind: 'malformed', problem: 'reply is not a SOAP envelope with a Body' };

  const fault = child(soapBody, 'Fault');
  if (fault !== undefined) {
    const code = child(fault, 'Code');
    if (code !== undefined) {
      const reason = trimmedText(child(child(fault, 'Reason'), 'Text'));
      const subcode = withoutPrefix(trimmedText(child(child(code, 'Subcode'), 'Value')));
      return {
        kind: 'fault',
        code: withoutPrefix(trimmedText(child(code, 'Value'))) ?? 'Unknown',
        ...(subcode ? { subcode } : {}),
        ...(reason ? { reason } : {}),
      };
    }
    // SOAP 1.1 faults, which some gateways still send: Client/Server map to Sender/Receiver.
    const legacy = withoutPrefix(trimmedText(child(fault, 'faultcode')));
    const reason = trimmedText(child(fault, 'faultstring'));
    const mapped = legacy === 'Client' ? 'Sender' : legacy === 'Server' ? 'Receiver' : (legacy ?? 'Unknown');
    return { kind: 'fault', code: mapped, ...(reason ? { reason } : {}) };
  }

  const response = child(soapBody, 'COREEnvelopeRealTimeResponse');
  if (response === undefined) return { kind: 'malformed', problem: 'SOAP Body holds no COREEnvelopeRealTimeResponse' };
  const field = (name: string) => trimmedText(child(response, name));
  const payload = textOf(child(response, 'Payload'));
  const fields: CoreResponseFields = {
    payloadType: field('PayloadType'),
    processingMode: field('ProcessingMode'),
    payloadId: field('PayloadID'),
    timeStamp: field('TimeStamp'),
    senderId: field('SenderID'),
    receiverId: field('ReceiverID'),
    coreRuleVersion: field('CORERuleVersion'),
    payload: payload !== undefined && payload.trim() !== '' ? payload : undefined,
    errorCode: field('ErrorCode'),
    errorMessage: field('ErrorMessage'),
  };
  return { kind: 'response', fields };
}

/**
 * Extracts the X12 interchange from a Payload value: inline (CDATA or escaped) or base64, as some
 * receivers send. Whitespace around the interchange is dropped, except that the segment terminator
 * the ISA declares is kept even when it is a newline. Returns undefined when the value holds no
 * interchange.
 */
export function extractX12(payload: string): string | undefined {
  let text = payload.replace(/^\uFEFF/, '').trimStart();
  if (!text.startsWith('ISA')) {
    const compact = text.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
    text = Buffer.from(compact, 'base64')
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (!text.startsWith('ISA')) return undefined;
  }
  const terminator = isaSegmentTerminator(text);
  if (terminator === undefined) return undefined;
  const end = text.trimEnd();
  return /\s/.test(terminator) && !end.endsWith(terminator) ? end + terminator : end;
}

/**
 * The segment terminator an ISA declares: the character after ISA16. Found by walking the 16 element
 * separators rather than by position, so ISAs that are not fixed-width are read too.
 */
export function isaSegmentTerminator(text: string): string | undefined {
  const separator = text.charAt(3);
  if (separator === '' || /[A-Za-z0-9\s]/.test(separator)) return undefined;
  let position = 3;
  for (let element = 1; element < 16; element++) {
    position = text.indexOf(separator, position + 1);
    if (position < 0) return undefined;
  }
  const terminator = text.charAt(position + 2);
  return terminator === '' ? undefined : terminator;
}

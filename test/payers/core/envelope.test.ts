import { XMLParser, XMLValidator } from 'fast-xml-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstTransactionSet } from '#functions/payers/core/adapter.ts';
import { buildRealTimeRequest, coreTimeStamp, extractX12, isaSegmentTerminator, parseReply } from '#functions/payers/core/envelope.ts';
import { coreResponse, soapFault } from './fake-core-server.ts';

const isa = 'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261127*0500*^*00501*000000001*0*T*:~';
const interchange = `${isa}GS*HB*S*R*20261127*0500*1*X*005010X279A1~ST*271*0001*005010X279A1~SE*2*0001~GE*1*1~IEA*1*000000001~`;

// Printable ASCII plus the characters that break naive XML building; XML 1.0 cannot carry most
// control characters at all, and X12 does not use them.
const xmlText = fc.string({
  unit: fc.oneof(fc.string({ minLength: 1, maxLength: 1 }), fc.constantFrom(']]>', ']', '<', '>', '&', '"', "'", '\n', 'é', '中')),
});

describe('request envelope', () => {
  it('is well-formed XML for any payload text and credentials', () => {
    fc.assert(
      fc.property(
        xmlText,
        xmlText.filter((t) => t.length > 0),
        xmlText.filter((t) => t.length > 0),
        (payload, username, password) => {
          const xml = buildRealTimeRequest(
            {
              payloadType: 'X12_270_Request_005010X279A1',
              payloadId: 'id',
              timeStamp: '2026-11-27T05:00:00Z',
              senderId: 'S',
              receiverId: 'R',
              payload,
            },
            { username, password },
          );
          expect(XMLValidator.validate(xml)).toBe(true);
        },
      ),
    );
  });

  it('carries any payload and credentials through an XML parser unchanged', () => {
    const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, trimValues: false });
    fc.assert(
      fc.property(
        xmlText.filter((t) => t.length > 0),
        xmlText.filter((t) => t.length > 0),
        (payload, password) => {
          const xml = buildRealTimeRequest(
            {
              payloadType: 'X12_276_Request_005010X212',
              payloadId: 'id',
              timeStamp: '2026-11-27T05:00:00Z',
              senderId: 'S',
              receiverId: 'R',
              payload,
            },
            { username: 'user', password },
          );
          const doc = parser.parse(xml) as {
            Envelope: {
              Header: { Security: { UsernameToken: { Password: string } } };
              Body: { COREEnvelopeRealTimeRequest: { Payload: string } };
            };
          };
          expect(doc.Envelope.Body.COREEnvelopeRealTimeRequest.Payload).toBe(payload);
          expect(doc.Envelope.Header.Security.UsernameToken.Password).toBe(password);
        },
      ),
    );
  });

  it('writes TimeStamp as ISO 8601 UTC without milliseconds', () => {
    expect(coreTimeStamp(new Date('2026-11-27T05:04:06.789Z'))).toBe('2026-11-27T05:04:06Z');
  });
});

describe('reply parsing', () => {
  it('reads every field of a CORE response', () => {
    expect(parseReply(coreResponse({ payloadType: 'X12_271_Response_005010X279A1', payloadId: 'abc', payload: interchange }))).toEqual({
      kind: 'response',
      fields: {
        payloadType: 'X12_271_Response_005010X279A1',
        processingMode: 'RealTime',
        payloadId: 'abc',
        timeStamp: '2026-11-27T05:00:01Z',
        senderId: 'PAYER01',
        receiverId: 'HOSP01',
        coreRuleVersion: '2.2.0',
        payload: interchange,
        errorCode: 'Success',
        errorMessage: 'None',
      },
    });
  });

  it('reads SOAP 1.2 faults with subcode and reason', () => {
    expect(parseReply(soapFault('Sender', 'bad token', 'FailedAuthentication'))).toEqual({
      kind: 'fault',
      code: 'Sender',
      subcode: 'FailedAuthentication',
      reason: 'bad token',
    });
  });

  it('maps SOAP 1.1 Client/Server faults to Sender/Receiver', () => {
    const fault11 =
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>down</faultstring></s:Fault></s:Body></s:Envelope>';
    expect(parseReply(fault11)).toEqual({ kind: 'fault', code: 'Receiver', reason: 'down' });
  });

  it('keeps numeric-looking fields as text', () => {
    const parsed = parseReply(coreResponse({ payloadType: 'X12_271_Response_005010X279A1', payloadId: '000123', payload: interchange }));
    expect(parsed.kind === 'response' && parsed.fields.payloadId).toBe('000123');
  });
});

describe('extractX12', () => {
  it('trims whitespace around an interchange', () => {
    expect(extractX12(`\n  ${interchange}\n`)).toBe(interchange);
  });

  it('keeps a newline segment terminator', () => {
    const newlineTerminated = interchange.replace(/~/g, '\n');
    expect(extractX12(`\n${newlineTerminated}\n\n`)).toBe(newlineTerminated);
  });

  it('reads an ISA that is not fixed-width', () => {
    const short = `ISA*00**00**ZZ*S*ZZ*R*261127*0500*^*00501*1*0*T*:\nGS*HB*S*R*20261127*0500*1*X*005010X279A1\nST*271*0001\n`;
    expect(extractX12(`  ${short}\n\n`)).toBe(short);
    expect(isaSegmentTerminator(short)).toBe('\n');
  });

  it('decodes base64 and refuses what is not X12', () => {
    expect(extractX12(Buffer.from(interchange).toString('base64'))).toBe(interchange);
    expect(extractX12('not x12 at all')).toBeUndefined();
    expect(extractX12('ISA*too short')).toBeUndefined();
  });
});

describe('firstTransactionSet', () => {
  it('reads ST01 with the separators the ISA declares', () => {
    expect(firstTransactionSet(interchange)).toBe('271');
    expect(firstTransactionSet(interchange.replace(/\*/g, '|'))).toBe('271');
    expect(firstTransactionSet(`${isa}TA1*000000001*261127*0500*R*022~IEA*0*000000001~`)).toBe('TA1');
  });
});

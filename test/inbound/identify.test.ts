import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { identifyInbound } from '#functions/inbound/identify.ts';
import { tokenize } from '#functions/x12/tokenizer.ts';
import { scanIsa, skipLeadingSpace } from '#functions/x12/isa.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const isa = (sep = '*', terminator = '~') =>
  [
    'ISA',
    '00',
    '          ',
    '00',
    '          ',
    'ZZ',
    'PAYER          ',
    'ZZ',
    'PROVIDER       ',
    '261127',
    '0900',
    '^',
    '00501',
    '000000001',
    '0',
    'P',
    ':',
  ].join(sep) + terminator;

describe('identifying an inbound file from its envelope', () => {
  it.each([
    ['HP', '005010X221A1', '835', '835'],
    ['FA', '005010X231A1', '999', '999'],
    ['HN', '005010X214', '277', '277CA'],
    ['HN', '005010X212', '277', '277'],
    ['HB', '005010X279A1', '271', '271'],
  ])('functional group %s version %s is a %s (%s)', (group, version, st, kind) => {
    const file = `${isa()}\nGS*${group}*S*R*20261127*0900*1*X*${version}~\nST*${st}*0001~`;
    expect(identifyInbound(bytes(file))).toMatchObject({ ok: true, kind, transactionSet: st, version });
  });

  it('reads the delimiters from the ISA header, whatever they are', () => {
    const file = `${isa('|', '\n')}GS|HP|S|R|20261127|0900|1|X|005010X221A1\nST|835|0001\n`;
    expect(identifyInbound(bytes(file))).toMatchObject({ ok: true, kind: '835' });
  });

  it('skips a byte-order mark and leading whitespace', () => {
    const file = `\uFEFF  \r\n${isa()}GS*HP*S*R*20261127*0900*1*X*005010X221A1~ST*835*0001~`;
    expect(identifyInbound(bytes(file))).toMatchObject({ ok: true, kind: '835' });
  });

  it.each([
    ['', 'the file is empty', 0],
    ['   ', 'the file is empty', 0],
    ['%PDF-1.7 binary', 'expected the ISA segment', 0],
    ['ISA*00*   ', 'ends before element ISA03', 10],
  ])('explains why %j cannot be used, and where', (text, reason, byteOffset) => {
    const result = identifyInbound(bytes(text));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.reason).toContain(reason);
      expect(result.problem.byteOffset).toBe(byteOffset);
    }
  });

  it('names the missing GS segment', () => {
    const result = identifyInbound(bytes(`${isa()}ST*835*0001~SE*2*0001~`));
    expect(result).toMatchObject({ ok: false, problem: { segment: 'ST', reason: 'expected a GS segment after ISA' } });
  });

  it('names the missing ST segment, and a TA1 where GS should be (an interchange acknowledgment)', () => {
    expect(identifyInbound(bytes(`${isa()}GS*HP*S*R*20261127*0900*1*X*005010X221A1~`))).toMatchObject({
      ok: false,
      problem: { segment: '(missing)', reason: 'expected an ST segment after GS' },
    });
    expect(identifyInbound(bytes(`${isa()}TA1*000000001*261127*0900*R*022~IEA*0*000000001~`))).toMatchObject({
      ok: false,
      problem: { segment: 'TA1', reason: 'expected a GS segment after ISA' },
    });
  });

  it('keeps the reports the payer-file intake relies on', () => {
    const envelope835 =
      'ISA*00*          *00*          *ZZ*SANDBOXPAYER   *ZZ*GENERALHOSP    *261127*0900*^*00501*000000101*0*T*:~' +
      'GS*HP*SANDBOXPAYER*GENERALHOSP*20261127*0900*101*X*005010X221A1~ST*835*0001~';
    expect(identifyInbound(bytes(envelope835))).toEqual({
      ok: true,
      kind: '835',
      functionalGroup: 'HP',
      transactionSet: '835',
      version: '005010X221A1',
    });
    expect(identifyInbound(bytes('Dear provider, please find attached...'))).toEqual({
      ok: false,
      problem: { reason: 'not an X12 interchange: expected the ISA segment', byteOffset: 0, segment: '(start)' },
    });
    expect(identifyInbound(bytes(envelope835.slice(0, 60)))).toEqual({
      ok: false,
      problem: { reason: 'the ISA segment ends before element ISA09', byteOffset: 60, segment: 'ISA', element: 9 },
    });
    expect(identifyInbound(bytes(envelope835.slice(0, 105)))).toEqual({
      ok: false,
      problem: { reason: 'the file ends inside the ISA segment', byteOffset: 105, segment: 'ISA', element: 16 },
    });
  });

  it('reads the ISA as the engine does: bad delimiters are named, segments it cannot read are not echoed', () => {
    expect(identifyInbound(bytes(isa('*', 'X')))).toMatchObject({ ok: false, problem: { segment: 'ISA', element: 16 } });
    const misdelimited = identifyInbound(bytes(`${isa()}GS|HP|SECRETPAYER|R|20261127|0900|1|X|005010X221A1~ST*835*0001~`));
    expect(misdelimited).toMatchObject({
      ok: false,
      problem: { reason: 'expected a GS segment after ISA', segment: '(unreadable)', byteOffset: 106 },
    });
    expect(JSON.stringify(misdelimited)).not.toContain('SECRET');
  });

  it('never throws, and agrees with the engine on what the head holds (property)', () => {
    const good = `${isa()}\nGS*HP*S*R*20261127*0900*1*X*005010X221A1~ST*835*0001~BPR*I*1*C*CHK~`;
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), kind: fc.constantFrom('set', 'delete') }), {
          maxLength: 4,
        }),
        fc.nat(),
        (edits, cut) => {
          const b = [...bytes(good)];
          for (const e of edits) {
            const at = e.at % b.length;
            if (e.kind === 'set') b[at] = e.byte;
            else b.splice(at, 1);
          }
          const head = Uint8Array.from(b.slice(0, cut % (b.length + 1)));
          const result = identifyInbound(head);
          if (!result.ok) return;
          // What identify read is what the engine's tokenizer reads from the same bytes: tokenize the
          // longest prefix ending at a terminator that reads cleanly (later segments may be damaged).
          const bytesOf = Buffer.from(head);
          const isa = scanIsa(bytesOf, skipLeadingSpace(bytesOf), true);
          if (isa.status !== 'ok') throw new Error('identify accepted an unreadable ISA');
          const terminator = isa.delimiters.segment.charCodeAt(0);
          for (let end = bytesOf.lastIndexOf(terminator); end > 0; end = bytesOf.lastIndexOf(terminator, end - 1)) {
            let segments;
            try {
              segments = tokenize(bytesOf.subarray(0, end + 1));
            } catch {
              continue;
            }
            if (segments.length < 3) break;
            expect(segments[1]?.elements[1]).toBe(result.functionalGroup);
            expect(segments[2]?.elements[1]).toBe(result.transactionSet);
            return;
          }
          throw new Error('identify accepted a head the tokenizer cannot read');
        },
      ),
      { numRuns: 400 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { acknowledgeInterchange, answerWithTa1 } from '#functions/x12/interchange-ack.ts';
import type { AcknowledgeOptions } from '#functions/x12/interchange-ack.ts';
import { readTa1, TA1_NOTE_CODES, writeTa1Interchange } from '#functions/x12/ta1.ts';
import type { InterchangeAcknowledgment } from '#functions/x12/ta1.ts';
import { parseX12 } from '#functions/x12/parse.ts';
import { sequentialControlNumbers } from '#functions/x12/interchange-writer.ts';
import { X12Error } from '#functions/x12/errors.ts';
import { EXAMPLE_PARTIES } from '#functions/x12/examples.ts';
import { AFFECT, fixture } from './helpers.ts';

const OPTIONS: AcknowledgeOptions = {
  us: { qualifier: 'ZZ', id: 'OURHOSPITAL' },
  fallbackPartner: { qualifier: 'ZZ', id: 'UNKNOWNPARTNER' },
  date: '20261127',
  time: '0930',
};

const ISA = [
  'ISA',
  '00',
  '          ',
  '00',
  '          ',
  'ZZ',
  'SUBMITTER      ',
  'ZZ',
  'PAYER          ',
  '261127',
  '0900',
  '^',
  '00501',
  '000000123',
  '1',
  'T',
  ':',
];
const BODY = 'GS*HC*SUBMITTER*PAYER*20261127*0900*7*X*005010X222A1~ST*837*0001*005010X222A1~SE*2*0001~GE*1*7~IEA*1*000000123~';

/** An interchange whose ISA has the given elements replaced (1-based positions). */
function interchange(overrides: Record<number, string> = {}, body = BODY, terminator = '~'): string {
  const e = ISA.map((v, i) => overrides[i] ?? v);
  return `${e.join('*')}${terminator}${body}`;
}

function ack(text: string, options: Partial<AcknowledgeOptions> = {}) {
  return acknowledgeInterchange(text, { ...OPTIONS, ...options });
}

describe('TA1 segment', () => {
  const a: InterchangeAcknowledgment = {
    controlNumber: '000000123',
    date: '261127',
    time: '0900',
    acknowledgmentCode: 'R',
    noteCode: '022',
  };

  it('is written between ISA and IEA, outside any group, and read back from parse results', () => {
    const text = writeTa1Interchange(
      EXAMPLE_PARTIES,
      [a, { ...a, controlNumber: '000000124', acknowledgmentCode: 'A', noteCode: '000' }],
      sequentialControlNumbers(42),
    );
    expect(text.split('\n').map((s) => s.split('*')[0])).toEqual(['ISA', 'TA1', 'TA1', 'IEA', '']);
    expect(text).toContain('\nTA1*000000123*261127*0900*R*022~\n');
    expect(text).toContain('\nIEA*0*000000042~');
    const r = parseX12(text, { strict: true });
    expect(r.findings).toEqual([]);
    expect(r.summary).toEqual({ interchanges: 1, groups: 0, transactionSets: 0 });
    expect(r.acknowledgments.map(({ interchange: _i, byteOffset: _b, segmentPosition: _p, ...rest }) => rest)).toEqual([
      a,
      { ...a, controlNumber: '000000124', acknowledgmentCode: 'A', noteCode: '000' },
    ]);
    expect(r.acknowledgments[0]?.interchange?.controlNumber).toBe('000000042');
    expect(r.valid).toBe(true);
  });

  it('knows the 32 note codes of the interchange control standard', () => {
    expect(Object.keys(TA1_NOTE_CODES)).toEqual(Array.from({ length: 32 }, (_, i) => String(i).padStart(3, '0')));
  });

  it('refuses to write an invalid TA1, naming the element', () => {
    expect(() => writeTa1Interchange(EXAMPLE_PARTIES, [{ ...a, noteCode: '032' as never }], sequentialControlNumbers())).toThrow(
      /TA105.*element 05/,
    );
    expect(() => writeTa1Interchange(EXAMPLE_PARTIES, [{ ...a, controlNumber: '123' }], sequentialControlNumbers())).toThrow(X12Error);
    expect(() => writeTa1Interchange(EXAMPLE_PARTIES, [], sequentialControlNumbers())).toThrow(/at least one TA1/);
  });

  it('reports a malformed or misplaced TA1 without echoing it', () => {
    expect(readTa1({ elements: ['TA1', '12', '261127', '0900', 'X', '099'] }).problems.map((p) => p.elementPosition)).toEqual([1, 4, 5]);
    const misplaced = interchange({}, 'GS*HC*S*R*20261127*0900*7*X*005010X222A1~TA1*000000001*261127*0900*A*000~GE*0*7~IEA*1*000000123~');
    expect(parseX12(misplaced).findings.map((f) => f.code)).toEqual(['TA1_MISPLACED']);
    const bad = interchange({}, 'TA1*000000001*261399*0900*Q*777~IEA*0*000000123~');
    const findings = parseX12(bad).findings;
    expect(findings.map((f) => `${f.code} ${f.elementPosition}`)).toEqual(['INVALID_TA1 4', 'INVALID_TA1 5']);
    expect(() => parseX12(bad, { strict: true })).toThrow(X12Error);
  });
});

describe('acknowledging an incoming interchange', () => {
  it('accepts a sound interchange: A, 000, echoing ISA13, ISA09 and ISA10, answering from its receiver to its sender', () => {
    const r = ack(interchange());
    expect(r.problems).toEqual([]);
    expect(r.acknowledgment).toEqual({
      controlNumber: '000000123',
      date: '261127',
      time: '0900',
      acknowledgmentCode: 'A',
      noteCode: '000',
    });
    expect(r.parties).toMatchObject({
      senderQualifier: 'ZZ',
      senderId: 'PAYER',
      receiverQualifier: 'ZZ',
      receiverId: 'SUBMITTER',
      usageIndicator: 'T',
      acknowledgmentRequested: '0',
      date: '20261127',
      time: '0930',
    });
  });

  it('accepts the corpus remittances (real payers) or notes what is wrong', () => {
    expect(ack(fixture('LinuxForHealth-x12/demo-file/demo.835').toString('latin1')).acknowledgment).toMatchObject({
      acknowledgmentCode: 'A',
      noteCode: '000',
      controlNumber: '000000907',
    });
    // Nevada Medicaid pads no ISA field and its IEA02 differs from ISA13: accepted with errors.
    const nevada = ack(fixture(`${AFFECT}nevada_medicaid.txt`).toString('latin1'));
    expect(nevada.acknowledgment).toMatchObject({ acknowledgmentCode: 'E', noteCode: '011' });
    expect(nevada.problems.map((p) => p.noteCode)).toEqual(['011', '013', '006', '008', '001']);
  });

  it.each([
    ['ISA01', { 1: '99' }, '010'],
    ['ISA03', { 3: '99' }, '012'],
    ['ISA05', { 5: 'XX' }, '005'],
    ['ISA06', { 6: '               ' }, '006'],
    ['ISA07', { 7: '9' }, '007'],
    ['ISA08', { 8: '               ' }, '008'],
    ['ISA09', { 9: '261340' }, '014'],
    ['ISA10', { 10: '2561' }, '015'],
    ['ISA11', { 11: 'U' }, '016'],
    ['ISA12 (other version)', { 12: '00401' }, '003'],
    ['ISA12 (not a version)', { 12: '5010A' }, '017'],
    ['ISA13', { 13: '12345678X' }, '018'],
    ['ISA14', { 14: '2' }, '019'],
    ['ISA15', { 15: 'X' }, '020'],
  ])('rejects an invalid %s with its note code', (_name, overrides, noteCode) => {
    const r = ack(interchange(overrides));
    expect(r.acknowledgment).toMatchObject({ acknowledgmentCode: 'R', noteCode });
    expect(r.problems[0]).toMatchObject({ noteCode, segmentId: 'ISA', byteOffset: 0 });
  });

  it('rejects unreadable delimiters, falling back to our own identity when the ISA cannot be split', () => {
    const separator = ack(`ISAA00A${interchange().slice(7)}`);
    expect(separator.acknowledgment).toEqual({
      controlNumber: '000000000',
      date: '261127',
      time: '0930',
      acknowledgmentCode: 'R',
      noteCode: '026',
    });
    expect(separator.parties).toMatchObject({ senderId: 'OURHOSPITAL', receiverId: 'UNKNOWNPARTNER', usageIndicator: 'P' });
    const component = ack(interchange({ 16: 'Z' }));
    expect(component.acknowledgment).toMatchObject({ acknowledgmentCode: 'R', noteCode: '027', controlNumber: '000000123' });
    expect(component.parties).toMatchObject({ senderId: 'PAYER', receiverId: 'SUBMITTER' });
    expect(ack(interchange({}, BODY.replaceAll('~', 'A'), 'A')).acknowledgment).toMatchObject({ acknowledgmentCode: 'R', noteCode: '004' });
    expect(ack(interchange({}, BODY.replace('GS*HC*', 'GS|HC|'))).acknowledgment).toMatchObject({
      acknowledgmentCode: 'R',
      noteCode: '026',
    });
    expect(ack(interchange({}, BODY.replace('ST*837*0001*005010X222A1~', 'ST*837*0001\n*005010X222A1~'))).acknowledgment).toMatchObject({
      acknowledgmentCode: 'R',
      noteCode: '004',
    });
  });

  it('rejects what is not an interchange, or ends too early', () => {
    expect(ack('').acknowledgment).toMatchObject({ acknowledgmentCode: 'R', noteCode: '023' });
    expect(ack('Dear provider, please find attached').acknowledgment).toMatchObject({ acknowledgmentCode: 'R', noteCode: '022' });
    expect(ack(interchange().slice(0, 60)).acknowledgment).toMatchObject({ acknowledgmentCode: 'R', noteCode: '023' });
    expect(ack(interchange().replace('IEA*1*000000123~', '')).acknowledgment).toMatchObject({ acknowledgmentCode: 'R', noteCode: '023' });
    expect(ack(interchange().slice(0, -10)).acknowledgment).toMatchObject({ acknowledgmentCode: 'R', noteCode: '023' });
  });

  it('notes trailer mismatches as accepted with errors, and invalid content as rejected', () => {
    expect(ack(interchange().replace('IEA*1*000000123', 'IEA*1*000000999')).acknowledgment).toMatchObject({
      acknowledgmentCode: 'E',
      noteCode: '001',
    });
    expect(ack(interchange().replace('IEA*1*', 'IEA*3*')).acknowledgment).toMatchObject({ acknowledgmentCode: 'E', noteCode: '021' });
    expect(ack(interchange().replace('*X*005010X222A1~ST', '*X*~ST')).acknowledgment).toMatchObject({
      acknowledgmentCode: 'R',
      noteCode: '024',
    });
    expect(ack(interchange().replace('GS*HC*SUBMITTER*PAYER*20261127*0900*7*X*005010X222A1~', '')).acknowledgment).toMatchObject({
      acknowledgmentCode: 'R',
      noteCode: '024',
    });
    // Group- and transaction-level counts are the 999's business, not the TA1's.
    expect(ack(interchange().replace('SE*2*', 'SE*9*').replace('GE*1*', 'GE*4*')).acknowledgment).toMatchObject({
      acknowledgmentCode: 'A',
      noteCode: '000',
    });
  });

  it('rejects an unknown receiver and a duplicate control number when told how to tell', () => {
    expect(ack(interchange(), { knownReceivers: [{ qualifier: 'ZZ', id: 'SOMEONEELSE' }] }).acknowledgment).toMatchObject({
      acknowledgmentCode: 'R',
      noteCode: '009',
    });
    expect(ack(interchange(), { knownReceivers: [{ qualifier: 'ZZ', id: 'PAYER' }] }).acknowledgment.noteCode).toBe('000');
    const seen = new Set(['ZZ|SUBMITTER|000000123']);
    expect(
      ack(interchange(), { isDuplicate: (i) => seen.has(`${i.senderQualifier}|${i.senderId}|${i.controlNumber}`) }).acknowledgment,
    ).toMatchObject({ acknowledgmentCode: 'R', noteCode: '025' });
  });

  it('writes the answer as a TA1 interchange that reads back', () => {
    const answer = answerWithTa1(interchange({ 12: '00401' }), OPTIONS, sequentialControlNumbers(500));
    const back = parseX12(answer.x12, { strict: true });
    expect(back.acknowledgments[0]).toMatchObject({
      ...answer.acknowledgment,
      interchange: { senderId: 'PAYER', receiverId: 'SUBMITTER', controlNumber: '000000500' },
    });
  });

  it('always produces a writable TA1 whose notes never echo the input (property over damaged files)', () => {
    const source = Buffer.from(interchange());
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), kind: fc.constantFrom('set', 'delete', 'insert') }), {
          maxLength: 6,
        }),
        fc.option(fc.nat(), { nil: undefined }),
        (edits, truncate) => {
          let b = [...source];
          for (const e of edits) {
            const at = e.at % (b.length + 1);
            if (e.kind === 'set' && at < b.length) b[at] = e.byte;
            else if (e.kind === 'delete') b.splice(at, 1);
            else b.splice(at, 0, e.byte);
          }
          if (truncate !== undefined) b = b.slice(0, truncate % (b.length + 1));
          const r = answerWithTa1(Buffer.from(b), OPTIONS, sequentialControlNumbers());
          expect(parseX12(r.x12, { strict: true }).acknowledgments).toHaveLength(1);
          for (const p of r.problems) expect(p.expected).not.toMatch(/SUBMITTER|PAYER\b/);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('public surface', () => {
  it('exports the TA1 and per-claim readers from the engine index', async () => {
    const x12 = await import('#functions/x12/index.ts');
    expect(x12.answerWithTa1).toBe(answerWithTa1);
    expect(typeof x12.streamRemittanceClaims).toBe('function');
    expect(typeof x12.readRemittanceClaims).toBe('function');
    expect(typeof x12.RemittanceBalancer).toBe('function');
    expect(typeof x12.scanIsa).toBe('function');
  });
});

/** Inputs the reader must name correctly: a CLP without LX, a 275 with a BIN payload, UTF-16, a nested ISA. */
import { describe, expect, it } from 'vitest';
import { parseX12 } from '#functions/x12/parse.ts';
import { readRemittanceClaims } from '#functions/x12/remittance-stream.ts';
import type { RemittanceEvent } from '#functions/x12/remittance-stream.ts';
import { X12Error } from '#functions/x12/errors.ts';

const ISA = 'ISA*00*          *00*          *ZZ*PAYER          *ZZ*PROVIDER       *260105*0930*^*00501*000000001*0*T*:~';
const remittance = (body: string[]): string =>
  `${ISA}GS*HP*PAYER*PROVIDER*20260105*0930*1*X*005010X221A1~ST*835*0001~${body.join('~')}~SE*${body.length + 2}*0001~GE*1*1~IEA*1*000000001~`;
const HEADER = [
  'BPR*I*100*C*CHK************20260105',
  'TRN*1*CHECK1*1999999999',
  'N1*PR*PAYER',
  'N3*1 MAIN ST',
  'N4*CITY*NY*10001',
  'N1*PE*PROVIDER*XX*1234567893',
];
const CLAIM = ['CLP*PCN1*1*150*100**12*ICN1', 'NM1*QC*1*DOE*JOHN****MI*M1', 'SVC*HC:99213*150*100', 'CAS*CO*45*50'];

describe('a CLP without its LX', () => {
  it('is read under an implied header number and reported, not dropped', () => {
    const r = parseX12(remittance([...HEADER, ...CLAIM]));
    const t = r.transactions[0];
    expect(t?.findings.map((f) => `${f.severity}:${f.code}:${f.segmentId}@${f.segmentPosition}`)).toEqual(['error:MISSING_LOOP:CLP@10']);
    expect(t?.balance).toMatchObject({ claimCount: 1, balanced: true, totalClaimPaymentCents: 10000 });
    const events = [...readRemittanceClaims(remittance([...HEADER, ...CLAIM]))] as RemittanceEvent[];
    expect(events.map((e) => e.type)).toEqual(['header', 'claim', 'trailer']);
    expect(events[1]?.type === 'claim' && events[1].claim.chargeCents).toBe(15000);
  });

  it('with its LX there is nothing to report', () => {
    expect(parseX12(remittance([...HEADER, 'LX*1', ...CLAIM])).valid).toBe(true);
  });
});

describe('a 275 with a BIN payload', () => {
  // The payload holds the segment terminator, line breaks and NUL bytes: it is skipped by its length.
  const payload = Buffer.from('%PDF-1.4\n~*:^\u0000\r\nbinary~end', 'latin1');
  const bytes = Buffer.concat([
    Buffer.from(
      `${ISA.replace('*0*T*', '*0*T*')}GS*PI*PROVIDER*PAYER*20260105*0930*1*X*005010X210~ST*275*0001*005010X210~BGN*11*ATT1*20260105~`,
      'latin1',
    ),
    Buffer.from(`BIN*${payload.length}*`, 'latin1'),
    payload,
    Buffer.from('~SE*4*0001~GE*1*1~IEA*1*000000001~', 'latin1'),
  ]);

  it('is an unsupported transaction set 275, read for its envelope', () => {
    const r = parseX12(bytes);
    expect(r.summary).toEqual({ interchanges: 1, groups: 1, transactionSets: 1 });
    expect(r.transactions[0]?.findings.map((f) => `${f.severity}:${f.code}`)).toEqual(['warning:UNSUPPORTED_TRANSACTION']);
    expect(r.transactions[0]?.setId).toBe('275');
    expect(r.findings).toEqual([]);
  });

  it('is read the same in any chunking', async () => {
    const { parseX12Async } = await import('#functions/x12/parse.ts');
    async function* chunks(size: number): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    }
    for (const size of [1, 3, 7, 50]) {
      const r = await parseX12Async(chunks(size));
      expect(r.transactions.map((t) => t.setId)).toEqual(['275']);
      expect(r.findings).toEqual([]);
    }
  });

  it('a payload shorter than its BIN01 says is a typed error', () => {
    const cut = bytes.subarray(0, bytes.length - 40);
    expect(() => parseX12(cut)).toThrow(expect.objectContaining({ code: 'TRUNCATED', segmentId: 'BIN' }));
  });
});

describe('UTF-16 input', () => {
  it('is named as such, with or without a byte-order mark', () => {
    const text = remittance([...HEADER, 'LX*1', ...CLAIM]);
    for (const bytes of [Buffer.from(text, 'utf16le'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])]) {
      let error: unknown;
      try {
        parseX12(bytes);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(X12Error);
      expect(error).toMatchObject({ code: 'UTF16_INPUT', byteOffset: 0 });
    }
  });
});

describe('a nested ISA', () => {
  it('is reported where it starts, and the interchange it opens is read', () => {
    const whole = remittance([...HEADER, 'LX*1', ...CLAIM]);
    const cut = whole.slice(0, whole.indexOf('SE*'));
    const second = whole.replace(/000000001/g, '000000002');
    const r = parseX12(cut + second);
    const nestedAt = Buffer.byteLength(cut);
    expect(r.transactions[0]?.findings.filter((f) => f.severity === 'error').map((f) => `${f.code}@${f.byteOffset}`)).toEqual([
      `MISSING_SE@${nestedAt}`,
      `MISSING_SEGMENT@${cut.indexOf('ST*835')}`, // the SE the cut transaction set lacks, at its ST
    ]);
    expect(r.findings.map((f) => `${f.code}@${f.byteOffset}`)).toEqual([`MISSING_GE@${nestedAt}`, `MISSING_IEA@${nestedAt}`]);
    expect(r.transactions[1]?.findings).toEqual([]);
    expect(r.summary).toEqual({ interchanges: 2, groups: 2, transactionSets: 2 });
  });
});

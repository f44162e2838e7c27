/**
 * A NUL byte (or another control character) inside a segment means the file's bytes were damaged in
 * transit: nothing of it is used. The whole-file checks of an 835 and of a 999/277CA name the segment
 * (id and position in the file), the element and the segment's byte offset, never the value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAcknowledgement, checkAcknowledgementFile } from '#functions/acknowledgements/apply-acknowledgement.ts';
import { checkRemittanceFile, postRemittanceFile } from '#functions/remittance/post-remittance-file.ts';
import type { Store } from '#functions/store/index.ts';
import { ack277ca, ack999 } from '#test/acknowledgements/fixtures.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A store that fails the test if a damaged file reaches it. */
const untouchable = new Proxy({} as Store, {
  get: (_target, repository) => {
    throw new Error(`a damaged file reached the store (${String(repository)})`);
  },
});

const era =
  'ISA*00*          *00*          *ZZ*SANDBOXPAYER   *ZZ*GENERALHOSP    *261127*0900*^*00501*000000101*0*T*:~' +
  'GS*HP*SANDBOXPAYER*GENERALHOSP*20261127*0900*101*X*005010X221A1~ST*835*0001~' +
  'BPR*I*150*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20261127~TRN*1*EFT-0000101*1512345678~' +
  'N1*PR*SANDBOX HEALTH PLAN*XV*SBXCOMM01~N1*PE*GENERAL HOSPITAL*XX*1245319599~LX*1~' +
  'CLP*PCN-0001*1*200*150*50*12*PAYERCLM-0001*11*1~CAS*PR*2*50~NM1*QC*1*DOE*JANE****MI*ABC123~' +
  'SE*10*0001~GE*1*101~IEA*1*000000101~';

describe('an 835 with a control character inside a segment', () => {
  it('is refused whole with the segment, its position, the element and the byte offset; nothing reaches the store', async () => {
    const damaged = era.replace('CLP*PCN-0001', 'CLP*PCN-00\u000001');
    const expected = {
      reason: expect.stringMatching(/^CONTROL_CHARACTER: .*CLP01/),
      byteOffset: era.indexOf('CLP*'),
      segment: 'CLP',
      segmentPosition: 9,
      element: 1,
    };
    expect(await checkRemittanceFile(bytes(damaged))).toEqual(expected);
    const outcome = await postRemittanceFile(untouchable, { source: bytes(damaged), receivedAt: '2026-11-27T10:00:00Z' });
    expect(outcome).toMatchObject({ status: 'unreadable', posted: 0, problem: expected });
    // Positions, never the value around the damage.
    expect(JSON.stringify(outcome)).not.toContain('PCN-00');
  });

  it('is refused wherever the character sits: the payer’s name in the header, an amount, any C0 control or DEL', async () => {
    expect(await checkRemittanceFile(bytes(era.replace('SANDBOX HEALTH', 'SANDBOX\u0001HEALTH')))).toMatchObject({
      segment: 'N1',
      element: 2,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...[...Array(32).keys()].filter((c) => ![0x0a, 0x0d].includes(c)), 0x7f),
        fc.integer({ min: 1, max: 5 }),
        async (code, at) => {
          const clp = era.indexOf('CLP*PCN-0001');
          const damaged = era.slice(0, clp + 4 + at) + String.fromCharCode(code) + era.slice(clp + 4 + at);
          expect(await checkRemittanceFile(bytes(damaged))).toMatchObject({
            reason: expect.stringMatching(/^CONTROL_CHARACTER/),
            segment: 'CLP',
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is refused in a segment no definition reads, and in the ISA and GS envelope (not in ISA16, a delimiter)', async () => {
    const unknown = era.replace('SE*10*0001', 'ZZZ*A\u0000B~SE*11*0001');
    expect(await checkRemittanceFile(bytes(unknown))).toEqual({
      reason: expect.stringMatching(/^CONTROL_CHARACTER: .*ZZZ01/),
      byteOffset: era.indexOf('SE*10'),
      segment: 'ZZZ',
      segmentPosition: 12,
      element: 1,
    });
    expect(await checkRemittanceFile(bytes(era.replace('GENERALHOSP*', 'GENERAL\u0000HOSP*')))).toMatchObject({
      segment: 'GS',
      segmentPosition: 2,
      element: 3,
      byteOffset: era.indexOf('GS*'),
    });
    expect(await checkRemittanceFile(bytes(era.replace('SANDBOXPAYER   ', 'SANDBOX\u0000PAYER  ')))).toMatchObject({
      segment: 'ISA',
      element: 6,
      byteOffset: 0,
    });
    // A component separator that is itself a control character (ISA16) is a delimiter, not damage.
    const unitSeparator = era.replace('*T*:~', '*T*\u001f~');
    expect(await checkRemittanceFile(bytes(unitSeparator))).toBeUndefined();
  });

  it('a whole, clean 835 is still read as before', async () => {
    expect(await checkRemittanceFile(bytes(era))).toBeUndefined();
  });
});

describe('a 999 or 277CA with a control character inside a segment', () => {
  it('a 277CA: refused with where, no claim touched', async () => {
    const damaged = ack277ca.replace('STC*A3', 'STC*A\u00003');
    const problem = checkAcknowledgementFile(bytes(damaged));
    expect(problem).toEqual({
      reason: expect.stringMatching(/^CONTROL_CHARACTER: .*STC01/),
      byteOffset: ack277ca.indexOf('STC*A3'),
      segment: 'STC',
      segmentPosition: expect.any(Number),
      element: 1,
    });
    expect(
      await applyAcknowledgement(untouchable, { kind: '277CA', body: bytes(damaged), arrivedAt: '2026-11-27T10:00:00Z' }),
    ).toMatchObject({
      status: 'unreadable',
      accepted: 0,
      rejected: 0,
      problem,
    });
  });

  it('a 999: refused with where, no claim touched', async () => {
    const whole = ack999(7);
    const damaged = whole.replace('AK9*', 'AK9*\u0000');
    expect(checkAcknowledgementFile(bytes(damaged))).toMatchObject({
      reason: expect.stringMatching(/^CONTROL_CHARACTER: .*AK901/),
      byteOffset: whole.indexOf('AK9*'),
      segment: 'AK9',
      element: 1,
    });
    expect(await applyAcknowledgement(untouchable, { kind: '999', body: bytes(damaged), arrivedAt: '2026-11-27T10:00:00Z' })).toMatchObject(
      {
        status: 'unreadable',
      },
    );
  });
});

/**
 * Element usage and code lists of the 270 (005010X279A1) aligned with pyx12's map
 * 270.5010.X279.A1.xml and stupidedi's X279A1-HS270.rb, which agree. Each rule has a passing case (a
 * public TR3 example, or the same with what the guide allows) and a failing one (the same file with
 * exactly the defect), with its segment and element. Our own 270 (exchange's write270) reads with no
 * error whatever the patient's sex.
 */
import { describe, expect, it } from 'vitest';
import { write270 } from '#functions/payers/exchange/eligibility270.ts';
import type { Eligibility270Input } from '#functions/payers/exchange/eligibility270.ts';
import { sequentialControlNumbers } from '#functions/x12/interchange-writer.ts';
import { edit, errors, insert, LFH, publicFile } from './helpers.ts';

// LinuxForHealth's TR3 examples: a subscriber's inquiry, and a dependent's.
const SUB = publicFile(`${LFH}270_005010X279A1/subscriber-health-benefit-check.270`);
const DEP = publicFile(`${LFH}270_005010X279A1/dependent-health-benefit-check.270`);
const SOURCE = 'NM1*PR*2*ABC COMPANY*****PI*842610001';
const RECEIVER = 'NM1*1P*2*BONE AND JOINT CLINIC*****SV*2000035';
const SUBSCRIBER = 'NM1*IL*1*SMITH*ROBERT****MI*11122333301';
const BHT = 'BHT*0022*13*10001234*20060501*1319';

describe('270: what the guide allows is read without error (false rejections)', () => {
  it('the public files read with no error', () => {
    expect(errors(SUB)).toEqual([]);
    expect(errors(DEP)).toEqual([]);
  });

  it('BHT03 is situational; BHT06 RT (spend down) is allowed', () => {
    expect(errors(edit(SUB, BHT, 'BHT*0022*13**20060501*1319'))).toEqual([]);
    expect(errors(edit(SUB, BHT, `${BHT}*RT`))).toEqual([]);
  });

  it('PRV02/PRV03 are situational (a pair); DMG01 is situational (a DMG may carry the gender alone)', () => {
    expect(errors(insert(SUB, RECEIVER, ['PRV*BI']))).toEqual([]);
    expect(errors(insert(SUB, SUBSCRIBER, ['PRV*PC*HPI*1234567893']))).toEqual([]);
    expect(errors(edit(SUB, 'DMG*D8*19430519', 'DMG***M'))).toEqual([]);
  });
});

describe('270: required elements (MISSING_ELEMENT)', () => {
  it('2100A and 2100B: the source and the receiver are named (NM103) and identified (NM108/NM109)', () => {
    expect(errors(edit(SUB, SOURCE, 'NM1*PR*2******PI*842610001'))).toEqual(['MISSING_ELEMENT:NM13']);
    expect(errors(edit(SUB, RECEIVER, 'NM1*1P*2******SV*2000035'))).toEqual(['MISSING_ELEMENT:NM13']);
    expect(errors(edit(SUB, RECEIVER, 'NM1*1P*2*BONE AND JOINT CLINIC'))).toEqual(['MISSING_ELEMENT:NM18', 'MISSING_ELEMENT:NM19']);
  });

  it('TRN03 (the trace assigning entity) and REF02 are required', () => {
    expect(errors(edit(SUB, 'TRN*1*93175-012547*9877281234', 'TRN*1*93175-012547'))).toEqual(['MISSING_ELEMENT:TRN3']);
    expect(errors(insert(SUB, SUBSCRIBER, ['REF*6P*G123']))).toEqual([]);
  });

  it("INS17 (birth sequence) is required in the subscriber's INS", () => {
    expect(errors(insert(SUB, 'DMG*D8*19430519', ['INS*Y*18***************2']))).toEqual([]);
    expect(errors(insert(SUB, 'DMG*D8*19430519', ['INS*Y*18']))).toEqual(['MISSING_ELEMENT:INS17']);
  });
});

describe('270: Not Used elements carrying data (UNUSED_ELEMENT)', () => {
  it('NM106, NM110, and the dependent identified (NM108/NM109)', () => {
    expect(errors(edit(SUB, SUBSCRIBER, 'NM1*IL*1*SMITH*ROBERT**MR**MI*11122333301'))).toEqual(['UNUSED_ELEMENT:NM16']);
    expect(errors(edit(SUB, SOURCE, `${SOURCE}*01`))).toEqual(['UNUSED_ELEMENT:NM110']);
    expect(errors(edit(DEP, 'NM1*03*1*SMITH*MARY', 'NM1*03*1*SMITH*MARY****MI*123456789'))).toEqual([
      'UNUSED_ELEMENT:NM18',
      'UNUSED_ELEMENT:NM19',
    ]);
  });

  it("REF03 in the member's REF, N405/N406, INS03/INS04 and INS09", () => {
    expect(errors(insert(SUB, SUBSCRIBER, ['REF*6P*G123*GOLD GROUP']))).toEqual(['UNUSED_ELEMENT:REF3']);
    expect(errors(insert(SUB, SUBSCRIBER, ['N3*1 MAIN ST', 'N4*KANSAS CITY*MO*64108**RJ*1']))).toEqual([
      'UNUSED_ELEMENT:N45',
      'UNUSED_ELEMENT:N46',
    ]);
    expect(errors(insert(DEP, 'DMG*D8*19781014', ['INS*N*19*001*25']))).toEqual(['UNUSED_ELEMENT:INS3', 'UNUSED_ELEMENT:INS4']);
    expect(errors(insert(DEP, 'DMG*D8*19781014', ['INS*N*19*******F']))).toEqual(['UNUSED_ELEMENT:INS9']);
  });

  it('EQ02-07/EQ02-08 and AMT03 in the inquiry', () => {
    expect(errors(edit(SUB, 'EQ*30', 'EQ**HC:99213'))).toEqual([]);
    expect(errors(edit(SUB, 'EQ*30', 'EQ**HC:99213:::::X'))).toEqual(['UNUSED_ELEMENT:EQ2-7']);
    expect(errors(edit(SUB, 'EQ*30', 'EQ**HC:99213::::::N1'))).toEqual(['UNUSED_ELEMENT:EQ2-8']);
    expect(errors(insert(SUB, 'EQ*30', ['AMT*R*100']))).toEqual([]);
    expect(errors(insert(SUB, 'EQ*30', ['AMT*R*100*C']))).toEqual(['UNUSED_ELEMENT:AMT3']);
  });
});

describe('270: code lists per loop (INVALID_CODE)', () => {
  it('BHT02 01 or 13; 2100B NM108 without 46; TRN01 1', () => {
    expect(errors(edit(SUB, BHT, 'BHT*0022*36*10001234*20060501*1319'))).toEqual(['INVALID_CODE:BHT2']);
    expect(errors(edit(SUB, RECEIVER, 'NM1*1P*2*BONE AND JOINT CLINIC*****46*2000035'))).toEqual(['INVALID_CODE:NM18']);
    expect(errors(edit(SUB, 'TRN*1*93175', 'TRN*2*93175'))).toEqual(['INVALID_CODE:TRN1']);
  });

  it("the member's REF01, DMG03 (F or M for the subscriber), INS01/INS02 and DTP02", () => {
    expect(errors(insert(SUB, SUBSCRIBER, ['REF*9F*123']))).toEqual(['INVALID_CODE:REF1']);
    expect(errors(edit(SUB, 'DMG*D8*19430519', 'DMG*D8*19430519*U'))).toEqual(['INVALID_CODE:DMG3']);
    expect(errors(edit(DEP, 'DMG*D8*19781014', 'DMG*D8*19781014*U'))).toEqual([]);
    expect(errors(insert(DEP, 'DMG*D8*19781014', ['INS*N*19']))).toEqual([]);
    expect(errors(insert(DEP, 'DMG*D8*19781014', ['INS*N*20']))).toEqual(['INVALID_CODE:INS2']);
    expect(errors(insert(DEP, 'DMG*D8*19781014', ['INS*Y*19']))).toEqual(['INVALID_CODE:INS1']);
    expect(errors(edit(SUB, 'DTP*291*D8*20060501', 'DTP*291*DT*200605011200'))).toEqual(['INVALID_CODE:DTP2']);
  });

  it('EQ01 service types, EQ03 FAM, AMT01, III01 ZZ and REF01 9F/G1 in the inquiry', () => {
    expect(errors(edit(SUB, 'EQ*30', 'EQ*30^98^UC**FAM'))).toEqual([]);
    expect(errors(edit(SUB, 'EQ*30', 'EQ*30^31'))).toEqual(['INVALID_CODE:EQ1']);
    expect(errors(edit(SUB, 'EQ*30', 'EQ*30**IND'))).toEqual(['INVALID_CODE:EQ3']);
    expect(errors(insert(SUB, 'EQ*30', ['AMT*T3*100']))).toEqual(['INVALID_CODE:AMT1']);
    expect(errors(insert(SUB, 'EQ*30', ['III*ZZ*21', 'REF*G1*AUTH1']))).toEqual([]);
    expect(errors(insert(SUB, 'EQ*30', ['III*BF*21']))).toEqual(['INVALID_CODE:III1']);
    expect(errors(insert(SUB, 'EQ*30', ['REF*6P*123']))).toEqual(['INVALID_CODE:REF1']);
  });
});

describe('270: our own writer', () => {
  const input = (sex: 'F' | 'M' | 'U', serviceTypeCodes?: string[]): Eligibility270Input =>
    ({
      patient: { patientId: 'P-1', lastName: 'DOE', firstName: 'JANE', dateOfBirth: '1980-02-03', sex },
      coverage: { patientId: 'P-1', payerId: 'PAYER1', memberId: 'M123456', relationshipToSubscriber: 'self' },
      provider: { organizationName: 'GENERAL HOSPITAL', npi: '1234567893', taxId: '123456789' },
      payer: { payerId: 'PAYER1', name: 'ACME HEALTH' },
      date: '2026-01-15',
      traceNumber: 'ELIG-1',
      ...(serviceTypeCodes ? { serviceTypeCodes } : {}),
    }) as unknown as Eligibility270Input;
  const interchange = { senderId: 'HOSPITAL', receiverId: 'PAYER1', usageIndicator: 'T' as const };
  const write = (i: Eligibility270Input) => write270(i, { interchange, now: '2026-01-15T09:00:00Z' }, sequentialControlNumbers());

  it('writes a conformant 270 for each sex, leaving DMG03 out when it is unknown', () => {
    for (const sex of ['F', 'M'] as const) expect(errors(write(input(sex)))).toEqual([]);
    const unknown = write(input('U'));
    expect(errors(unknown)).toEqual([]);
    expect(unknown).toContain('DMG*D8*19800203~');
  });

  it("refuses a service type the guide's list does not hold, naming the field", () => {
    expect(() => write(input('F', ['30', '31']))).toThrow(/serviceTypeCodes/);
  });
});

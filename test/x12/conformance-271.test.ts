/**
 * Element usage and code lists of the 271 (005010X279A1) aligned with pyx12's map
 * 271.5010.X279.A1.v2.xml, loop by loop. Each rule has a passing case (a public TR3 example, or the
 * same with what the guide allows) and a failing one (the same file with exactly the defect), with
 * its segment and element.
 */
import { describe, expect, it } from 'vitest';
import { parseX12 } from '#functions/x12/parse.ts';
import type { Eligibility27x } from '#functions/x12/types-eligibility.ts';
import { edit, errors, insert, LFH, publicFile } from './helpers.ts';

// LinuxForHealth's TR3 examples: a subscriber's benefits, and a dependent's.
const SUB = publicFile(`${LFH}271_005010X279A1/subscriber-health-benefit-check.271`);
const DEP = publicFile(`${LFH}271_005010X279A1/dependent-health-benefit-check.271`);
const SUBSCRIBER = 'NM1*IL*1*SMITH*JOHN****MI*123456789';
const SUBSCRIBER_CITY = 'N4*KANSAS CITY*MO*64108';
const DEPENDENT = 'NM1*03*1*SMITH*MARY';
const COVERAGE = 'EB*1**30**GOLD 123 PLAN';

/** The subscriber file cut after its 2100A (and the AAA given), SE01 recounted: a 271 without 2000B. */
function sourceOnly(aaa: string): string {
  const [head] = SUB.split('HL*2*1*21*1~');
  const body = `${head!.replace('HL*1**20*1', 'HL*1**20*0')}${aaa}~`;
  const count = body.slice(body.indexOf('ST*271')).split('~').length;
  return `${body}SE*${count}*4321~GE*1*1~IEA*1*000000907~`;
}

describe('271: what the guide allows is read without error (false rejections)', () => {
  it('the public files read with no error', () => {
    expect(errors(SUB)).toEqual([]);
    expect(errors(DEP)).toEqual([]);
  });

  it('2000B is situational: a 271 rejecting the request at the source (AAA in 2100A) carries no receiver', () => {
    const text = sourceOnly('AAA*Y**42*R');
    expect(errors(text)).toEqual([]);
    const model = parseX12(text).transactions[0]?.model as unknown as Eligibility27x;
    expect(model.sources[0]?.source.requestErrors).toEqual([{ validRequest: 'Y', rejectReasonCode: '42', followUpActionCode: 'R' }]);
  });

  it('PRV02/PRV03 (the taxonomy) are situational, still a pair: a PRV may name the role alone', () => {
    expect(errors(insert(SUB, SUBSCRIBER_CITY, ['PRV*PC']))).toEqual([]);
    expect(errors(insert(SUB, SUBSCRIBER_CITY, ['PRV*PC*PXC*207Q00000X']))).toEqual([]);
    expect(errors(insert(SUB, SUBSCRIBER_CITY, ['PRV*PC*PXC']))).toEqual(['SYNTAX_PAIRED:PRV2']);
    expect(errors(insert(SUB, 'NM1*1P*2*BONE AND JOIN CLINIC*****SV*2000035', ['PRV*SB']))).toEqual([]);
  });

  it('DMG01 is situational: a DMG may carry the gender alone (DMG01/DMG02 a pair)', () => {
    expect(errors(edit(SUB, 'DMG*D8*19630519*M', 'DMG***M'))).toEqual([]);
    expect(errors(edit(SUB, 'DMG*D8*19630519*M', 'DMG**19630519*M'))).toEqual(['SYNTAX_PAIRED:DMG1']);
  });

  it('III01/III02 are situational in 2115C: a nature of injury by its category and body part', () => {
    expect(errors(insert(SUB, COVERAGE, ['III***44*LEFT ARM']))).toEqual([]);
    expect(errors(insert(SUB, COVERAGE, ['III*ZZ*21']))).toEqual([]);
  });
});

describe('271: required elements (MISSING_ELEMENT)', () => {
  it('2100A: the source is named (NM103) and identified (NM108/NM109)', () => {
    expect(errors(edit(SUB, 'NM1*PR*2*ABC COMPANY*****PI', 'NM1*PR*2******PI'))).toEqual(['MISSING_ELEMENT:NM13']);
    expect(errors(edit(SUB, 'NM1*PR*2*ABC COMPANY*****PI*841610001', 'NM1*PR*2*ABC COMPANY'))).toEqual([
      'MISSING_ELEMENT:NM18',
      'MISSING_ELEMENT:NM19',
    ]);
  });

  it('2100B: the receiver is identified (NM108/NM109)', () => {
    const unidentified = edit(SUB, 'NM1*1P*2*BONE AND JOIN CLINIC*****SV*2000035', 'NM1*1P*2*BONE AND JOIN CLINIC');
    expect(errors(unidentified)).toEqual(['MISSING_ELEMENT:NM18', 'MISSING_ELEMENT:NM19']);
  });

  it('TRN03 (the trace assigning entity) is required', () => {
    expect(errors(edit(SUB, 'TRN*2*93175-012547*9877281234', 'TRN*2*93175-012547'))).toEqual(['MISSING_ELEMENT:TRN3']);
  });

  it('every AAA says why (AAA03) and what to do (AAA04)', () => {
    expect(errors(insert(SUB, SUBSCRIBER_CITY, ['AAA*N**75*C']))).toEqual([]);
    expect(errors(insert(SUB, SUBSCRIBER_CITY, ['AAA*N**75']))).toEqual(['MISSING_ELEMENT:AAA4']);
    expect(errors(insert(SUB, SUBSCRIBER_CITY, ['AAA*N***C']))).toEqual(['MISSING_ELEMENT:AAA3']);
  });

  it('REF02 is required (REF03, a description, stays situational)', () => {
    expect(errors(insert(SUB, SUBSCRIBER, ['REF*6P*G123*GOLD GROUP']))).toEqual([]);
    expect(errors(insert(SUB, SUBSCRIBER, ['REF*6P**GOLD GROUP']))).toEqual(['MISSING_ELEMENT:REF2']);
  });
});

describe('271: Not Used elements carrying data (UNUSED_ELEMENT)', () => {
  it('NM106 (prefix) and NM110/NM111 in the name loops', () => {
    expect(errors(edit(SUB, SUBSCRIBER, 'NM1*IL*1*SMITH*JOHN**DR**MI*123456789'))).toEqual(['UNUSED_ELEMENT:NM16']);
    expect(errors(edit(SUB, 'NM1*PR*2*ABC COMPANY*****PI*841610001', 'NM1*PR*2*ABC COMPANY*****PI*841610001*01'))).toEqual([
      'UNUSED_ELEMENT:NM110',
    ]);
  });

  it('2100D: the dependent is never identified (NM108/NM109 Not Used)', () => {
    expect(errors(edit(DEP, DEPENDENT, `${DEPENDENT}****MI*123456789`))).toEqual(['UNUSED_ELEMENT:NM18', 'UNUSED_ELEMENT:NM19']);
  });

  it('2120C: NM110 names the relationship (its own list), NM111 is Not Used', () => {
    const entity = 'NM1*P3*1*JONES*MARCUS****SV*0202034';
    expect(errors(edit(SUB, entity, `${entity}*72`))).toEqual([]);
    expect(errors(edit(SUB, entity, `${entity}*99`))).toEqual(['INVALID_CODE:NM110']);
    expect(errors(edit(SUB, entity, `${entity}*72*PR`))).toEqual(['UNUSED_ELEMENT:NM111']);
  });

  it('N405/N406 in 2100B-2100D, REF04, INS09, BHT06 and EB13-07', () => {
    expect(errors(edit(SUB, SUBSCRIBER_CITY, `${SUBSCRIBER_CITY}**RJ*1`))).toEqual(['UNUSED_ELEMENT:N45', 'UNUSED_ELEMENT:N46']);
    expect(errors(insert(SUB, SUBSCRIBER, ['REF*6P*G123**6P:1']))).toEqual(['UNUSED_ELEMENT:REF4']);
    expect(errors(edit(DEP, 'INS*N*19', 'INS*N*19*******F'))).toEqual(['UNUSED_ELEMENT:INS9']);
    expect(errors(edit(SUB, 'BHT*0022*11*10001234*20060501*1319', 'BHT*0022*11*10001234*20060501*1319*RT'))).toEqual([
      'UNUSED_ELEMENT:BHT6',
    ]);
    expect(errors(edit(SUB, COVERAGE, `${COVERAGE}********HC:99213:::::X`))).toEqual(['UNUSED_ELEMENT:EB13-7']);
    expect(errors(edit(SUB, COVERAGE, `${COVERAGE}********HC:99213::::::N1`))).toEqual([]);
  });
});

describe('271: code lists per loop (INVALID_CODE)', () => {
  it('2100B NM108: no 46 (ETIN) for the receiver', () => {
    expect(errors(edit(SUB, 'NM1*1P*2*BONE AND JOIN CLINIC*****SV', 'NM1*1P*2*BONE AND JOIN CLINIC*****46'))).toEqual([
      'INVALID_CODE:NM18',
    ]);
  });

  it("DTP01 by loop: the plan's end (347) is the member's date (2100C), not a benefit's (2110C); its begin (346) may be either", () => {
    expect(errors(SUB)).toEqual([]); // the example's DTP*346 stands in 2100C
    expect(errors(insert(SUB, COVERAGE, ['DTP*346*D8*20060101']))).toEqual([]);
    expect(errors(insert(SUB, COVERAGE, ['DTP*349*D8*20061231']))).toEqual([]);
    expect(errors(insert(SUB, COVERAGE, ['DTP*347*D8*20061231']))).toEqual(['INVALID_CODE:DTP1']);
  });

  it('AAA03 by loop: a subscriber-level reason at the receiver is an error', () => {
    const receiver = 'NM1*1P*2*BONE AND JOIN CLINIC*****SV*2000035';
    expect(errors(insert(SUB, receiver, ['AAA*Y**50*N']))).toEqual([]);
    expect(errors(insert(SUB, receiver, ['AAA*Y**75*C']))).toEqual(['INVALID_CODE:AAA3']);
    expect(errors(insert(SUB, receiver, ['AAA*Y**50*P']))).toEqual(['INVALID_CODE:AAA4']);
  });

  it('REF01, PRV01, TRN01, DTP02, HI and INS lists of the member loops', () => {
    expect(errors(insert(SUB, SUBSCRIBER, ['REF*G1*123']))).toEqual(['INVALID_CODE:REF1']);
    expect(errors(insert(SUB, SUBSCRIBER_CITY, ['PRV*SB']))).toEqual(['INVALID_CODE:PRV1']);
    expect(errors(edit(SUB, 'TRN*2*93175', 'TRN*3*93175'))).toEqual(['INVALID_CODE:TRN1']);
    expect(errors(edit(SUB, 'DTP*346*D8*20060101', 'DTP*346*DT*200601011200'))).toEqual(['INVALID_CODE:DTP2']);
    expect(errors(insert(SUB, 'DMG*D8*19630519*M', ['HI*ABK:J20*ABF:R05']))).toEqual([]);
    expect(errors(insert(SUB, 'DMG*D8*19630519*M', ['HI*BF:J20']))).toEqual(['INVALID_CODE:HI1-1']);
    expect(errors(insert(SUB, 'DMG*D8*19630519*M', ['INS*Y*18*001*25']))).toEqual([]);
    expect(errors(insert(SUB, 'DMG*D8*19630519*M', ['INS*Y*01']))).toEqual(['INVALID_CODE:INS2']);
    expect(errors(edit(DEP, 'INS*N*19', 'INS*N*18'))).toEqual(['INVALID_CODE:INS2']);
  });

  it('2100A PER: PER01 IC, the number qualifiers ED, EM, EX, FX, TE, UR', () => {
    const source = 'NM1*PR*2*ABC COMPANY*****PI*841610001';
    expect(errors(insert(SUB, source, ['PER*IC*MEMBER SERVICES*TE*8005551212*EX*12']))).toEqual([]);
    expect(errors(insert(SUB, source, ['PER*BL*MEMBER SERVICES*TE*8005551212']))).toEqual(['INVALID_CODE:PER1']);
    expect(errors(insert(SUB, source, ['PER*IC*MEMBER SERVICES*WP*8005551212']))).toEqual(['INVALID_CODE:PER3']);
  });

  it('EB02-EB09: coverage level, service type, insurance type, time period, quantity qualifier', () => {
    expect(errors(edit(SUB, COVERAGE, 'EB*1*E1D*30**GOLD 123 PLAN'))).toEqual(['INVALID_CODE:EB2']);
    expect(errors(edit(SUB, COVERAGE, 'EB*1*EMP*30**GOLD 123 PLAN'))).toEqual([]);
    expect(errors(edit(DEP, COVERAGE, 'EB*1*EMP*30**GOLD 123 PLAN'))).toEqual(['INVALID_CODE:EB2']);
    expect(errors(edit(SUB, COVERAGE, 'EB*1**30^ZZ**GOLD 123 PLAN'))).toEqual(['INVALID_CODE:EB3']);
    expect(errors(edit(SUB, COVERAGE, 'EB*1**30*XX*GOLD 123 PLAN'))).toEqual(['INVALID_CODE:EB4']);
    expect(errors(edit(SUB, COVERAGE, 'EB*1**30**GOLD 123 PLAN*99'))).toEqual(['INVALID_CODE:EB6']);
    expect(errors(edit(SUB, COVERAGE, 'EB*1**30**GOLD 123 PLAN****VS*10'))).toEqual([]);
    expect(errors(edit(SUB, COVERAGE, 'EB*1**30**GOLD 123 PLAN****ZZ*10'))).toEqual(['INVALID_CODE:EB9']);
  });

  it('HSD, III and MPI lists', () => {
    expect(errors(insert(SUB, COVERAGE, ['HSD*VS*12*WK**27*1']))).toEqual([]);
    expect(errors(insert(SUB, COVERAGE, ['HSD*XX*12']))).toEqual(['INVALID_CODE:HSD1']);
    expect(errors(insert(SUB, COVERAGE, ['III*XX*21']))).toEqual(['INVALID_CODE:III1']);
    expect(errors(insert(SUB, 'DTP*346*D8*20060101', ['MPI*A*AE*A']))).toEqual([]);
    expect(errors(insert(SUB, 'DTP*346*D8*20060101', ['MPI*Z*AE*A']))).toEqual(['INVALID_CODE:MPI1']);
  });

  it('2120C N405: RJ (a DOD health service region) with its region (N406)', () => {
    const entity = 'NM1*P3*1*JONES*MARCUS****SV*0202034';
    expect(errors(insert(SUB, entity, ['N3*1 MAIN ST', 'N4*KANSAS CITY*MO*64108**RJ*12']))).toEqual([]);
    expect(errors(insert(SUB, entity, ['N3*1 MAIN ST', 'N4*KANSAS CITY*MO*64108**CY*12']))).toEqual(['INVALID_CODE:N45']);
  });

  it('2120C NM101: the related entities both sources list (71, an attending physician, is not one)', () => {
    expect(errors(edit(SUB, 'NM1*P3*1*JONES', 'NM1*Y2*2*JONES'))).toEqual([]);
    expect(errors(edit(SUB, 'NM1*P3*1*JONES', 'NM1*71*1*JONES'))).toEqual(['INVALID_CODE:NM11']);
  });
});

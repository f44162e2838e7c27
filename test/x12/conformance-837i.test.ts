/**
 * Element usage and code lists of the 837I (005010X223A2), aligned with pyx12's
 * 837Q3.I.5010.X223.A1.v2.xml. Each rule has a passing case (a public TR3 example or the file our
 * engine writes) and a failing one (the same file with exactly the defect), with its segment and
 * element.
 */
import { describe, expect, it } from 'vitest';
import { edit, errors, insert, LFH, publicFile } from './helpers.ts';

// A TR3 example (LinuxForHealth's fixtures): an institutional claim.
const FILE = publicFile(`${LFH}837_005010X223A3/institutional-claim.837i`);

describe('837I HI (X223A2): the kinds of HI on one generic segment', () => {
  it('the public file reads with no error', () => {
    expect(errors(FILE)).toEqual([]);
  });
});

describe('837I HI kinds (X223A2)', () => {
  const PRINCIPAL = 'HI*BK:3669';
  const CONDITION = 'HI*BG:09';

  it('every kind the map lists reads, with the others beside the principal diagnosis', () => {
    const kinds = ['HI*ABJ:R509', 'HI*APR:R509*APR:R07', 'HI*ABN:V0001XA', 'HI*DR:470', 'HI*BBR:0DTJ0ZZ:D8:20250101'];
    const more = ['HI*BBQ:0DTJ0ZZ:D8:20250101', 'HI*BI:70:RD8:20250101-20250105', 'HI*TC:1', 'HI*TC:2'];
    expect(errors(insert(FILE, CONDITION, [...kinds, ...more]))).toEqual([]);
  });

  it('the principal diagnosis first and alone; each other HI one kind within its counts', () => {
    // The 837I's other diagnoses are an HI of their own, not the principal diagnosis's HI02.
    expect(errors(edit(FILE, PRINCIPAL, 'HI*BK:3669*BF:4019'))).toEqual(['HEALTH_CARE_CODE_KIND:CLM']);
    expect(errors(edit(FILE, PRINCIPAL, 'HI*BF:3669'))).toEqual(['HEALTH_CARE_CODE_KIND:CLM']);
    expect(errors(insert(FILE, CONDITION, ['HI*ABK:R509']))).toEqual(['HEALTH_CARE_CODE_KIND:CLM']);
    expect(errors(insert(FILE, CONDITION, ['HI*APR:1*APR:2*APR:3*APR:4']))).toEqual(['HEALTH_CARE_CODE_KIND:CLM']);
    expect(errors(insert(FILE, CONDITION, ['HI*BG:01*BE:A2:::1']))).toEqual(['HEALTH_CARE_CODE_KIND:CLM']);
    expect(errors(insert(FILE, CONDITION, ['HI*BG:01', 'HI*BG:02']))).toEqual(['HEALTH_CARE_CODE_KIND:CLM']);
  });

  it("a qualifier of no 837I kind is an INVALID_CODE at its component, alone (the 837P's BP)", () => {
    expect(errors(insert(FILE, CONDITION, ['HI*BP:0001']))).toEqual(['INVALID_CODE:HI1-1']);
  });
});

describe('837I elements pyx12 lists that were rejected (X223A2)', () => {
  const OTHER_SBR = 'SBR*S*01*351630*STATE TEACHERS*****CI';
  const OI = 'OI***Y***Y';
  const OTHER_INSURED_CITY = 'N4*CENTERVILLE*PA*17111';
  const OTHER_PAYER = 'NM1*PR*2*STATE TEACHERS*****PI*1135';

  it('2320 and 2430 CAS01 CR (correction and reversal) besides CO, OA, PI, PR', () => {
    expect(errors(insert(FILE, OTHER_SBR, ['CAS*CR*45*10']))).toEqual([]);
    expect(errors(insert(FILE, OTHER_SBR, ['CAS*XX*45*10']))).toEqual(['INVALID_CODE:CAS1']);
  });

  it('2320 MIA: MIA03 and MIA06-MIA24 situational, MIA02 Not Used', () => {
    expect(errors(insert(FILE, OI, ['MIA*1**30']))).toEqual([]);
    expect(errors(insert(FILE, OI, [`MIA*1${'*'.repeat(23)}5`]))).toEqual([]);
    expect(errors(insert(FILE, OI, ['MIA*1*5']))).toEqual(['UNUSED_ELEMENT:MIA2']);
  });

  it('2330A two REF*SY; 2330C-2330I four REFs', () => {
    expect(errors(insert(FILE, OTHER_INSURED_CITY, ['REF*SY*1', 'REF*SY*2']))).toEqual([]);
    expect(errors(insert(FILE, OTHER_INSURED_CITY, ['REF*SY*1', 'REF*SY*2', 'REF*SY*3']))).toEqual(['SEGMENT_MAX_USE:REF']);
    const refs = ['REF*G2*1', 'REF*G2*2', 'REF*G2*3', 'REF*G2*4'];
    expect(errors(insert(FILE, OTHER_PAYER, ['NM1*71*1', ...refs]))).toEqual([]);
    expect(errors(insert(FILE, OTHER_PAYER, ['NM1*71*1', ...refs, 'REF*G2*5']))).toEqual(['SEGMENT_MAX_USE:REF']);
  });

  it('2300 NTE: ten claim notes and a billing note (ADD); the line-level TPO is not a claim note', () => {
    const notes = [...Array.from({ length: 10 }, (_, n) => `NTE*ALG*NOTE ${n}`), 'NTE*ADD*BILLING NOTE'];
    expect(errors(insert(FILE, 'CL1*3**01', notes))).toEqual([]);
    expect(errors(insert(FILE, 'CL1*3**01', [...notes, 'NTE*DCP*ONE MORE']))).toEqual(['SEGMENT_MAX_USE:NTE']);
    expect(errors(insert(FILE, 'CL1*3**01', ['NTE*TPO*NOTE']))).toEqual(['INVALID_CODE:NTE1']);
  });
});

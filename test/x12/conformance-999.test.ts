/**
 * Element usage and code lists of the 999 (005010X231A1) aligned with pyx12's map
 * 999.5010X231.A1.xml beside stupidedi's X231A1-FA999.rb: aligned where they agree, the union kept
 * where they differ. Each rule has a passing case (a public 999, or the same with what the guide
 * allows) and a failing one (the same file with exactly the defect), with its segment and element.
 */
import { describe, expect, it } from 'vitest';
import { edit, errors, IMS, insert, publicFile } from './helpers.ts';

// The imsweb parser's 999 rejecting an 837I (eMedNY): IK3, IK5*R*5, AK9*R. Its component separator is `|`.
const REJECTED = publicFile(`${IMS}837_5010/x12_999_rejected.txt`);
const IK3 = 'IK3*NM*17**1';

describe('999: element usage', () => {
  it('the public file reads with no error', () => {
    expect(errors(REJECTED)).toEqual([]);
  });

  it("AK103 (the acknowledged group's version) is required", () => {
    expect(errors(edit(REJECTED, 'AK1*HC*28*005010X223A2', 'AK1*HC*28'))).toEqual(['MISSING_ELEMENT:AK13']);
  });

  it('the element context (2110 CTX) names its segment (CTX02) and position (CTX03)', () => {
    const ik4 = 'IK4*3**7';
    expect(errors(insert(REJECTED, IK3, [ik4, 'CTX*SITUATIONAL TRIGGER*CLM*12**5']))).toEqual([]);
    expect(errors(insert(REJECTED, IK3, [ik4, 'CTX*SITUATIONAL TRIGGER*CLM']))).toEqual(['MISSING_ELEMENT:CTX3']);
  });

  it('2100 CTX reads both the segment context and the business unit identifier (CLM01 and its value)', () => {
    expect(errors(insert(REJECTED, IK3, ['CTX*SITUATIONAL TRIGGER*CLM*12**5']))).toEqual([]);
    expect(errors(insert(REJECTED, IK3, ['CTX*CLM01|PATIENT-ACCOUNT-1']))).toEqual([]);
  });
});

describe('999: code lists', () => {
  it('IK403 11 is accepted (pyx12 lists it), an unknown code is not', () => {
    expect(errors(insert(REJECTED, IK3, ['IK4*3**11']))).toEqual([]);
    expect(errors(insert(REJECTED, IK3, ['IK4*3**14']))).toEqual(['INVALID_CODE:IK43']);
  });

  it('AK905: 10-16 are group syntax errors of X231A1; 20-22 are not', () => {
    expect(errors(edit(REJECTED, 'AK9*R*1*1*0', 'AK9*R*1*1*0*10*16'))).toEqual([]);
    expect(errors(edit(REJECTED, 'AK9*R*1*1*0', 'AK9*R*1*1*0*20'))).toEqual(['INVALID_CODE:AK95']);
  });

  it('CTX01-1 names a situational trigger or a business unit', () => {
    expect(errors(insert(REJECTED, IK3, ['CTX*SOMETHING ELSE*CLM*12']))).toEqual(['INVALID_CODE:CTX1-1']);
    expect(errors(insert(REJECTED, IK3, ['IK4*3**7', 'CTX*CLM01|1*CLM*12']))).toEqual(['INVALID_CODE:CTX1-1']);
  });
});

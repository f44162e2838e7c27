/**
 * Element usage of the 835 (005010X221A1) aligned with pyx12's map 835.5010.X221.A1.xml, element by
 * element. Each rule has a passing case (a public file, unchanged) and a failing one (the same file
 * with exactly the defect), with its segment and element.
 */
import { describe, expect, it } from 'vitest';
import { parseX12 } from '#functions/x12/parse.ts';
import type { Remittance835 } from '#functions/x12/types835.ts';
import { AFFECT, edit, errors, insert, publicFile, readWith } from './helpers.ts';

// New York Medicaid's 835 (eMedNY): a real payer's file that reads with no finding.
const EMEDNY = publicFile(`${AFFECT}emedny_sample.txt`);

describe('835 TS3 provider summary: the X221A1 layout', () => {
  // TS313 MSP, TS315 non-lab, TS317/TS318 HCPCS, TS320-TS324 (professional component .. PIP adjustment).
  const TS3 = 'TS3*1234567893*11*20101231*2*68.25********1.13**2.15**3.17*4.18**5.2*6.21*7.22*8*9.24';

  it('reads every situational element at its own position, TS320-TS324 included', () => {
    expect(errors(EMEDNY)).toEqual([]);
    const text = insert(EMEDNY, 'LX*1', [TS3]);
    expect(errors(text)).toEqual([]);
    const model = parseX12(text).transactions[0]?.model as unknown as Remittance835;
    expect(model.headers?.[0]?.providerSummary).toEqual({
      providerId: '1234567893',
      facilityTypeCode: '11',
      fiscalPeriodDate: '20101231',
      claimCount: '2',
      totalChargeCents: 6825,
      totalMsp: 113,
      totalNonLabChargeCents: 215,
      totalHcpcsReportedChargeCents: 317,
      totalHcpcsPayableCents: 418,
      totalProfessionalComponentCents: 520,
      totalMspPatientLiabilityMetCents: 621,
      totalPatientReimbursementCents: 722,
      totalPipClaimCount: '8',
      totalPipAdjustmentCents: 924,
    });
  });

  it('TS306-TS312, TS314, TS316 and TS319 are Not Used; there is no TS325', () => {
    expect(errors(insert(EMEDNY, 'LX*1', [TS3.replace('68.25********', '68.25****9****')]))).toEqual(['UNUSED_ELEMENT:TS39']);
    expect(errors(insert(EMEDNY, 'LX*1', [TS3.replace('*2.15**', '*2.15*1*')]))).toEqual(['UNUSED_ELEMENT:TS316']);
    expect(errors(insert(EMEDNY, 'LX*1', [TS3.replace('*4.18**', '*4.18*1*')]))).toEqual(['UNUSED_ELEMENT:TS319']);
    expect(errors(insert(EMEDNY, 'LX*1', [`${TS3}*1`]))).toEqual(['TOO_MANY_ELEMENTS:TS325']);
  });
});

// UnitedHealthcare's 835 (affect-therapeutics fixtures): PER*CX, PER*BL with a web address, REF*2U, DTM*050.
const UNITED = publicFile(`${AFFECT}united_healthcare_legacy_sample.txt`);
// The first claim's names in the eMedNY file, after which the claim's other names may stand.
const PATIENT = 'NM1*QC*1*SUBMITTED LAST*SUBMITTED FIRST****MI*LL99999L';
const CORRECTED = 'NM1*74*1*CORRECTED LAST*CORRECTED FIRST';

describe('835 REF: an identifier and nothing else (REF02 required, REF03/REF04 Not Used)', () => {
  it('the public files read with no error', () => {
    expect(errors(EMEDNY)).toEqual([]);
    expect(errors(UNITED)).toEqual([]);
  });

  it('header (REF*EV), payee (REF*TJ), claim (REF*EA) and service (REF*6R)', () => {
    expect(errors(edit(EMEDNY, 'REF*EV*ETIN~', 'REF*EV*ETIN*RECEIVER~'))).toEqual(['UNUSED_ELEMENT:REF3']);
    expect(errors(edit(EMEDNY, 'REF*EV*ETIN~', 'REF*EV*ETIN**4N:1~'))).toEqual(['UNUSED_ELEMENT:REF4']);
    expect(errors(edit(EMEDNY, 'REF*TJ*000000000~', 'REF*TJ**TAX ID~'))).toEqual(['MISSING_ELEMENT:REF2', 'UNUSED_ELEMENT:REF3']);
    expect(errors(edit(EMEDNY, 'REF*EA*PATIENT ACCOUNT NUMBER~', 'REF*EA*PATIENT ACCOUNT NUMBER*ACCOUNT~'))).toEqual([
      'UNUSED_ELEMENT:REF3',
    ]);
    expect(errors(edit(UNITED, 'REF*2U*87726~', 'REF*2U*87726*PAYER~'))).toEqual(['UNUSED_ELEMENT:REF3']);
    const line = insert(EMEDNY, 'DTM*472*20100101', ['REF*6R*LINE1']);
    expect(errors(line)).toEqual([]);
    expect(errors(edit(line, 'REF*6R*LINE1~', 'REF*6R*LINE1*LINE~'))).toEqual(['UNUSED_ELEMENT:REF3']);
  });
});

describe('835 DTM at the claim and the line: a date, no time (DTM02 required, DTM03 Not Used)', () => {
  it('claim DTM*232 and line DTM*472', () => {
    expect(errors(edit(EMEDNY, 'DTM*232*20100101~', 'DTM*232*20100101*1200~'))).toEqual(['UNUSED_ELEMENT:DTM3']);
    expect(errors(edit(EMEDNY, 'DTM*232*20100101~', 'DTM*232**1200~'))).toEqual(['MISSING_ELEMENT:DTM2', 'UNUSED_ELEMENT:DTM3']);
    expect(errors(edit(EMEDNY, 'DTM*472*20100101~', 'DTM*472*20100101*1200~'))).toEqual(['UNUSED_ELEMENT:DTM3']);
  });

  it('a line has at most two dates (150 and 151, or 472)', () => {
    const period = edit(EMEDNY, 'DTM*472*20100101~', 'DTM*150*20100101~DTM*151*20100101~').replace(
      /~SE\*(\d+)\*/,
      (_m, n: string) => `~SE*${Number(n) + 1}*`,
    );
    expect(errors(period)).toEqual([]);
    expect(errors(insert(period, 'DTM*151*20100101', ['DTM*472*20100101']))).toEqual(['SEGMENT_MAX_USE:DTM']);
  });
});

describe('835 AMT: AMT03 (credit/debit flag) Not Used', () => {
  it('claim AMT*AU and line AMT*B6', () => {
    expect(errors(edit(EMEDNY, 'AMT*AU*34.25~', 'AMT*AU*34.25*C~'))).toEqual(['UNUSED_ELEMENT:AMT3']);
    expect(errors(edit(EMEDNY, 'AMT*B6*6~', 'AMT*B6*6*C~'))).toEqual(['UNUSED_ELEMENT:AMT3']);
  });
});

describe('835 SVC: SVC01-7/SVC01-8 and SVC06-8 Not Used, SVC06-7 (description) situational', () => {
  const SVC = 'SVC*HC:V2020:RB*6*6**1~';
  it('the submitted procedure may carry its description; the adjudicated one may not', () => {
    expect(errors(edit(EMEDNY, SVC, 'SVC*HC:V2020:RB*6*6**1*HC:V2021:::::FRAMES~'))).toEqual([]);
    expect(errors(edit(EMEDNY, SVC, 'SVC*HC:V2020:RB::::FRAMES*6*6**1~'))).toEqual(['UNUSED_ELEMENT:SVC1-7']);
    expect(errors(edit(EMEDNY, SVC, 'SVC*HC:V2020:RB:::::V2020*6*6**1~'))).toEqual(['UNUSED_ELEMENT:SVC1-8']);
    expect(errors(edit(EMEDNY, SVC, 'SVC*HC:V2020:RB*6*6**1*HC:V2021::::::V2021~'))).toEqual(['UNUSED_ELEMENT:SVC6-8']);
  });
});

describe('835 1000A/1000B N4: N405/N406 Not Used', () => {
  it('payer and payee', () => {
    expect(errors(edit(EMEDNY, 'N4*ALBANY*NY*122370080~', 'N4*ALBANY*NY*122370080**SL*ALB~'))).toEqual([
      'UNUSED_ELEMENT:N45',
      'UNUSED_ELEMENT:N46',
    ]);
    const payee = insert(EMEDNY, 'N1*PE*MAJOR MEDICAL PROVIDER*XX*9999999995', ['N3*1 MAIN ST', 'N4*ALBANY*NY*12237']);
    expect(errors(payee)).toEqual([]);
    expect(errors(edit(payee, 'N4*ALBANY*NY*12237~', 'N4*ALBANY*NY*12237**SL*ALB~'))).toEqual(['UNUSED_ELEMENT:N45', 'UNUSED_ELEMENT:N46']);
  });
});

describe('835 PER: PER01 and the number qualifiers the map lists', () => {
  const BL = 'PER*BL*PROVIDER SERVICES*TE*8003439000*UR*www.emedny.org~';
  it('1000A: CX, BL and IC; EM, EX, FX, TE and UR', () => {
    const ic = insert(EMEDNY, BL.slice(0, -1), ['PER*IC**UR*www.health.ny.gov']);
    expect(errors(ic)).toEqual([]);
    expect(errors(edit(EMEDNY, BL, 'PER*BL*PROVIDER SERVICES*TE*8003439000*EX*123~'))).toEqual([]);
    expect(errors(edit(EMEDNY, BL, 'PER*IP*PROVIDER SERVICES*TE*8003439000*UR*www.emedny.org~'))).toEqual(['INVALID_CODE:PER1']);
    expect(errors(edit(EMEDNY, BL, 'PER*BL*PROVIDER SERVICES*TE*8003439000*WP*8003439001~'))).toEqual(['INVALID_CODE:PER5']);
  });

  it('1000A: each function its own segment of the guide (CX once, IC once with its address alone)', () => {
    const add = (...pers: string[]) => errors(insert(EMEDNY, BL.slice(0, -1), pers));
    expect(add('PER*CX*BUSINESS*TE*8005550100*EX*12*FX*8005550101', 'PER*BL*EDI*EM*EDI@EXAMPLE.COM')).toEqual([]);
    expect(add('PER*CX*ONE*TE*8005550100', 'PER*CX*TWO*TE*8005550101')).toEqual(['SEGMENT_MAX_USE:N1']);
    expect(add('PER*IC**UR*A.EXAMPLE', 'PER*IC**UR*B.EXAMPLE')).toEqual(['SEGMENT_MAX_USE:N1']);
    // A web address is a technical contact's or the web site's, not the business contact's.
    expect(add('PER*CX*BUSINESS*UR*WWW.EXAMPLE.COM')).toEqual(['CONTACT_FUNCTION:N1']);
    // The web site: no name, its address alone, and an address it must have.
    expect(add('PER*IC*WEB*UR*WWW.EXAMPLE.COM')).toEqual(['CONTACT_FUNCTION:N1']);
    expect(add('PER*IC**TE*8005550100')).toEqual(['CONTACT_FUNCTION:N1']);
    expect(add('PER*IC**UR*WWW.EXAMPLE.COM*TE*8005550100')).toEqual(['CONTACT_FUNCTION:N1']);
    expect(add('PER*IC')).toEqual(['CONTACT_FUNCTION:N1']);
  });

  it('2100: PER*CX only, with a number (PER03/PER04 required; EM, EX, FX, TE)', () => {
    const cx = insert(EMEDNY, 'DTM*233*20100101', ['PER*CX*CLAIMS*TE*8005550100*EX*12']);
    expect(errors(cx)).toEqual([]);
    expect(errors(edit(cx, 'PER*CX*CLAIMS*TE*8005550100*EX*12~', 'PER*CX*CLAIMS~'))).toEqual([
      'MISSING_ELEMENT:PER3',
      'MISSING_ELEMENT:PER4',
    ]);
    expect(errors(edit(cx, 'PER*CX*CLAIMS*TE*8005550100*EX*12~', 'PER*BL*CLAIMS*TE*8005550100*EX*12~'))).toEqual(['INVALID_CODE:PER1']);
    expect(errors(edit(cx, 'PER*CX*CLAIMS*TE*8005550100*EX*12~', 'PER*CX*CLAIMS*UR*www.payer.com~'))).toEqual(['INVALID_CODE:PER3']);
  });
});

describe('835 2100 NM1: names and ids per party (pyx12 X221A1)', () => {
  it('patient: NM106 (prefix) and NM110/NM111 Not Used', () => {
    expect(errors(edit(EMEDNY, PATIENT, 'NM1*QC*1*SUBMITTED LAST*SUBMITTED FIRST**MS**MI*LL99999L'))).toEqual(['UNUSED_ELEMENT:NM16']);
    expect(errors(edit(EMEDNY, PATIENT, `${PATIENT}*01`))).toEqual(['UNUSED_ELEMENT:NM110']);
    expect(errors(edit(EMEDNY, CORRECTED, 'NM1*74*1*CORRECTED LAST*CORRECTED FIRST**MS'))).toEqual(['UNUSED_ELEMENT:NM16']);
  });

  it('insured and rendering provider: identified (NM108/NM109 required)', () => {
    const named = insert(insert(EMEDNY, PATIENT, ['NM1*IL*1*SUBSCRIBER*JANE****MI*LL99999L']), CORRECTED, [
      'NM1*82*1*DOCTOR*DANA****XX*1234567893',
    ]);
    expect(errors(named)).toEqual([]);
    expect(errors(edit(named, 'NM1*IL*1*SUBSCRIBER*JANE****MI*LL99999L', 'NM1*IL*1*SUBSCRIBER*JANE'))).toEqual([
      'MISSING_ELEMENT:NM18',
      'MISSING_ELEMENT:NM19',
    ]);
    expect(errors(edit(named, 'NM1*82*1*DOCTOR*DANA****XX*1234567893', 'NM1*82*1*DOCTOR*DANA'))).toEqual([
      'MISSING_ELEMENT:NM18',
      'MISSING_ELEMENT:NM19',
    ]);
  });

  it('crossover carrier and corrected priority payer: NM103 alone (required), identified', () => {
    const payers = insert(EMEDNY, CORRECTED, ['NM1*TT*2*CROSSOVER PLAN*****PI*CO123', 'NM1*PR*2*PRIORITY PLAN*****PI*PP456']);
    expect(errors(payers)).toEqual([]);
    expect(errors(edit(payers, 'NM1*TT*2*CROSSOVER PLAN*****PI', 'NM1*TT*2*CROSSOVER PLAN*JO****PI'))).toEqual(['UNUSED_ELEMENT:NM14']);
    expect(errors(edit(payers, 'NM1*PR*2*PRIORITY PLAN*****PI', 'NM1*PR*2******PI'))).toEqual(['MISSING_ELEMENT:NM13']);
    expect(errors(edit(payers, 'NM1*PR*2*PRIORITY PLAN*****PI*PP456', 'NM1*PR*2*PRIORITY PLAN'))).toEqual([
      'MISSING_ELEMENT:NM18',
      'MISSING_ELEMENT:NM19',
    ]);
  });

  it('other subscriber: NM106 Not Used, the id situational', () => {
    const other = insert(EMEDNY, CORRECTED, ['NM1*GB*1*OTHER*OLIVE']);
    expect(errors(other)).toEqual([]);
    expect(errors(edit(other, 'NM1*GB*1*OTHER*OLIVE', 'NM1*GB*1*OTHER*OLIVE**DR'))).toEqual(['UNUSED_ELEMENT:NM16']);
  });
});

describe('the compiled segment readers agree with the generic reading on these defects', () => {
  it('models and findings alike', () => {
    const defects = [
      edit(EMEDNY, 'REF*TJ*000000000~', 'REF*TJ**TAX ID*4N:1~'),
      edit(EMEDNY, 'DTM*232*20100101~', 'DTM*232**1200~'),
      edit(EMEDNY, 'AMT*B6*6~', 'AMT*B6*6*C~'),
      edit(EMEDNY, 'SVC*HC:V2020:RB*6*6**1~', 'SVC*HC:V2020:RB::::FRAMES:V2020*6*6**1*HC:V2021:::::FRAMES:V2021~'),
      edit(EMEDNY, 'N4*ALBANY*NY*122370080~', 'N4*ALBANY*NY*122370080**SL*ALB~'),
      edit(EMEDNY, PATIENT, 'NM1*QC*1*SUBMITTED LAST*SUBMITTED FIRST**MS**MI*LL99999L*01*QC'),
      insert(EMEDNY, 'DTM*233*20100101', ['PER*CX*CLAIMS']),
      insert(EMEDNY, 'LX*1', ['TS3*1234567893*11*20101231*2*68.25****9****1.13**2.15*1*3.17*4.18**5.2*6.21*7.22*8*9.24']),
    ];
    for (const text of defects) {
      const compiled = readWith(text, false);
      expect(JSON.stringify(compiled)).toContain('"severity":"error"');
      expect(compiled).toStrictEqual(readWith(text, true));
    }
  });
});

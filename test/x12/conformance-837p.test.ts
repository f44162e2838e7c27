/**
 * Element usage and code lists of the 837P (005010X222A1), aligned with pyx12's
 * 837.5010.X222.A1.xml where stupidedi's X222-HC837.rb agrees (the lenient reading is kept where
 * they differ). Each rule has a passing case (a public TR3 example, unchanged or with a value one
 * source lists) and a failing one (the same file with exactly the defect), with its segment and
 * element. The 837I shares the builder: its rules are in conformance-837i.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { edit, errors, insert, LFH, publicFile } from './helpers.ts';

// A TR3 example (LinuxForHealth's fixtures): a claim for a dependent, every name loop of 1000A-2010BB.
const FILE = publicFile(`${LFH}837_005010X222A2/demo.example1.837`);
const SUBMITTER = 'NM1*41*2*PREMIER BILLING SERVICE*****46*TGJ23';
const RECEIVER = 'NM1*40*2*KEY INSURANCE COMPANY*****46*66783JJT';
const BILLING = 'NM1*85*2*BEN KILDARE SERVICE*****XX*1912301953';
const SUBSCRIBER = 'NM1*IL*1*SMITH*JANE****MI*JS00111223333';
const PAYER = 'NM1*PR*2*KEY INSURANCE COMPANY*****PI*999996666';
const CLAIM = 'CLM*26463774*100.00***11:B:1*Y*A*Y*I';

describe('837P name loops (X222A1): usage of NM102-NM111', () => {
  it('the public file reads with no error', () => {
    expect(errors(FILE)).toEqual([]);
  });

  it('1000A submitter: NM103 and NM108/NM109 required; prefix, suffix, NM110/NM111 Not Used', () => {
    expect(errors(edit(FILE, SUBMITTER, 'NM1*41*2******46*TGJ23'))).toEqual(['MISSING_ELEMENT:NM13']);
    expect(errors(edit(FILE, SUBMITTER, 'NM1*41*2*PREMIER BILLING SERVICE'))).toEqual(['MISSING_ELEMENT:NM18', 'MISSING_ELEMENT:NM19']);
    expect(errors(edit(FILE, SUBMITTER, 'NM1*41*1*DOE*JANE**DR**46*TGJ23'))).toEqual(['UNUSED_ELEMENT:NM16']);
    expect(errors(edit(FILE, SUBMITTER, 'NM1*41*1*DOE*JANE***JR*46*TGJ23'))).toEqual(['UNUSED_ELEMENT:NM17']);
    expect(errors(edit(FILE, SUBMITTER, `${SUBMITTER}*01`))).toEqual(['UNUSED_ELEMENT:NM110']);
  });

  it('1000A PER: IC only; the numbers ED, EM, EX, FX or TE', () => {
    const per = 'PER*IC*JERRY*TE*3055552222*EX*231';
    expect(errors(edit(FILE, per, 'PER*IC*JERRY*ED*A1B2*EM*X@EXAMPLE.COM'))).toEqual([]);
    expect(errors(edit(FILE, per, 'PER*BL*JERRY*TE*3055552222*EX*231'))).toEqual(['INVALID_CODE:PER1']);
    expect(errors(edit(FILE, per, 'PER*IC*JERRY*UR*WWW.EXAMPLE.COM'))).toEqual(['INVALID_CODE:PER3']);
  });

  it('1000B receiver, 2010BB payer: an organization (NM102 2) named by NM103 alone and identified', () => {
    for (const [name, head] of [
      [RECEIVER, 'NM1*40'],
      [PAYER, 'NM1*PR'],
    ] as const) {
      const id = name.slice(name.lastIndexOf('*****') + 5);
      expect(errors(edit(FILE, name, `${head}*1*KEY INSURANCE COMPANY*****${id}`))).toEqual(['INVALID_CODE:NM12']);
      expect(errors(edit(FILE, name, `${head}*2*KEY INSURANCE*COMPANY****${id}`))).toEqual(['UNUSED_ELEMENT:NM14']);
      expect(errors(edit(FILE, name, `${head}*2******${id}`))).toEqual(['MISSING_ELEMENT:NM13']);
      expect(errors(edit(FILE, name, `${head}*2*KEY INSURANCE COMPANY`))).toEqual(['MISSING_ELEMENT:NM18', 'MISSING_ELEMENT:NM19']);
      expect(errors(edit(FILE, name, `${name}*01`))).toEqual(['UNUSED_ELEMENT:NM110']);
    }
  });

  it('2010AA billing provider: no prefix, no NM110/NM111', () => {
    expect(errors(edit(FILE, BILLING, 'NM1*85*1*KILDARE*BEN**DR**XX*1912301953'))).toEqual(['UNUSED_ELEMENT:NM16']);
    expect(errors(edit(FILE, BILLING, 'NM1*85*1*KILDARE*BEN***MD*XX*1912301953'))).toEqual([]);
    expect(errors(edit(FILE, BILLING, `${BILLING}*01`))).toEqual(['UNUSED_ELEMENT:NM110']);
  });

  it('2010AB pay-to address: names nobody (NM103 Not Used; NM104 is the one part pyx12 keeps)', () => {
    expect(errors(edit(FILE, 'NM1*87*2~', 'NM1*87*2*BEN KILDARE SERVICE~'))).toEqual(['UNUSED_ELEMENT:NM13']);
    expect(errors(edit(FILE, 'NM1*87*2~', 'NM1*87*2******XX*1912301953~'))).toEqual(['UNUSED_ELEMENT:NM18', 'UNUSED_ELEMENT:NM19']);
  });

  it('2010BA subscriber: identified (NM108/NM109 required), no prefix; NM103 stays situational (stupidedi)', () => {
    expect(errors(edit(FILE, SUBSCRIBER, 'NM1*IL*1*SMITH*JANE'))).toEqual(['MISSING_ELEMENT:NM18', 'MISSING_ELEMENT:NM19']);
    expect(errors(edit(FILE, SUBSCRIBER, 'NM1*IL*1*SMITH*JANE**MS**MI*JS00111223333'))).toEqual(['UNUSED_ELEMENT:NM16']);
  });
});

describe('837P 2000A-2010BB segments (X222A1): code lists and Not Used elements', () => {
  it('2000A PRV: PRV01 BI or PT, PRV02 PXC', () => {
    expect(errors(edit(FILE, 'PRV*BI*PXC*', 'PRV*PT*PXC*'))).toEqual([]);
    expect(errors(edit(FILE, 'PRV*BI*PXC*', 'PRV*PE*PXC*'))).toEqual(['INVALID_CODE:PRV1']);
    expect(errors(edit(FILE, 'PRV*BI*PXC*', 'PRV*BI*ZZ*'))).toEqual(['INVALID_CODE:PRV2']);
  });

  it('N4 location qualifier and id (N405/N406) are Not Used', () => {
    expect(errors(edit(FILE, 'N4*MIAMI*FL*331110000', 'N4*MIAMI*FL*331110000**B1*1'))).toEqual([
      'UNUSED_ELEMENT:N45',
      'UNUSED_ELEMENT:N46',
    ]);
  });

  it('2010AA REF: EI, SY, 0B or 1G, with no REF03/REF04', () => {
    expect(errors(edit(FILE, 'REF*EI*587654321', 'REF*SY*587654321'))).toEqual([]);
    expect(errors(edit(FILE, 'REF*EI*587654321', 'REF*G2*587654321'))).toEqual(['INVALID_CODE:REF1']);
    expect(errors(edit(FILE, 'REF*EI*587654321', 'REF*EI*587654321*TAX ID'))).toEqual(['UNUSED_ELEMENT:REF3']);
  });

  it('2000B SBR: SBR02 18, SBR05 and SBR09 from their lists', () => {
    const sbr = 'SBR*P**2222-SJ******CI';
    expect(errors(edit(FILE, sbr, 'SBR*P*18*2222-SJ**47****MB'))).toEqual([]);
    expect(errors(edit(FILE, sbr, 'SBR*P*01*2222-SJ******CI'))).toEqual(['INVALID_CODE:SBR2']);
    expect(errors(edit(FILE, sbr, 'SBR*P**2222-SJ**99****CI'))).toEqual(['INVALID_CODE:SBR5']);
    expect(errors(edit(FILE, sbr, 'SBR*P**2222-SJ******XX'))).toEqual(['INVALID_CODE:SBR9']);
  });

  it('2000B PAT: PAT01 Not Used (the subscriber is the patient); PAT05 D8, PAT07 01, PAT09 Y', () => {
    const sbr = 'SBR*P**2222-SJ******CI';
    expect(errors(insert(FILE, sbr, ['PAT*****D8*20061001*01*140*Y']))).toEqual([]);
    expect(errors(insert(FILE, sbr, ['PAT*19****D8*20061001']))).toEqual(['UNUSED_ELEMENT:PAT1']);
    expect(errors(insert(FILE, sbr, ['PAT*******LB*140']))).toEqual(['INVALID_CODE:PAT7']);
  });

  it('2010BA DMG: birth date and gender required', () => {
    expect(errors(insert(FILE, SUBSCRIBER, ['DMG*D8*19730501*F']))).toEqual([]);
    expect(errors(insert(FILE, SUBSCRIBER, ['DMG*D8*19730501']))).toEqual(['MISSING_ELEMENT:DMG3']);
  });

  it('2010BA REF: four REF*SY and a REF*Y4 (five: three rejected a valid file); no other qualifier', () => {
    const refs = ['REF*SY*111223333', 'REF*SY*111223334', 'REF*SY*111223335', 'REF*SY*111223336', 'REF*Y4*32323232'];
    expect(errors(insert(FILE, SUBSCRIBER, refs))).toEqual([]);
    expect(errors(insert(FILE, SUBSCRIBER, ['REF*1W*111223333']))).toEqual(['INVALID_CODE:REF1']);
  });

  it('2000C/2010CA patient: a person with a last name; DMG02/DMG03 required; up to 6 REFs of 1W, 23, IG, SY, Y4', () => {
    const name = 'NM1*QC*1*SMITH*TED';
    expect(errors(edit(FILE, name, 'NM1*QC*1*SMITH*TED****MI*JS00111223334'))).toEqual([]);
    expect(errors(edit(FILE, name, 'NM1*QC*2*SMITH*TED'))).toEqual(['INVALID_CODE:NM12']);
    expect(errors(edit(FILE, name, 'NM1*QC*1**TED'))).toEqual(['MISSING_ELEMENT:NM13']);
    expect(errors(edit(FILE, name, 'NM1*QC*1*SMITH*TED**MR'))).toEqual(['UNUSED_ELEMENT:NM16']);
    expect(errors(edit(FILE, 'DMG*D8*19730501*M', 'DMG*D8*19730501'))).toEqual(['MISSING_ELEMENT:DMG3']);
    const refs = ['REF*1W*1', 'REF*23*2', 'REF*IG*3', 'REF*SY*4', 'REF*SY*5', 'REF*Y4*6'];
    expect(errors(insert(FILE, 'DMG*D8*19730501*M', refs))).toEqual([]);
    expect(errors(insert(FILE, 'DMG*D8*19730501*M', ['REF*EI*1']))).toEqual(['INVALID_CODE:REF1']);
    expect(errors(edit(FILE, 'PAT*19', 'PAT*19****D8*20061001*LB*140'))).toEqual(['INVALID_CODE:PAT7']);
  });

  it('2010BB REF: 2U, EI, FY, NF, G2 or LU', () => {
    expect(errors(insert(FILE, PAYER, ['REF*G2*KA6663']))).toEqual([]);
    expect(errors(insert(FILE, PAYER, ['REF*0B*KA6663']))).toEqual(['INVALID_CODE:REF1']);
  });
});

describe("837P CLM (X222A1): the 5010 lists of the map's 2000C copy and stupidedi", () => {
  it('codes both list are accepted: CLM10 P, CLM11 AA:EM, CLM12 09, CLM20 15', () => {
    expect(errors(edit(FILE, CLAIM, `${CLAIM}*P*AA:EM*09********15`))).toEqual([]);
  });

  it("codes only the 2000B copy lists (4010's) and codes neither lists are rejected at their element", () => {
    const at = (tail: string) => errors(edit(FILE, CLAIM, `${CLAIM}${tail}`));
    expect(at('*B')).toEqual(['INVALID_CODE:CLM10']);
    expect(at('**AP')).toEqual(['INVALID_CODE:CLM11-1']);
    expect(at('**AA:ZZ')).toEqual(['INVALID_CODE:CLM11-2']);
    expect(at('**AA::OA')).toEqual(['UNUSED_ELEMENT:CLM11-3']);
    expect(at('***07')).toEqual(['INVALID_CODE:CLM12']);
    expect(at('*******P')).toEqual(['UNUSED_ELEMENT:CLM16']);
    expect(at('***********12')).toEqual(['INVALID_CODE:CLM20']);
    expect(at('****Y')).toEqual(['UNUSED_ELEMENT:CLM13']);
    expect(errors(edit(FILE, CLAIM, 'CLM*26463774*100.00***11:B:1*Y*P*Y*I'))).toEqual(['INVALID_CODE:CLM7']);
    expect(errors(edit(FILE, CLAIM, 'CLM*26463774*100.00***11:B:1*Y*A*Y*A'))).toEqual(['INVALID_CODE:CLM9']);
  });
});

describe('837P 2310 and 2320/2330 (X222A1)', () => {
  // A secondary claim with the primary payer's adjudication (TR3 example, LinuxForHealth fixtures).
  const COB = publicFile(`${LFH}837_005010X222A2/demo.cob.example3.B.837`);
  const RENDERING = 'NM1*82*1*KILDARE*BEN****XX*1999996666';
  const OTHER_SUBSCRIBER = 'NM1*IL*1*SMITH*JANE****MI*JS00111223333~N3*236 N MAIN ST';
  const OTHER_PAYER = 'NM1*PR*2*KEY INSURANCE COMPANY*****PI*999996666~LX';

  it('the public files read with no error (the ambulance locations PW and 45 name nobody)', () => {
    expect(errors(COB)).toEqual([]);
    expect(errors(publicFile(`${LFH}837_005010X222A2/demo.ambulance.example5.837`))).toEqual(['MISSING_ELEMENT:CLM5-2']);
  });

  it('2310: no prefix, no NM110/NM111; PRV PE with PXC; the REF qualifiers of the roles, no REF03', () => {
    expect(errors(edit(COB, RENDERING, 'NM1*82*1*KILDARE*BEN**DR**XX*1999996666'))).toEqual(['UNUSED_ELEMENT:NM16']);
    expect(errors(edit(COB, RENDERING, `${RENDERING}*01`))).toEqual(['UNUSED_ELEMENT:NM110']);
    expect(errors(edit(COB, 'PRV*PE*PXC*204C00000X', 'PRV*BI*PXC*204C00000X'))).toEqual(['INVALID_CODE:PRV1']);
    expect(errors(edit(COB, 'REF*G2*88877', 'REF*LU*88877'))).toEqual([]);
    expect(errors(edit(COB, 'REF*G2*88877', 'REF*EI*88877'))).toEqual(['INVALID_CODE:REF1']);
    expect(errors(edit(COB, 'REF*G2*88877', 'REF*G2*88877*PROVIDER'))).toEqual(['UNUSED_ELEMENT:REF3']);
  });

  it('2320: SBR02 and SBR09 from the union of both lists; OI04 P; OI06 from pyx12 list', () => {
    const sbr = 'SBR*P*01*******12';
    expect(errors(edit(COB, sbr, 'SBR*P*22*******LI'))).toEqual([]);
    expect(errors(edit(COB, sbr, 'SBR*P*02*******12'))).toEqual(['INVALID_CODE:SBR2']);
    expect(errors(edit(COB, sbr, 'SBR*P*01*******XX'))).toEqual(['INVALID_CODE:SBR9']);
    expect(errors(edit(COB, 'OI***Y*P**Y', 'OI***Y*P**A'))).toEqual([]);
    expect(errors(edit(COB, 'OI***Y*P**Y', 'OI***Y*A**Y'))).toEqual(['INVALID_CODE:OI4']);
  });

  it("2320/2430 CAS01: CR (the prior payer's corrections and reversals) beside CO, OA, PI, PR", () => {
    expect(errors(edit(COB, 'CAS*PR*1*21.89**2*15.00', 'CAS*CR*1*21.89**2*15.00'))).toEqual([]);
    expect(errors(edit(COB, 'CAS*CO*42*3.00', 'CAS*CR*42*3.00'))).toEqual([]);
    expect(errors(edit(COB, 'CAS*CO*42*3.00', 'CAS*XX*42*3.00'))).toEqual(['INVALID_CODE:CAS1']);
  });

  it('2330A other subscriber: named and identified; 2330B other payer: an identified organization', () => {
    expect(errors(edit(COB, OTHER_SUBSCRIBER, 'NM1*IL*1~N3*236 N MAIN ST'))).toEqual([
      'MISSING_ELEMENT:NM13',
      'MISSING_ELEMENT:NM18',
      'MISSING_ELEMENT:NM19',
    ]);
    expect(errors(insert(COB, `OI***Y*P**Y~${OTHER_SUBSCRIBER}~N4*MIAMI*FL*33111`, ['REF*SY*1', 'REF*SY*2', 'REF*SY*3']))).toEqual([]);
    expect(errors(edit(COB, OTHER_PAYER, 'NM1*PR*2*KEY INSURANCE COMPANY~LX'))).toEqual([
      'MISSING_ELEMENT:NM18',
      'MISSING_ELEMENT:NM19',
      // Without NM109 no line adjudication (SVD01) names this payer, so its 2430 CAS drop out of the balance.
      'PRIOR_PAYER_BALANCE:CLM',
    ]);
    expect(errors(edit(COB, OTHER_PAYER, 'NM1*PR*1*KEY INSURANCE COMPANY*****PI*999996666~LX'))).toEqual(['INVALID_CODE:NM12']);
  });

  it("2330C-2330G other payer's providers: NM101 and NM102 alone", () => {
    expect(errors(insert(COB, 'NM1*PR*2*KEY INSURANCE COMPANY*****PI*999996666', ['NM1*82*1', 'REF*G2*88877']))).toEqual([]);
    expect(errors(insert(COB, 'NM1*PR*2*KEY INSURANCE COMPANY*****PI*999996666', ['NM1*82*1*KILDARE', 'REF*G2*88877']))).toEqual([
      'UNUSED_ELEMENT:NM13',
    ]);
  });
});

describe('837P 2300 and 2400 segments (X222A1): what pyx12 lists is accepted', () => {
  const LINE_DATE = 'DTP*472*D8*20061003';

  it('2400 DTP01: 119, 480, 481, 431, 453, 438 (pyx12) besides the 472 service date; others rejected', () => {
    for (const q of ['119', '480', '481', '431', '453', '438'])
      expect(errors(insert(FILE, LINE_DATE, [`DTP*${q}*D8*20061001`]))).toEqual([]);
    expect(errors(insert(FILE, LINE_DATE, ['DTP*573*D8*20061001']))).toEqual(['INVALID_CODE:DTP1']);
  });

  it('2300 DTP01 438 (pyx12), AMT F5, MA and NE one each, NTE PMT; PWK from the union of the lists', () => {
    expect(errors(insert(FILE, CLAIM, ['DTP*438*D8*20061001']))).toEqual([]);
    expect(errors(insert(FILE, CLAIM, ['AMT*F5*10', 'AMT*MA*100', 'AMT*NE*10']))).toEqual([]);
    expect(errors(insert(FILE, CLAIM, ['AMT*D*10']))).toEqual(['INVALID_CODE:AMT1']);
    expect(errors(insert(FILE, 'REF*D9*17312345600006351', ['NTE*PMT*PAID IN FULL']))).toEqual([]);
    expect(errors(insert(FILE, 'REF*D9*17312345600006351', ['NTE*XYZ*NOTE']))).toEqual(['INVALID_CODE:NTE1']);
    expect(errors(insert(FILE, CLAIM, ['PWK*77*FT***AC*A1']))).toEqual([]);
    expect(errors(insert(FILE, CLAIM, ['PWK*OZ*NS']))).toEqual(['INVALID_CODE:PWK2']);
    expect(errors(insert(FILE, CLAIM, ['PWK*ZZ*FX']))).toEqual(['INVALID_CODE:PWK1']);
  });

  it('2400 SV1: SV107 (diagnosis pointers) required; SV103 F2 (pyx12) besides MJ and UN', () => {
    expect(errors(edit(FILE, 'SV1*HC:99213*40.00*UN*1.00***1', 'SV1*HC:99213*40.00*F2*1.00***1'))).toEqual([]);
    expect(errors(edit(FILE, 'SV1*HC:99213*40.00*UN*1.00***1', 'SV1*HC:99213*40.00*UN*1.00'))).toEqual(['MISSING_ELEMENT:SV17']);
  });

  it('2420 line providers: no prefix, no NM110/NM111, no REF03; REF04 stays (stupidedi)', () => {
    const ordering = 'NM1*DK*1*WELBY*MARCUS****XX*1234567893';
    expect(errors(insert(FILE, LINE_DATE, [ordering, 'REF*G2*12345**2U:999996666']))).toEqual([]);
    expect(errors(insert(FILE, LINE_DATE, ['NM1*DK*1*WELBY*MARCUS**DR**XX*1234567893']))).toEqual(['UNUSED_ELEMENT:NM16']);
    expect(errors(insert(FILE, LINE_DATE, [`${ordering}*01`]))).toEqual(['UNUSED_ELEMENT:NM110']);
    expect(errors(insert(FILE, LINE_DATE, [ordering, 'REF*G2*12345*ORDERING']))).toEqual(['UNUSED_ELEMENT:REF3']);
  });

  it('2400 MEA up to 20, MEA01 OG/TR, MEA02 with GRA and ZO; CR1 CR103 I, R, T or X', () => {
    const tests = Array.from({ length: 20 }, (_, n) => `MEA*TR*${n % 2 ? 'GRA' : 'R1'}*${n + 1}`);
    expect(errors(insert(FILE, LINE_DATE, tests))).toEqual([]);
    expect(errors(insert(FILE, LINE_DATE, ['MEA*XX*R1*1']))).toEqual(['INVALID_CODE:MEA1']);
    expect(errors(insert(FILE, 'REF*D9*17312345600006351', ['CR1***T*A*DH*12']))).toEqual([]);
    expect(errors(insert(FILE, 'REF*D9*17312345600006351', ['CR1***Z*A*DH*12']))).toEqual(['INVALID_CODE:CR13']);
  });
});

describe('837P 2400 segments past SV1 (X222A1): each qualifier with its own max use', () => {
  const LINE_DATE = 'DTP*472*D8*20061003';
  const SV1 = 'SV1*HC:99213*40.00*UN*1.00***1';
  const line = (added: string[]) => errors(insert(FILE, LINE_DATE, added));

  it('REF: the union of the lists (pyx12 adds 4010 1S, TP, OZ, VP); REF02 required, REF03 Not Used, REF04 2U', () => {
    expect(line(['REF*6R*1001', 'REF*G1*A1**2U:999996666', 'REF*1S*1', 'REF*9B*X'])).toEqual([]);
    expect(line(['REF*G1*A1', 'REF*G1*A2', 'REF*G1*A3', 'REF*G1*A4', 'REF*G1*A5'])).toEqual([]);
    expect(line(['REF*D9*1'])).toEqual(['INVALID_CODE:REF1']);
    expect(line(['REF*6R'])).toEqual(['MISSING_ELEMENT:REF2', 'SYNTAX_REQUIRED:REF2']);
    expect(line(['REF*6R*1*LINE'])).toEqual(['UNUSED_ELEMENT:REF3']);
    expect(line(['REF*G1*A1**ZZ:1'])).toEqual(['INVALID_CODE:REF4-1']);
    expect(line(['REF*6R*1', 'REF*6R*2'])).toEqual(['SEGMENT_MAX_USE:LX']);
  });

  it('AMT: T, F4 and pyx12 AAE, once each, no AMT03; QTY: PT and FL once each', () => {
    expect(line(['AMT*T*1.00', 'AMT*AAE*5', 'AMT*F4*2'])).toEqual([]);
    expect(line(['AMT*D*1'])).toEqual(['INVALID_CODE:AMT1']);
    expect(line(['AMT*T*1*C'])).toEqual(['UNUSED_ELEMENT:AMT3']);
    expect(line(['AMT*T*1', 'AMT*T*2'])).toEqual(['SEGMENT_MAX_USE:LX']);
    expect(line(['QTY*PT*2', 'QTY*FL*1'])).toEqual([]);
    expect(line(['QTY*XX*2'])).toEqual(['INVALID_CODE:QTY1']);
    expect(line(['QTY*PT*2', 'QTY*PT*1'])).toEqual(['SEGMENT_MAX_USE:LX']);
  });

  it('NTE: ADD, DCP, TPO and pyx12 PMT, two at most', () => {
    expect(line(['NTE*PMT*PAID', 'NTE*TPO*NOTE'])).toEqual([]);
    expect(line(['NTE*XYZ*NOTE'])).toEqual(['INVALID_CODE:NTE1']);
    expect(line(['NTE*ADD*A', 'NTE*DCP*B', 'NTE*TPO*C'])).toEqual(['SEGMENT_MAX_USE:NTE']);
  });

  it('CRC: ambulance (07, 3), hospice employee (70), DME condition (09, 11) with their condition codes', () => {
    expect(errors(insert(FILE, SV1, ['CRC*07*Y*01*12*60', 'CRC*70*N*65', 'CRC*09*Y*38*ZV']))).toEqual([]);
    expect(errors(insert(FILE, SV1, ['CRC*75*Y*01']))).toEqual(['INVALID_CODE:CRC1']);
    expect(errors(insert(FILE, SV1, ['CRC*07*Y*ZZ']))).toEqual(['INVALID_CODE:CRC3']);
    expect(errors(insert(FILE, SV1, ['CRC*07*Y*01', 'CRC*07*Y*04', 'CRC*07*Y*05', 'CRC*07*Y*06']))).toEqual(['SEGMENT_MAX_USE:LX']);
  });

  it("CRC: each category's own conditions, answers and count (one segment of the guide per category)", () => {
    expect(errors(insert(FILE, SV1, ['CRC*11*N*37*AL*P1', 'CRC*07*N*02*03*04*05*06']))).toEqual([]);
    // Hospice employee: 65 alone; codes of the other categories, or a second condition, are not its own.
    expect(errors(insert(FILE, SV1, ['CRC*70*Y*04']))).toEqual(['CONDITION_CATEGORY:LX']);
    expect(errors(insert(FILE, SV1, ['CRC*70*Y*65*65']))).toEqual(['CONDITION_CATEGORY:LX']);
    expect(errors(insert(FILE, SV1, ['CRC*09*Y*04']))).toEqual(['CONDITION_CATEGORY:LX']);
    expect(errors(insert(FILE, SV1, ['CRC*07*Y*65']))).toEqual(['CONDITION_CATEGORY:LX']);
  });

  it("PWK: stupidedi's line list and the DMERC PWK*CT; PWK05 AC", () => {
    expect(errors(insert(FILE, SV1, ['PWK*OZ*EL***AC*A1', 'PWK*CT*AD']))).toEqual([]);
    expect(errors(insert(FILE, SV1, ['PWK*ZZ*EL']))).toEqual(['INVALID_CODE:PWK1']);
    expect(errors(insert(FILE, SV1, ['PWK*OZ*EL***XX*A1']))).toEqual(['INVALID_CODE:PWK5']);
  });

  it('SV5: HC and a code alone; SV504-SV506 required (both sources)', () => {
    expect(errors(insert(FILE, SV1, ['SV5*HC:E0601*DA*30*50*400*4']))).toEqual([]);
    expect(errors(insert(FILE, SV1, ['SV5*HC:E0601*DA*30']))).toEqual([
      'MISSING_ELEMENT:SV54',
      'MISSING_ELEMENT:SV55',
      'MISSING_ELEMENT:SV56',
    ]);
    expect(errors(insert(FILE, SV1, ['SV5*HC:E0601:RR*DA*30*50*400*4']))).toEqual(['UNUSED_ELEMENT:SV51-3']);
  });

  it('HCP: HCP02 required, HCP08 Not Used, HCP09 and HCP11 from their lists', () => {
    expect(line(['HCP*02*100*******HC*99213*UN*1'])).toEqual([]);
    expect(line(['HCP*02'])).toEqual(['MISSING_ELEMENT:HCP2']);
    expect(line(['HCP*02*100******0450'])).toEqual(['UNUSED_ELEMENT:HCP8']);
    expect(line(['HCP*02*100*******XX*99213'])).toEqual(['INVALID_CODE:HCP9']);
    expect(line(['HCP*02*100*********XX*1'])).toEqual(['INVALID_CODE:HCP11']);
  });
});

describe('837P 2410 drug identification (X222A1)', () => {
  // A TR3 example: a line with its NDC (LinuxForHealth fixtures).
  const DRUG = publicFile(`${LFH}837_005010X222A2/demo.drug.example10.1.837`);
  const CTP = 'CTP****10.00*ML';

  it('reads with no error; LIN02 N4 alone (both sources; EN, HI, UP... were accepted)', () => {
    expect(errors(DRUG)).toEqual([]);
    expect(errors(edit(DRUG, 'LIN**N4*00026063512', 'LIN**UP*00026063512'))).toEqual(['INVALID_CODE:LIN2']);
  });

  it('REF: XZ (both) or VY (stupidedi), a value alone', () => {
    expect(errors(insert(DRUG, CTP, ['REF*XZ*123456']))).toEqual([]);
    expect(errors(insert(DRUG, CTP, ['REF*VY*1']))).toEqual([]);
    expect(errors(insert(DRUG, CTP, ['REF*EI*1']))).toEqual(['INVALID_CODE:REF1']);
    expect(errors(insert(DRUG, CTP, ['REF*XZ']))).toEqual(['MISSING_ELEMENT:REF2', 'SYNTAX_REQUIRED:REF2']);
    expect(errors(insert(DRUG, CTP, ['REF*XZ*1*RX']))).toEqual(['UNUSED_ELEMENT:REF3']);
  });
});

describe('837P 2420A-2420H line providers (X222A1): the union of the roles', () => {
  const LINE_DATE = 'DTP*472*D8*20061003';
  const line = (added: string[]) => errors(insert(FILE, LINE_DATE, added));
  const RENDERING = 'NM1*82*1*KILDARE*BEN****XX*1999996666';
  const ORDERING = 'NM1*DK*1*WELBY*MARCUS****XX*1234567893';

  it("NM101 of the 837P's roles, with pyx12's 2420C FA, LI, TL; NM108 XX and pyx12's 24, 34", () => {
    expect(line(['NM1*82*1*KILDARE*BEN****24*123456789'])).toEqual([]);
    expect(line(['NM1*FA*2*LAB*****XX*1234567893', 'N3*1 MAIN ST', 'N4*MIAMI*FL*33111', 'REF*X4*12D4567890'])).toEqual([]);
    expect(line(['NM1*82*1*KILDARE*BEN****PI*123456789'])).toEqual(['INVALID_CODE:NM18']);
    // 72 (operating physician) is an 837I role: no 837P loop opens with it.
    expect(line(['NM1*72*1*KILDARE*BEN****XX*1999996666'])).toEqual(['UNEXPECTED_SEGMENT:NM1']);
  });

  it('PRV PE (and pyx12 RF) with PXC (and pyx12 ZZ); REF02 required, REF04 2U', () => {
    expect(line([RENDERING, 'PRV*PE*PXC*204C00000X', 'REF*G2*12345**2U:999996666'])).toEqual([]);
    expect(line([RENDERING, 'PRV*BI*PXC*204C00000X'])).toEqual(['INVALID_CODE:PRV1']);
    expect(line([RENDERING, 'PRV*PE*XX*204C00000X'])).toEqual(['INVALID_CODE:PRV2']);
    expect(line([RENDERING, 'REF*G2'])).toEqual(['MISSING_ELEMENT:REF2', 'SYNTAX_REQUIRED:REF2']);
    expect(line([RENDERING, 'REF*EW*1'])).toEqual(['INVALID_CODE:REF1']);
    expect(line([RENDERING, 'REF*G2*1**ZZ:1'])).toEqual(['INVALID_CODE:REF4-1']);
  });

  it('PER (2420E): IC with a number (PER03/PER04 required); EM, EX, FX, TE', () => {
    expect(line([ORDERING, 'N4*MIAMI*FL*33111', 'PER*IC*JOHN*TE*3055551234*EX*12'])).toEqual([]);
    expect(line([ORDERING, 'N4*MIAMI*FL*33111', 'PER*BL*JOHN*TE*3055551234'])).toEqual(['INVALID_CODE:PER1']);
    expect(line([ORDERING, 'N4*MIAMI*FL*33111', 'PER*IC*JOHN'])).toEqual(['MISSING_ELEMENT:PER3', 'MISSING_ELEMENT:PER4']);
    expect(line([ORDERING, 'N4*MIAMI*FL*33111', 'PER*IC*JOHN*UR*WWW.EXAMPLE.COM'])).toEqual(['INVALID_CODE:PER3']);
  });
});

describe('837P 2300 CRC (X222A1): ambulance, vision, homebound and EPSDT conditions', () => {
  const claim = (added: readonly string[]) => errors(insert(FILE, 'REF*D9*17312345600006351', added));

  it('each category with its own answers and conditions', () => {
    expect(claim(['CRC*07*Y*01*04*12', 'CRC*E1*Y*L1*L2', 'CRC*E3*N*L5', 'CRC*75*Y*IH', 'CRC*ZZ*N*AV*NU*S2'])).toEqual([]);
    expect(claim(['CRC*XX*Y*01'])).toEqual(['INVALID_CODE:CRC1']);
    expect(claim(['CRC*E1*Y*L9'])).toEqual(['INVALID_CODE:CRC3']);
    expect(claim(['CRC*75*N*IH'])).toEqual(['CONDITION_CATEGORY:CLM']);
    expect(claim(['CRC*75*Y*IH*IH'])).toEqual(['CONDITION_CATEGORY:CLM']);
    expect(claim(['CRC*E1*Y*IH'])).toEqual(['CONDITION_CATEGORY:CLM']);
    expect(claim(['CRC*07*Y*L1'])).toEqual(['CONDITION_CATEGORY:CLM']);
    expect(claim(['CRC*ZZ*Y*AV*NU*S2*ST'])).toEqual(['CONDITION_CATEGORY:CLM']);
  });

  it('three ambulance or vision CRCs at most, one homebound, one EPSDT referral', () => {
    expect(claim(['CRC*07*Y*01', 'CRC*07*Y*04', 'CRC*07*Y*05'])).toEqual([]);
    expect(claim(['CRC*07*Y*01', 'CRC*07*Y*04', 'CRC*07*Y*05', 'CRC*07*Y*06'])).toEqual(['SEGMENT_MAX_USE:CLM']);
    // Vision is one segment of the guide whatever its category (E1, E2, E3): three in all.
    expect(claim(['CRC*E1*Y*L1', 'CRC*E2*Y*L2', 'CRC*E3*Y*L3'])).toEqual([]);
    expect(claim(['CRC*E1*Y*L1', 'CRC*E2*Y*L2', 'CRC*E3*Y*L3', 'CRC*E1*N*L4'])).toEqual(['SEGMENT_MAX_USE:CLM']);
    expect(claim(['CRC*75*Y*IH', 'CRC*75*Y*IH'])).toEqual(['SEGMENT_MAX_USE:CLM']);
    expect(claim(['CRC*ZZ*Y*AV', 'CRC*ZZ*N*NU'])).toEqual(['SEGMENT_MAX_USE:CLM']);
  });
});

describe('837P HI (X222A1): the kinds of HI on one generic segment', () => {
  const HI = 'HI*BK:0340*BF:V7389';
  /** The file without its HI (and SE01 one lower). */
  const withoutHi = edit(FILE, `${HI}~`, '').replace(/~SE\*(\d+)\*/, (_m, n: string) => `~SE*${Number(n) - 1}*`);

  it('the principal diagnosis first (its HI holding the other diagnoses), then anesthesia and conditions', () => {
    expect(errors(edit(FILE, HI, 'HI*ABK:J069*ABF:R509*ABF:I10'))).toEqual([]);
    expect(errors(insert(FILE, HI, ['HI*BP:0001*BO:0002', 'HI*BG:01*BG:02']))).toEqual([]);
  });

  it('a claim without the principal diagnosis, or with an HI of no kind, is reported at its CLM', () => {
    expect(errors(withoutHi)).toEqual(['HEALTH_CARE_CODE_KIND:CLM']);
    expect(errors(edit(FILE, HI, 'HI*BF:0340*BF:V7389'))).toEqual(['HEALTH_CARE_CODE_KIND:CLM']);
    expect(errors(edit(FILE, HI, 'HI*BK:0340*BK:V7389'))).toEqual(['HEALTH_CARE_CODE_KIND:CLM']);
    // Other diagnoses go in the principal diagnosis's HI (837I: an HI of their own).
    expect(errors(insert(FILE, HI, ['HI*ABF:R509']))).toEqual(['HEALTH_CARE_CODE_KIND:CLM']);
    expect(errors(insert(FILE, HI, ['HI*BP:0001*BP:0002']))).toEqual(['HEALTH_CARE_CODE_KIND:CLM']);
    expect(errors(insert(FILE, HI, ['HI*BP:0001', 'HI*BP:0002']))).toEqual(['HEALTH_CARE_CODE_KIND:CLM']);
  });

  it('a qualifier of no 837P kind is an INVALID_CODE at its component, alone; HI0n-03 to -09 Not Used', () => {
    expect(errors(edit(FILE, HI, 'HI*BK:0340*DR:V7389'))).toEqual(['INVALID_CODE:HI2-1']);
    expect(errors(edit(FILE, HI, 'HI*BK:0340:D8:20061001'))).toEqual(['UNUSED_ELEMENT:HI1-3', 'UNUSED_ELEMENT:HI1-4']);
    expect(errors(edit(FILE, HI, 'HI*BK:0340*BF:V7389:::::::Y'))).toEqual(['UNUSED_ELEMENT:HI2-9']);
  });
});

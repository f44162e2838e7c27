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

  it("each kind's parts: dates (procedures, occurrences D8, spans RD8), amounts (values), POA (diagnoses)", () => {
    const OCCURRENCES = 'HI*BH:A1:D8:19261111*BH:A2:D8:19911101*BH:B1:D8:19261111*BH:B2:D8:19870101';
    expect(errors(edit(FILE, PRINCIPAL, 'HI*BK:3669:::::::Y'))).toEqual([]);
    expect(errors(edit(FILE, OCCURRENCES, 'HI*BH:A1'))).toEqual(['HEALTH_CARE_CODE_KIND:CLM']);
    expect(errors(edit(FILE, OCCURRENCES, 'HI*BH:A1:RD8:19261111-19261112'))).toEqual(['HEALTH_CARE_CODE_KIND:CLM']);
    expect(errors(edit(FILE, 'HI*BE:A2:::15.31', 'HI*BE:A2'))).toEqual(['HEALTH_CARE_CODE_KIND:CLM']);
    expect(errors(edit(FILE, CONDITION, 'HI*BG:09:D8:20250101'))).toEqual(['HEALTH_CARE_CODE_KIND:CLM']);
    expect(errors(insert(FILE, CONDITION, ['HI*ABJ:R509:::::::Y']))).toEqual(['HEALTH_CARE_CODE_KIND:CLM']);
    expect(errors(edit(FILE, CONDITION, 'HI*BG:09::::1'))).toEqual(['UNUSED_ELEMENT:HI1-6']);
  });

  it('POA (HI0n-09) is N, U, W or Y: the 4010 exempt code 1 is an INVALID_CODE', () => {
    for (const poa of ['N', 'U', 'W', 'Y']) expect(errors(edit(FILE, PRINCIPAL, `HI*BK:3669:::::::${poa}`))).toEqual([]);
    expect(errors(edit(FILE, PRINCIPAL, 'HI*BK:3669:::::::1'))).toEqual(['INVALID_CODE:HI1-9']);
  });

  it("a qualifier of no 837I kind is an INVALID_CODE at its component, alone (the 837P's BP)", () => {
    expect(errors(insert(FILE, CONDITION, ['HI*BP:0001']))).toEqual(['INVALID_CODE:HI1-1']);
  });
});

describe('837I elements pyx12 lists that were rejected (X223A2)', () => {
  const OTHER_SBR = 'SBR*S*01*351630*STATE TEACHERS*****CI';
  const OI = 'OI***Y***Y';
  const OTHER_INSURED_CITY = 'NM1*IL*1*DOE*JANE*S***MI*222004433~N3*125 CITY AVENUE~N4*CENTERVILLE*PA*17111';
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

describe('837I name loops and contacts (X223A2)', () => {
  const SUBMITTER = 'NM1*41*2*JONES HOSPITAL*****46*12345';
  const RECEIVER = 'NM1*40*2*MEDICARE*****46*00120';
  const BILLING = 'NM1*85*2*JONES HOSPITAL*****XX*9876540809';
  const SUBSCRIBER = 'NM1*IL*1*DOE*JON*T***MI*030005074A';
  const PAYER = 'NM1*PR*2*MEDICARE B*****PI*00435';
  const ATTENDING = 'NM1*71*1*JONES*JOHN*J';

  it('1000A submitter: NM103 and NM108/NM109 required, no prefix, suffix or NM110; PER IC with a number', () => {
    expect(errors(edit(FILE, SUBMITTER, 'NM1*41*2******46*12345'))).toEqual(['MISSING_ELEMENT:NM13']);
    expect(errors(edit(FILE, SUBMITTER, 'NM1*41*2*JONES HOSPITAL'))).toEqual(['MISSING_ELEMENT:NM18', 'MISSING_ELEMENT:NM19']);
    expect(errors(edit(FILE, SUBMITTER, 'NM1*41*1*DOE*JANE***JR*46*12345'))).toEqual(['UNUSED_ELEMENT:NM17']);
    expect(errors(edit(FILE, SUBMITTER, `${SUBMITTER}*01`))).toEqual(['UNUSED_ELEMENT:NM110']);
    expect(errors(edit(FILE, 'PER*IC*JANE DOE*TE*9005555555', 'PER*IC*JANE DOE*EM*A@EXAMPLE.COM*EX*12'))).toEqual([]);
    expect(errors(edit(FILE, 'PER*IC*JANE DOE*TE*9005555555', 'PER*IC*JANE DOE'))).toEqual([
      'MISSING_ELEMENT:PER3',
      'MISSING_ELEMENT:PER4',
    ]);
    expect(errors(edit(FILE, 'PER*IC*JANE DOE*TE*9005555555', 'PER*BL*JANE DOE*TE*9005555555'))).toEqual(['INVALID_CODE:PER1']);
  });

  it('1000B receiver, 2010AA billing provider, 2010BB payer: organizations named by NM103 alone', () => {
    expect(errors(edit(FILE, RECEIVER, 'NM1*40*1*MEDICARE*****46*00120'))).toEqual(['INVALID_CODE:NM12']);
    expect(errors(edit(FILE, RECEIVER, 'NM1*40*2*MEDICARE'))).toEqual(['MISSING_ELEMENT:NM18', 'MISSING_ELEMENT:NM19']);
    expect(errors(edit(FILE, BILLING, 'NM1*85*1*JONES*JOHN****XX*9876540809'))).toEqual(['INVALID_CODE:NM12', 'UNUSED_ELEMENT:NM14']);
    expect(errors(edit(FILE, PAYER, 'NM1*PR*2*MEDICARE*B****PI*00435'))).toEqual(['UNUSED_ELEMENT:NM14']);
    expect(errors(edit(FILE, PAYER, 'NM1*PR*2*MEDICARE B'))).toEqual(['MISSING_ELEMENT:NM18', 'MISSING_ELEMENT:NM19']);
  });

  it('2000A PRV BI with PXC; 2010AA REF*EI alone; 2010BB REF 2U, EI, FY, NF, G2, LU; N405/N406 Not Used', () => {
    expect(errors(edit(FILE, 'PRV*BI*PXC*', 'PRV*PT*PXC*'))).toEqual(['INVALID_CODE:PRV1']);
    expect(errors(edit(FILE, 'REF*EI*567891234', 'REF*SY*567891234'))).toEqual(['INVALID_CODE:REF1']);
    expect(errors(edit(FILE, 'REF*G2*330127', 'REF*LU*330127'))).toEqual([]);
    expect(errors(edit(FILE, 'REF*G2*330127', 'REF*1G*330127'))).toEqual(['INVALID_CODE:REF1']);
    expect(errors(edit(FILE, 'REF*G2*330127', 'REF*G2*330127*TEXT'))).toEqual(['UNUSED_ELEMENT:REF3']);
    expect(errors(edit(FILE, 'N4*CENTERVILLE*PA*17111', 'N4*CENTERVILLE*PA*17111**B1*X'))).toEqual([
      'UNUSED_ELEMENT:N45',
      'UNUSED_ELEMENT:N46',
    ]);
  });

  it('2000B SBR: SBR02 18, SBR05 Not Used, SBR09 from its list; 2010BA named, DMG02/DMG03 required, REF SY or Y4', () => {
    expect(errors(edit(FILE, 'SBR*P*18*******MB', 'SBR*P*01*******MB'))).toEqual(['INVALID_CODE:SBR2']);
    expect(errors(edit(FILE, 'SBR*P*18*******MB', 'SBR*P*18***12****MB'))).toEqual(['UNUSED_ELEMENT:SBR5']);
    expect(errors(edit(FILE, 'SBR*P*18*******MB', 'SBR*P*18*******XX'))).toEqual(['INVALID_CODE:SBR9']);
    expect(errors(edit(FILE, SUBSCRIBER, 'NM1*IL*1**JON****MI*030005074A'))).toEqual(['MISSING_ELEMENT:NM13']);
    expect(errors(edit(FILE, SUBSCRIBER, 'NM1*IL*1*DOE*JON*T*MR**MI*030005074A'))).toEqual(['UNUSED_ELEMENT:NM16']);
    expect(errors(edit(FILE, 'DMG*D8*19261111*M', 'DMG*D8*19261111'))).toEqual(['MISSING_ELEMENT:DMG3']);
    expect(errors(insert(FILE, 'DMG*D8*19261111*M', ['REF*SY*123456789', 'REF*Y4*CLAIM1']))).toEqual([]);
    expect(errors(insert(FILE, 'DMG*D8*19261111*M', ['REF*1W*123456789']))).toEqual(['INVALID_CODE:REF1']);
  });

  it('2310: named (NM103 required), PRV AT with PXC, REF 0B, 1G, G2, LU up to 4 with REF02 required', () => {
    expect(errors(edit(FILE, ATTENDING, 'NM1*71*1**JOHN'))).toEqual(['MISSING_ELEMENT:NM13']);
    expect(errors(insert(FILE, ATTENDING, ['PRV*AT*PXC*363LP0200N']))).toEqual([]);
    expect(errors(insert(FILE, ATTENDING, ['PRV*PE*PXC*363LP0200N']))).toEqual(['INVALID_CODE:PRV1']);
    expect(errors(edit(FILE, 'REF*1G*B99937', 'REF*EI*B99937'))).toEqual(['INVALID_CODE:REF1']);
    expect(errors(edit(FILE, 'REF*1G*B99937', 'REF*1G'))).toEqual(['MISSING_ELEMENT:REF2', 'SYNTAX_REQUIRED:REF2']);
  });
});

describe('837I claim and line segments (X223A2)', () => {
  const CLAIM = 'CLM*756048Q*89.93***14:A:1*Y*A*Y*Y';
  const SV2 = 'SV2*0305*HC:85025*13.39*UN*1.00';
  const LINE_DATE = 'DTP*472*D8*19960911';

  it('CL1 on every claim with the patient status (CL103); the admission type (CL101) situational', () => {
    expect(errors(edit(FILE, 'CL1*3**01', 'CL1***01'))).toEqual([]);
    expect(errors(edit(FILE, 'CL1*3**01', 'CL1*3'))).toEqual(['MISSING_ELEMENT:CL13']);
    expect(errors(edit(FILE, 'CL1*3**01', 'CL1*3**01*A'))).toEqual(['UNUSED_ELEMENT:CL14']);
    // Without CL1 (SE01 lowered by one): the claim loop misses a required segment, reported at its CLM.
    const withoutCl1 = edit(FILE, 'DTP*434*D8*19960911~CL1*3**01', 'DTP*434*D8*19960911').replace(
      /~SE\*(\d+)\*/,
      (_m, n: string) => `~SE*${Number(n) - 1}*`,
    );
    expect(errors(withoutCl1)).toEqual(['MISSING_SEGMENT:CLM']);
  });

  it('CLM10-CLM12 Not Used, CLM20 from its list; CLM06 kept situational (every public X223 example sends Y)', () => {
    expect(errors(FILE)).toEqual([]);
    expect(errors(edit(FILE, CLAIM, `${CLAIM}*P`))).toEqual(['UNUSED_ELEMENT:CLM10']);
    expect(errors(edit(FILE, CLAIM, `${CLAIM}**AA`))).toEqual(['UNUSED_ELEMENT:CLM11']);
    expect(errors(edit(FILE, CLAIM, `${CLAIM}***02`))).toEqual(['UNUSED_ELEMENT:CLM12']);
    expect(errors(edit(FILE, CLAIM, `${CLAIM}***********15`))).toEqual([]);
    expect(errors(edit(FILE, CLAIM, `${CLAIM}***********12`))).toEqual(['INVALID_CODE:CLM20']);
  });

  it('2300 AMT*F3 alone, REF from the claim list once each (LX five times), CRC the EPSDT referral (ZZ)', () => {
    expect(errors(insert(FILE, 'CL1*3**01', ['AMT*F3*10', 'REF*EA*1', 'REF*LX*1', 'REF*LX*2']))).toEqual([]);
    expect(errors(insert(FILE, 'CL1*3**01', ['AMT*F5*10']))).toEqual(['INVALID_CODE:AMT1']);
    expect(errors(insert(FILE, 'CL1*3**01', ['AMT*F3*10*C']))).toEqual(['UNUSED_ELEMENT:AMT3']);
    expect(errors(insert(FILE, 'CL1*3**01', ['REF*6R*1']))).toEqual(['INVALID_CODE:REF1']);
    expect(errors(insert(FILE, 'CL1*3**01', ['REF*EA*1', 'REF*EA*2']))).toEqual(['SEGMENT_MAX_USE:CLM']);
    expect(errors(insert(FILE, 'CL1*3**01', ['CRC*ZZ*Y*NU']))).toEqual([]);
    expect(errors(insert(FILE, 'CL1*3**01', ['CRC*07*Y*01']))).toEqual(['INVALID_CODE:CRC1', 'INVALID_CODE:CRC3']);
    expect(errors(insert(FILE, 'CL1*3**01', ['CRC*ZZ*Y*NU****AV']))).toEqual(['UNUSED_ELEMENT:CRC7']);
  });

  it('2300 PWK and HCP: the lists; the claim HCP names no procedure (HCP09/HCP10 Not Used)', () => {
    expect(errors(insert(FILE, 'CL1*3**01', ['PWK*OZ*EL***AC*A1']))).toEqual([]);
    expect(errors(insert(FILE, 'CL1*3**01', ['PWK*77*EL']))).toEqual(['INVALID_CODE:PWK1']);
    expect(errors(insert(FILE, 'CL1*3**01', ['PWK*OZ*NS']))).toEqual(['INVALID_CODE:PWK2']);
    expect(errors(insert(FILE, 'HI*BG:09', ['HCP*02*100******0450']))).toEqual([]);
    expect(errors(insert(FILE, 'HI*BG:09', ['HCP*02*100*******HC*99213']))).toEqual(['UNUSED_ELEMENT:HCP9', 'UNUSED_ELEMENT:HCP10']);
  });

  it('2320 SBR02 and AMT from their lists, OI04 Not Used; 2330A identified, 2330B REF list', () => {
    const sbr = 'SBR*S*01*351630*STATE TEACHERS*****CI';
    expect(errors(edit(FILE, sbr, 'SBR*S*G8*351630*STATE TEACHERS*****CI'))).toEqual([]);
    expect(errors(edit(FILE, sbr, 'SBR*S*22*351630*STATE TEACHERS*****CI'))).toEqual(['INVALID_CODE:SBR2']);
    expect(errors(edit(FILE, 'OI***Y***Y', 'OI***Y*P**Y'))).toEqual(['UNUSED_ELEMENT:OI4']);
    expect(errors(insert(FILE, sbr, ['AMT*A8*1', 'AMT*EAF*2']))).toEqual([]);
    expect(errors(insert(FILE, sbr, ['AMT*F5*1']))).toEqual(['INVALID_CODE:AMT1']);
    expect(errors(insert(FILE, sbr, ['AMT*A8*1', 'AMT*A8*2']))).toEqual(['SEGMENT_MAX_USE:SBR']);
    expect(errors(edit(FILE, 'NM1*IL*1*DOE*JANE*S***MI*222004433', 'NM1*IL*1*DOE*JANE*S'))).toEqual([
      'MISSING_ELEMENT:NM18',
      'MISSING_ELEMENT:NM19',
    ]);
    expect(errors(insert(FILE, 'NM1*PR*2*STATE TEACHERS*****PI*1135', ['REF*T4*Y']))).toEqual([]);
    expect(errors(insert(FILE, 'NM1*PR*2*STATE TEACHERS*****PI*1135', ['REF*SY*1']))).toEqual(['INVALID_CODE:REF1']);
  });

  it('2400 SV2: SV206 and SV202-08 Not Used; REF 6R/9B/9D, AMT GT/N8 once each, NTE TPO once', () => {
    expect(errors(edit(FILE, SV2, `${SV2}*10`))).toEqual(['UNUSED_ELEMENT:SV26']);
    // The line PWK takes the claim's lists: the DMERC codes (AB...NS) are the 837P's.
    expect(errors(insert(FILE, SV2, ['PWK*OZ*EL***AC*A1']))).toEqual([]);
    expect(errors(insert(FILE, SV2, ['PWK*OZ*AB']))).toEqual(['INVALID_CODE:PWK2']);
    expect(errors(edit(FILE, SV2, 'SV2*0305*HC:85025:::::DESC:X*13.39*UN*1.00'))).toEqual(['UNUSED_ELEMENT:SV22-8']);
    expect(errors(insert(FILE, LINE_DATE, ['REF*6R*1', 'AMT*GT*1', 'AMT*N8*2', 'NTE*TPO*NOTE']))).toEqual([]);
    expect(errors(insert(FILE, LINE_DATE, ['REF*G1*1']))).toEqual(['INVALID_CODE:REF1']);
    expect(errors(insert(FILE, LINE_DATE, ['REF*6R*1', 'REF*6R*2']))).toEqual(['SEGMENT_MAX_USE:LX']);
    expect(errors(insert(FILE, LINE_DATE, ['AMT*T*1']))).toEqual(['INVALID_CODE:AMT1']);
    expect(errors(insert(FILE, LINE_DATE, ['NTE*ADD*NOTE']))).toEqual(['INVALID_CODE:NTE1']);
    expect(errors(insert(FILE, LINE_DATE, ['NTE*TPO*A', 'NTE*TPO*B']))).toEqual(['SEGMENT_MAX_USE:NTE']);
  });

  it('2410 LIN02 N4 alone; 2420 the operating, other operating, rendering and referring providers', () => {
    expect(errors(insert(FILE, LINE_DATE, ['LIN**N4*00026063512', 'CTP****10*ML']))).toEqual([]);
    expect(errors(insert(FILE, LINE_DATE, ['LIN**UP*00026063512', 'CTP****10*ML']))).toEqual(['INVALID_CODE:LIN2']);
    expect(errors(insert(FILE, LINE_DATE, ['LIN**N4*00026063512', 'CTP****10*ML', 'REF*XZ*RX1']))).toEqual([]);
    expect(errors(insert(FILE, LINE_DATE, ['LIN**N4*00026063512', 'CTP****10*ML', 'REF*EA*RX1']))).toEqual(['INVALID_CODE:REF1']);
    expect(errors(insert(FILE, LINE_DATE, ['NM1*72*1*CUTTER*SAM****XX*1234567893', 'REF*G2*1**2U:99']))).toEqual([]);
    // DK (ordering provider) is an 837P role: no 837I line loop opens with it.
    expect(errors(insert(FILE, LINE_DATE, ['NM1*DK*1*CUTTER*SAM****XX*1234567893']))).toEqual(['UNEXPECTED_SEGMENT:NM1']);
    expect(errors(insert(FILE, LINE_DATE, ['NM1*72*1******XX*1234567893']))).toEqual(['MISSING_ELEMENT:NM13']);
  });

  it('2000C/2010CA: PAT01 alone from its list; the patient named, never identified', () => {
    // A TR3 example for a dependent; it writes '>' where its ISA16 says ':', so it has findings of its own.
    const dependent = publicFile(`${LFH}837_005010X223A3/ppo-repriced-claim.837i`);
    const added = (text: string): string[] => {
      const before = errors(dependent);
      return errors(text).filter((e) => {
        const i = before.indexOf(e);
        if (i < 0) return true;
        before.splice(i, 1);
        return false;
      });
    };
    expect(added(edit(dependent, 'PAT*19', 'PAT*19****D8*20060101'))).toEqual(['UNUSED_ELEMENT:PAT5', 'UNUSED_ELEMENT:PAT6']);
    expect(added(edit(dependent, 'PAT*19', 'PAT*18'))).toEqual(['INVALID_CODE:PAT1']);
    expect(added(edit(dependent, 'NM1*QC*1*JONES*JOY', 'NM1*QC*1*JONES*JOY****MI*1'))).toEqual([
      'UNUSED_ELEMENT:NM18',
      'UNUSED_ELEMENT:NM19',
    ]);
  });
});

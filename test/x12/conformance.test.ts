/**
 * Each conformance rule with a passing and a failing case: the failing case is the passing one with
 * exactly the defect the rule is about.
 */
import { describe, expect, it } from 'vitest';
import { parseX12 } from '#functions/x12/parse.ts';
import type { ParseOptions } from '#functions/x12/parse.ts';
import { TS270, TS271, TS276, TS277, TS277CA, TS278, TS835, TS837I, TS837P, TS999 } from '#functions/x12/index.ts';
import { functionalIdOf } from '#functions/x12/registry.ts';
import { exampleInterchange } from '#infra/cli/commands/x12.ts';
import { coordinated837I, fixture, IMS } from './helpers.ts';

const ISA = 'ISA*00*          *00*          *ZZ*PAYER          *ZZ*PROVIDER       *260105*0930*^*00501*000000001*0*T*:~';

/** A small conformant 835; `body` replaces the segments between ST and SE. SE01 is counted. */
function remittance(body: readonly string[] = BODY, isa = ISA): string {
  return `${isa}GS*HP*PAYER*PROVIDER*20260105*0930*1*X*005010X221A1~ST*835*0001~${body.join('~')}~SE*${body.length + 2}*0001~GE*1*1~IEA*1*000000001~`;
}
const BODY = [
  'BPR*I*100*C*CHK************20260105',
  'TRN*1*CHECK1*1999999999',
  'N1*PR*PAYER',
  'N3*1 MAIN ST',
  'N4*SPRINGFIELD*IL*62701',
  'PER*BL*CLAIMS*TE*5555550100',
  'N1*PE*PROVIDER*XX*1234567893',
  'LX*1',
  'CLP*PCN1*1*150*100**12*ICN1',
  'NM1*QC*1*DOE*JOHN****MI*M1',
  'SVC*HC:99213*150*100',
  'DTM*472*20260101',
  'CAS*CO*45*50',
  'REF*6R*LINE1',
  'LQ*HE*M1',
];
const edit = (from: string, to: string): string[] => {
  const i = BODY.indexOf(from);
  if (i < 0) throw new Error(`no ${from}`);
  return BODY.map((s, k) => (k === i ? to : s));
};

/** Errors as code:segment+element. */
function errors(text: string, options: ParseOptions = {}): string[] {
  const r = parseX12(text, options);
  return [...r.findings, ...r.transactions.flatMap((t) => t.findings)]
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.code}:${f.segmentId}${f.elementPosition ?? ''}`);
}

describe('the conformant baselines', () => {
  it('the 835 and the written 837s have no finding at all', () => {
    const r = parseX12(remittance());
    expect(r.valid).toBe(true);
    expect([...r.findings, ...r.transactions.flatMap((t) => t.findings)]).toEqual([]);
    for (const kind of ['837p', '837i', '270', '276']) expect(errors(exampleInterchange(kind))).toEqual([]);
  });
});

describe('envelopes', () => {
  it('counts and control numbers are errors, warnings only to the tolerant profile', () => {
    const stale = remittance().replace('SE*17*', 'SE*18*');
    expect(errors(stale)).toEqual(['SE_COUNT:SE1']);
    expect(errors(stale, { profile: 'tolerant' })).toEqual([]);
    expect(parseX12(stale, { profile: 'tolerant' }).transactions[0]?.findings.map((f) => `${f.severity}:${f.code}`)).toEqual([
      'warning:SE_COUNT',
    ]);
    expect(errors(remittance().replace('SE*17*0001', 'SE*17*0002'))).toEqual(['SE_CONTROL_NUMBER:SE2']);
    expect(errors(remittance().replace('GE*1*1~', 'GE*2*1~'))).toEqual(['GE_COUNT:GE1']);
    expect(errors(remittance().replace('GE*1*1~', 'GE*1*2~'))).toEqual(['GE_CONTROL_NUMBER:GE2']);
    expect(errors(remittance().replace('IEA*1*', 'IEA*2*'))).toEqual(['IEA_COUNT:IEA1']);
    expect(errors(remittance().replace('IEA*1*000000001', 'IEA*1*000000002'))).toEqual(['IEA_CONTROL_NUMBER:IEA2']);
  });

  it("GS01 names the group's transaction sets (HP for an 835), in either profile: a code, not a count", () => {
    const wrongGroup = remittance().replace('GS*HP*', 'GS*HC*');
    expect(errors(wrongGroup)).toEqual(['FUNCTIONAL_GROUP_MISMATCH:ST']);
    expect(errors(wrongGroup, { profile: 'tolerant' })).toEqual(['FUNCTIONAL_GROUP_MISMATCH:ST']);
    expect(errors(remittance().replace('GS*HP*', 'GS*XX*'))).toEqual(['FUNCTIONAL_GROUP_MISMATCH:ST']);
  });

  it('the GS01 checked is the one each definition names, one per set id (the 277 and the 277CA both HN)', () => {
    for (const def of [TS270, TS271, TS276, TS277, TS277CA, TS278, TS835, TS837I, TS837P, TS999])
      expect(functionalIdOf(def.id), def.version).toBe(def.functionalId);
    expect(functionalIdOf('834')).toBeUndefined(); // read for its envelope only
  });

  it('ISA01, ISA03, ISA05, ISA07, ISA12, ISA14 and ISA15 take the values 5010 allows', () => {
    expect(errors(remittance(BODY, ISA.replace('ISA*00*', 'ISA*02*')))).toEqual(['INVALID_ISA:ISA1']);
    expect(errors(remittance(BODY, ISA.replace('*00501*', '*00401*')))).toEqual(['INVALID_ISA:ISA12']);
    expect(errors(remittance(BODY, ISA.replace('*0*T*', '*0*X*')))).toEqual(['INVALID_ISA:ISA15']);
  });

  it('an ISA13 used twice in one file is an error', () => {
    const one = remittance();
    expect(errors(one + one)).toEqual(['DUPLICATE_INTERCHANGE:ISA13']);
    const other = one.replace('000000001*0*T', '000000002*0*T').replace('IEA*1*000000001', 'IEA*1*000000002');
    expect(errors(one + other)).toEqual([]);
    expect(errors(one + one, { profile: 'tolerant' })).toEqual([]);
  });
});

describe('elements', () => {
  it('an invalid code in a coded element is an error', () => {
    expect(errors(remittance(edit('CLP*PCN1*1*150*100**12*ICN1', 'CLP*PCN1*9*150*100**12*ICN1')))).toEqual(['INVALID_CODE:CLP2']);
    expect(errors(remittance(edit('CAS*CO*45*50', 'CAS*XX*45*50')))).toEqual(['INVALID_CODE:CAS1']);
  });

  it('dates and times are checked against the calendar and the clock', () => {
    expect(errors(remittance(edit('DTM*472*20260101', 'DTM*472*20260230')))).toEqual(['INVALID_DATE:DTM2']);
    expect(errors(remittance(edit('DTM*472*20260101', 'DTM*472*20261301')))).toEqual(['INVALID_DATE:DTM2']);
    expect(errors(remittance(edit('DTM*472*20260101', 'DTM*472*20240229')))).toEqual([]);
    expect(errors(remittance(edit('DTM*472*20260101', 'DTM*472*20250229')))).toEqual(['INVALID_DATE:DTM2']);
    // The 835's DTM03 is Not Used (X221A1), so the clock is shown on the 837P's BHT05.
    const claim = exampleInterchange('837p');
    expect(errors(claim.replace('*20260105*0930*CH~', '*20260105*2360*CH~'))).toEqual(['INVALID_TIME:BHT5']);
    expect(errors(claim.replace('*20260105*0930*CH~', '*20260105*2359*CH~'))).toEqual([]);
  });

  it('DTP03 follows its format qualifier: D8, RD8 (in order), DT', () => {
    const text = exampleInterchange('837p');
    expect(errors(text.replace('DTP*472*D8*20260102', 'DTP*472*RD8*20260102-20260103'))).toEqual([]);
    expect(errors(text.replace('DTP*472*D8*20260102', 'DTP*472*RD8*20260103-20260102'))).toEqual(['INVALID_DATE:DTP3']);
    expect(errors(text.replace('DTP*472*D8*20260102', 'DTP*472*D8*20260132'))).toEqual(['INVALID_DATE:DTP3']);
    expect(errors(text.replace('DMG*D8*19800101', 'DMG*D8*19801301'))).toEqual(['INVALID_DATE:DMG2']);
  });

  it('element lengths are the guide minimum and maximum', () => {
    expect(errors(remittance(edit('TRN*1*CHECK1*1999999999', 'TRN*1*CHECK1*19999')))).toEqual(['INVALID_LENGTH:TRN3']);
    expect(errors(remittance(edit('CLP*PCN1*1*150*100**12*ICN1', `CLP*PCN1*1*150*100**12*${'I'.repeat(51)}`)))).toEqual([
      'INVALID_LENGTH:CLP7',
    ]);
  });

  it('a Not Used element carrying data is an error', () => {
    const text = exampleInterchange('837p');
    expect(errors(text.replace('CLM*PCN0001*250**', 'CLM*PCN0001*250*1*'))).toEqual(['UNUSED_ELEMENT:CLM3']);
  });

  it('control characters inside an element are errors', () => {
    expect(errors(remittance(edit('NM1*QC*1*DOE*JOHN****MI*M1', 'NM1*QC*1*DO\u0001E*JOHN****MI*M1')))).toEqual(['CONTROL_CHARACTER:NM13']);
  });
});

describe('segments and loops', () => {
  it('segment order inside a loop is an error when broken (REF*6R after LQ)', () => {
    const swapped = BODY.slice(0, -2).concat(['LQ*HE*M1', 'REF*6R*LINE1']);
    expect(errors(remittance(swapped))).toEqual(['SEGMENT_OUT_OF_ORDER:REF']);
  });

  it('HL01 numbers the HLs from 1 in order, and HL02 names the parent', () => {
    const text = exampleInterchange('837p');
    expect(errors(text.replace('HL*2*1*22*0', 'HL*3*1*22*0'))).toEqual(['HL_NUMBERING:HL1']);
    expect(errors(text.replace('HL*2*1*22*0', 'HL*2*2*22*0'))).toEqual(['HL_PARENT:HL2']);
  });
});

describe('relational syntax notes (one checker, notes as data)', () => {
  it('P paired, R required, C conditional, L list conditional, E exclusion', () => {
    expect(errors(remittance(edit('PER*BL*CLAIMS*TE*5555550100', 'PER*BL*CLAIMS*TE')))).toContain('SYNTAX_PAIRED:PER3');
    // REF02 is also required by the 835 (X221A1), so both findings name it.
    expect(errors(remittance(edit('REF*6R*LINE1', 'REF*6R')))).toEqual(['MISSING_ELEMENT:REF2', 'SYNTAX_REQUIRED:REF2']);
    expect(errors(remittance(edit('BPR*I*100*C*CHK************20260105', 'BPR*I*100*C*CHK****DA********20260105')))).toEqual([
      'SYNTAX_CONDITIONAL:BPR8',
    ]);
    expect(errors(remittance(edit('CAS*CO*45*50', 'CAS*CO*45*50**94')))).toContain('SYNTAX_LIST_CONDITIONAL:CAS5');
    expect(errors(remittance(edit('N4*SPRINGFIELD*IL*62701', 'N4*SPRINGFIELD*IL*62701*US***ON')))).toEqual(['SYNTAX_EXCLUSION:N42']);
    expect(errors(remittance(edit('CAS*CO*45*50', 'CAS*CO*45*40**94*10')))).toEqual([]);
  });
});

describe('syntax notes beyond NM1, N4, REF, DTM, PER, CAS, PRV, DMG, BPR, LQ, PLB', () => {
  it('835: N1 id qualifier and id as a pair, QTY quantity, DTM date', () => {
    expect(errors(remittance(edit('N1*PE*PROVIDER*XX*1234567893', 'N1*PE*PROVIDER*XX')))).toContain('SYNTAX_PAIRED:N13');
    expect(errors(remittance(edit('N1*PR*PAYER', 'N1*PR*PAYER*XV')))).toEqual(['SYNTAX_PAIRED:N13']);
    expect(errors(remittance([...BODY.slice(0, -1), 'QTY*ZK*1', 'LQ*HE*M1']))).toEqual([]);
    expect(errors(remittance(edit('DTM*472*20260101', 'DTM*472')))).toEqual(['MISSING_ELEMENT:DTM2', 'SYNTAX_REQUIRED:DTM2']);
  });

  it('837P: PWK control number with its qualifier, SV1 unit basis with its quantity', () => {
    const text = exampleInterchange('837p');
    const line = /SV1\*[^~]*/.exec(text)?.[0] as string;
    expect(errors(text.replace(line, line.replace('*UN*1', '*UN*')))).toContain('SYNTAX_PAIRED:SV13');
    const claim = /CLM\*[^~]*~/.exec(text)?.[0] as string;
    const notCounted = (x: string): string[] => errors(x).filter((e) => e !== 'SE_COUNT:SE1');
    expect(notCounted(text.replace(claim, `${claim}PWK*OZ*FX***AC*ATTACH1~`))).toEqual([]);
    expect(notCounted(text.replace(claim, `${claim}PWK*OZ*FX****ATTACH1~`))).toEqual(['SYNTAX_PAIRED:PWK5']);
  });

  it('270: EQ names a service type or a procedure; 278: SV1 pairs unit and quantity', () => {
    const inquiry = exampleInterchange('270');
    const eq = /EQ\*[^~]*/.exec(inquiry)?.[0] as string;
    expect(errors(inquiry.replace(eq, 'EQ'))).toEqual(['SYNTAX_REQUIRED:EQ1']);
    const review = exampleInterchange('278');
    const sv1 = /SV1\*[^~]*/.exec(review)?.[0] as string;
    expect(errors(review.replace(sv1, sv1.split('*').slice(0, 4).join('*')))).toEqual(['SYNTAX_PAIRED:SV13']);
  });
});

describe('external codes in remittances: form only (CARC, RARC)', () => {
  it('a CAS reason code has the form of a CARC, a remark code that of a RARC', () => {
    expect(errors(remittance(edit('CAS*CO*45*50', 'CAS*CO*P12*50')))).toEqual([]);
    expect(errors(remittance(edit('CAS*CO*45*50', 'CAS*CO*N206*50')))).toEqual(['INVALID_ADJUSTMENT_REASON:SVC']);
    expect(errors(remittance(edit('LQ*HE*M1', 'LQ*HE*MA130')))).toEqual([]);
    expect(errors(remittance(edit('LQ*HE*M1', 'LQ*HE*45')))).toEqual(['INVALID_REMARK_CODE:SVC']);
    expect(errors(remittance(edit('LQ*HE*M1', 'LQ*RX*45')))).toEqual([]);
    const claim = BODY.indexOf('NM1*QC*1*DOE*JOHN****MI*M1');
    const withMoa = [...BODY.slice(0, claim + 1), 'MOA***N130*MA01', ...BODY.slice(claim + 1)];
    expect(errors(remittance(withMoa))).toEqual([]);
    expect(errors(remittance(withMoa.map((x) => (x.startsWith('MOA') ? 'MOA***N130*45' : x))))).toEqual(['INVALID_REMARK_CODE:CLP']);
  });
});

describe('837 arithmetic', () => {
  it('CLM02 is the sum of the line charges', () => {
    const text = exampleInterchange('837p');
    expect(errors(text.replace('CLM*PCN0001*250*', 'CLM*PCN0001*250.01*'))).toEqual(['CLAIM_CHARGE_SUM:CLM']);
  });

  it('2430: SVD02 plus the line CAS amounts equals the line charge', () => {
    const text = coordinated837I();
    expect(errors(text)).toEqual([]);
    expect(errors(text.replace('SVD*PRIM001*900*', 'SVD*PRIM001*900.01*'))).toEqual(['LINE_ADJUDICATION_BALANCE:LX']);
  });

  it('2320: AMT*D plus the 2320 and 2430 CAS amounts equals CLM02', () => {
    const text = coordinated837I();
    expect(errors(text.replace('AMT*D*750~', 'AMT*D*750.01~'))).toEqual(['PRIOR_PAYER_BALANCE:CLM']);
    // A cent moved from the line's CAS to its SVD02 keeps the line balanced but not the claim.
    expect(errors(text.replace('SVD*PRIM001*900*', 'SVD*PRIM001*900.01*').replace('CAS*CO*45*100~', 'CAS*CO*45*99.99~'))).toEqual([
      'PRIOR_PAYER_BALANCE:CLM',
    ]);
  });
});

/** Sets SE01 to the segment count of a single-transaction text, so that an edit tests one rule only. */
function recount(text: string): string {
  const segments = text.split('~');
  const st = segments.findIndex((x) => x.startsWith('ST*'));
  const se = segments.findIndex((x) => x.startsWith('SE*'));
  segments[se] = (segments[se] as string).replace(/^SE\*\d+/, `SE*${se - st + 1}`);
  return segments.join('~');
}

describe('277CA is its own guide (005010X214)', () => {
  // A New York Medicaid 277CA (imsweb fixtures): conformant to X214.
  const text = (): string => fixture(`${IMS}277_5010/x12_277CA_rejected.txt`).toString();

  it('reads the payer file without an error', () => {
    expect(errors(text())).toEqual([]);
  });

  it('finds what the generic 277 shape let through', () => {
    expect(errors(text().replace('HL*4*3*PT~', 'HL*4*3*PT*0~'))).toEqual(['UNUSED_ELEMENT:HL4']);
    expect(errors(recount(text().replace('TRN*1*000001120~DTP*050*D8*20110311~DTP*009*D8*20110311~', '')))).toEqual(['MISSING_LOOP:HL']);
    expect(errors(recount(text().replace('DTP*009*D8*20110311~', '')))).toEqual(['MISSING_SEGMENT:TRN']);
    expect(errors(text().replace('STC*A1|20*20110311*WQ*199.14~', 'STC*A1|20*20110311~'))).toEqual([
      'MISSING_ELEMENT:STC3',
      'MISSING_ELEMENT:STC4',
    ]);
    // 2200C STC02 (a date) is situational: pyx12 marks it Not Used, stupidedi Required, and the TR3's
    // business scenario 4 carries one (stupidedi X214-HN277/pass/business-scenario-4.edi).
    expect(
      errors(recount(text().replace('TRN*1*1107000000000001FF~', 'TRN*1*1107000000000001FF~STC*A1|19|PR*20110311*WQ*199.14~'))),
    ).toEqual([]);
    expect(errors(text().replace('TRN*2*3920394930203~', 'TRN*1*3920394930203~'))).toEqual(['INVALID_CODE:TRN1']);
    // STC01-4 (code list qualifier) is Not Used in X214: reported at its component.
    const qualified = parseX12(text().replace('STC*A7|562|85*', 'STC*A7|562|85|RX*'));
    expect(qualified.transactions[0]?.findings.map((f) => [f.code, f.elementPosition, f.componentPosition])).toEqual([
      ['UNUSED_ELEMENT', 1, 4],
    ]);
  });

  it('names the provider (2100C) more than once, as X214 allows: by NPI and by tax id', () => {
    const npi = 'NM1*85*2*PROVLNAME*****XX*123456789~';
    const twice = recount(text().replace(npi, `${npi}NM1*85*2*PROVLNAME*****FI*141797357~`));
    expect(errors(twice)).toEqual([]);
    const names = (parseX12(twice).transactions[0]?.model as { sources: { receivers: { providers: { name: unknown[] }[] }[] }[] })
      .sources[0]?.receivers[0]?.providers[0]?.name;
    expect(names).toHaveLength(2);
  });
});

describe("277CA (X214) levels the TR3's own examples leave out (stupidedi's held-out fixtures)", () => {
  /** A stupidedi fixture from ISA on, line breaks dropped (its TR3 examples open with prose). */
  const tr3 = (path: string): string => {
    const t = fixture(`stupidedi/005010/X214-HN277/${path}`).toString('latin1');
    return t.slice(t.indexOf('ISA*')).replace(/\r?\n/g, '');
  };

  it('2000C is situational: a rejected receiver (scenario 2) ends at 2000B; a provider level still needs its name', () => {
    const rejected = tr3('pass/2.edi');
    expect(errors(rejected)).toEqual([]);
    expect(errors(recount(rejected.replace('AMT*YY*800~', 'AMT*YY*800~HL*3*2*19*0~')))).toEqual(['MISSING_LOOP:HL']);
  });

  it('2200C is situational: a provider named without its own trace (scenario 3); a trace there keeps TRN01 1', () => {
    const accepted = tr3('pass/3.edi');
    expect(errors(accepted)).toEqual([]);
    const npi = 'NM1*85*1*JONES*HARRY*B**MD*XX*1232343560~';
    expect(errors(recount(accepted.replace(npi, `${npi}TRN*2*0091182~STC*A1:19**WQ*305~`)))).toEqual(['INVALID_CODE:TRN1']);
  });

  it('2000D is situational: a rejected provider (scenario 4) ends at 2000C', () => {
    const text = tr3('pass/4.edi');
    expect(text).toContain('HL*9*2*19*0~NM1*85');
    expect(errors(text)).toEqual([]);
  });

  it('the 2200D service date is situational (a claim rejected for its date); a date there keeps DTP01 472', () => {
    const text = tr3('pass/4.edi');
    expect(errors(recount(text.replace('DTP*472*D8*20060311~', '')))).toEqual([]);
    expect(errors(text.replace('DTP*472*D8*20060311~', 'DTP*232*D8*20060311~'))).toEqual(['INVALID_CODE:DTP1']);
  });
});

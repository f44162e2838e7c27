/**
 * The last gaps of issue 12's conformance data, each read from pyx12's maps (and stupidedi's X212
 * 276): the 2430 SVD of the 837P and 837I, the segments each 277 (X212) loop holds, and the STC
 * entity codes per loop. Each rule has a passing case (a public file or an engine-written one,
 * unchanged) and a failing one (the same file with exactly the defect), with its segment and element.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseX12 } from '#functions/x12/parse.ts';
import { TS276, TS277 } from '#functions/x12/definitions/ts277.ts';
import { EXAMPLE_276, EXAMPLE_PARTIES } from '#functions/x12/examples.ts';
import { sequentialControlNumbers, writeInterchange } from '#functions/x12/index.ts';
import { unused } from '#functions/x12/schema.ts';
import type { LoopDef, SegmentDef } from '#functions/x12/schema.ts';
import type { ModelObject } from '#functions/x12/reader.ts';
import { nm1 } from '#functions/x12/definitions/common.ts';
import { coordinated837I, edit, errors, errorsAt, fixture, IMS, insert, LFH, publicFile, readWith } from './helpers.ts';

describe('2430 SVD: the 837P names the procedure, the 837I the revenue code (X222A1, X223A1)', () => {
  // A secondary 837P with the primary payer's line adjudications (TR3 example, LinuxForHealth fixtures).
  const PROFESSIONAL = publicFile(`${LFH}837_005010X222A2/demo.cob.example3.B.837`);
  const LINE = 'SVD*999996666*40.00*HC:99213**1.00';

  it('837P: SVD03 (the procedure) is required with ER, HC, IV or WK; SVD04 is Not Used', () => {
    expect(errors(PROFESSIONAL)).toEqual([]);
    expect(errors(edit(PROFESSIONAL, LINE, 'SVD*999996666*40.00*WK:99213**1.00'))).toEqual([]);
    expect(errors(edit(PROFESSIONAL, LINE, 'SVD*999996666*40.00*HC:99213*0450*1.00'))).toEqual(['UNUSED_ELEMENT:SVD4']);
    expect(errors(edit(PROFESSIONAL, LINE, 'SVD*999996666*40.00*HP:99213**1.00'))).toEqual(['INVALID_CODE:SVD3-1']);
    expect(errors(edit(PROFESSIONAL, LINE, 'SVD*999996666*40.00***1.00'))).toEqual(['MISSING_ELEMENT:SVD3']);
  });

  it('837I: SVD04 (the revenue code) is required; SVD03 only when the line was adjudicated on a procedure (HP allowed)', () => {
    const text = coordinated837I();
    expect(text).toContain('SVD*PRIM001*900*HC:99284*0450*1~');
    expect(errors(text)).toEqual([]);
    // A line billed on its revenue code alone: no procedure, which the 837I allows.
    const revenueOnly = coordinated837I({ procedure: undefined });
    expect(revenueOnly).toContain('SVD*PRIM001*900**0450*1~');
    expect(errors(revenueOnly)).toEqual([]);
    expect(errors(edit(text, 'SVD*PRIM001*900*HC:99284*0450*1~', 'SVD*PRIM001*900*HP:99284*0450*1~'))).toEqual([]);
    expect(errors(edit(text, 'SVD*PRIM001*900*HC:99284*0450*1~', 'SVD*PRIM001*900*HC:99284**1~'))).toEqual(['MISSING_ELEMENT:SVD4']);
    expect(errors(edit(text, 'SVD*PRIM001*900*HC:99284*0450*1~', 'SVD*PRIM001*900*NU:99284*0450*1~'))).toEqual(['INVALID_CODE:SVD3-1']);
  });
});

describe('277 (X212): a loop holds the segments the map lists, no others', () => {
  const RECEIVER = publicFile(`${LFH}277_005010X212/information-receiver-level-status.277`);
  const PROVIDER = publicFile(`${LFH}277_005010X212/provider-level-status.277`);
  const CLAIMS = publicFile('LinuxForHealth-x12/demo-file/demo.277');
  const REQUEST = publicFile('LinuxForHealth-x12/demo-file/demo.276');

  it('the public files read with no error', () => {
    for (const text of [RECEIVER, PROVIDER, CLAIMS, REQUEST]) expect(errors(text)).toEqual([]);
  });

  it('2200B (information receiver) and 2200C (provider): TRN and STC only, no REF, QTY, AMT or DTP', () => {
    // Position 11 is the segment after the receiver's STC; 23 the one after the second provider's STC.
    for (const added of ['REF*1K*BATCH1', 'QTY*90*1', 'AMT*YU*125', 'DTP*472*D8*20050916'])
      expect(errorsAt(insert(RECEIVER, 'STC*E0:0*20050916', [added])), added).toEqual([`UNEXPECTED_SEGMENT:${added.slice(0, 3)}@11`]);
    for (const added of ['REF*1G*PROV1', 'QTY*QA*1', 'AMT*YY*0', 'DTP*472*D8*20050916'])
      expect(errorsAt(insert(PROVIDER, 'STC*E0:24:85*20050916', [added])), added).toEqual([`UNEXPECTED_SEGMENT:${added.slice(0, 3)}@23`]);
  });

  it("2200D/2200E: TRN, STC, REF and one DTP; no QTY or AMT (those are the 277CA's)", () => {
    expect(errorsAt(insert(CLAIMS, 'REF*EJ*SM123456', ['QTY*90*1']))).toEqual(['UNEXPECTED_SEGMENT:QTY@18']);
    expect(errorsAt(insert(CLAIMS, 'REF*EJ*SM123456', ['AMT*YU*8513.88']))).toEqual(['UNEXPECTED_SEGMENT:AMT@18']);
    expect(errorsAt(insert(CLAIMS, 'DTP*472*RD8*20050831-20050906', ['DTP*472*D8*20050831']))).toEqual(['SEGMENT_MAX_USE:DTP@19']);
    // The dependent's claim (2200E).
    expect(errorsAt(insert(CLAIMS, 'REF*EJ*MA345678', ['AMT*YU*150']))).toEqual(['UNEXPECTED_SEGMENT:AMT@37']);
  });

  it('no 2200A and no DMG in the 277; the 276 keeps its DMG (2000D/2000E) and its 2200D AMT', () => {
    expect(errorsAt(insert(CLAIMS, 'NM1*PR*2*ABC INSURANCE*****PI*12345', ['TRN*1*BATCH1']))).toEqual(['UNEXPECTED_SEGMENT:TRN@7']);
    expect(errorsAt(insert(CLAIMS, 'HL*4*3*22*0', ['DMG*D8*19800101*M']))).toEqual(['UNEXPECTED_SEGMENT:DMG@12']);
    expect(REQUEST).toContain('DMG*D8*');
    expect(REQUEST).toContain('AMT*T3*');
  });
});

/** The STC01-3 list of a 277 loop, as its definition carries it. */
function stcEntities(loopId: string): readonly string[] {
  const find = (loop: LoopDef): LoopDef | undefined =>
    loop.id === loopId ? loop : loop.children.flatMap((c) => (c.kind === 'loop' ? [find(c)] : [])).find((l) => l !== undefined);
  const stc = find(TS277.root)?.children.find((c): c is SegmentDef => c.kind !== 'loop' && c.id === 'STC');
  const first = stc?.elements[0];
  const codes = first?.kind === 'element' ? first.components?.[2]?.codes : undefined;
  if (!codes) throw new Error(`no STC01-3 list in ${loopId}`);
  return codes;
}

describe('277 (X212) STC01-3 entity codes per loop', () => {
  const RECEIVER = publicFile(`${LFH}277_005010X212/information-receiver-level-status.277`);
  const PROVIDER = publicFile(`${LFH}277_005010X212/provider-level-status.277`);
  const CLAIMS = publicFile('LinuxForHealth-x12/demo-file/demo.277');

  it('2200B: the information receiver (41), a clearinghouse (AY) or the payer (PR)', () => {
    expect(errors(edit(RECEIVER, 'STC*E0:0*', 'STC*E0:0:41*'))).toEqual([]);
    expect(errors(edit(RECEIVER, 'STC*E0:0*', 'STC*E0:0:AY*'))).toEqual([]);
    expect(errorsAt(edit(RECEIVER, 'STC*E0:0*', 'STC*E0:0:85*'))).toEqual(['INVALID_CODE:STC@10']);
    expect(errors(edit(RECEIVER, 'STC*E0:0*', 'STC*E0:0:85*'))).toEqual(['INVALID_CODE:STC1-3']);
  });

  it('2200C: the provider (1P, the map) or the billing provider (85, which a valid public file answers)', () => {
    expect(errors(PROVIDER)).toEqual([]);
    expect(errors(edit(PROVIDER, 'STC*E0:24:85*', 'STC*E0:24:1P*'))).toEqual([]);
    expect(errors(edit(PROVIDER, 'STC*E0:24:85*', 'STC*E0:24:QC*'))).toEqual(['INVALID_CODE:STC1-3']);
    expect(errors(edit(PROVIDER, 'STC*E0:24:85*', 'STC*E0:24:PR*'))).toEqual(['INVALID_CODE:STC1-3']);
  });

  it('2200D/2220D (and E): every code of the map list reads clean, any other is an error at STC01-3; STC10-3 and STC11-3 have no list', () => {
    const claimStatus = 'STC*F2:88:QC*20050612**150.00*0.00';
    const list = stcEntities('2200D');
    for (const id of ['2220D', '2200E', '2220E']) expect(stcEntities(id)).toEqual(list);
    expect(list).toEqual(expect.arrayContaining(['1P', '85', 'QC', 'IL', 'PRP']));
    for (const notListed of ['41', 'PR']) expect(list).not.toContain(notListed);
    for (const code of list) expect(errors(edit(CLAIMS, claimStatus, `STC*F2:88:${code}*20050612**150.00*0.00`)), code).toEqual([]);
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9A-Z]{2,3}$/).filter((c) => !list.includes(c)),
        (code) => {
          expect(errors(edit(CLAIMS, claimStatus, `STC*F2:88:${code}*20050612**150.00*0.00`))).toEqual(['INVALID_CODE:STC1-3']);
        },
      ),
      { numRuns: 60 },
    );
    // The service line's STC (2220E) has the same list.
    expect(errors(edit(CLAIMS, 'STC*F2:88:QC*20050612~DTP', 'STC*F2:88:41X*20050612~DTP'))).toEqual(['INVALID_CODE:STC1-3']);
    // STC10-3: neither map narrows it (X214 names the whole external list), so a receiver-level code is not an error here.
    expect(errors(edit(RECEIVER, 'STC*E0:0*20050916', 'STC*E0:0*20050916********E0:24:85'))).toEqual([]);
  });
});

describe('277 (X212) 2200B/2200C STC: a status with its date, no claim amounts', () => {
  const RECEIVER = publicFile(`${LFH}277_005010X212/information-receiver-level-status.277`);
  const PROVIDER = publicFile(`${LFH}277_005010X212/provider-level-status.277`);
  const CLAIMS = publicFile('LinuxForHealth-x12/demo-file/demo.277');

  it('STC02 is required; STC03-STC09 and STC12 are Not Used (pyx12 277.5010.X212.xml)', () => {
    expect(errors(edit(RECEIVER, 'STC*E0:0*20050916', 'STC*E0:0'))).toEqual(['MISSING_ELEMENT:STC2']);
    expect(errors(edit(PROVIDER, 'STC*E0:24:85*20050916', 'STC*E0:24:85'))).toEqual(['MISSING_ELEMENT:STC2']);
    expect(errors(edit(RECEIVER, 'STC*E0:0*20050916', 'STC*E0:0*20050916*WQ*125'))).toEqual(['UNUSED_ELEMENT:STC3', 'UNUSED_ELEMENT:STC4']);
    expect(errors(edit(PROVIDER, 'STC*E0:24:85*20050916', 'STC*E0:24:85*20050916**********NOTE'))).toEqual(['UNUSED_ELEMENT:STC12']);
    // A further status (STC10) is still allowed there, and the claim level keeps its amounts.
    expect(errors(edit(RECEIVER, 'STC*E0:0*20050916', 'STC*E0:0*20050916********E0:24'))).toEqual([]);
    expect(errors(CLAIMS)).toEqual([]);
  });

  it('STC01-4, STC10-4 and STC11-4 (code list qualifier) are Not Used at 2200B and 2200C: a value is an error at its component', () => {
    expect(errors(edit(RECEIVER, 'STC*E0:0*20050916', 'STC*E0:0::RX*20050916'))).toEqual(['UNUSED_ELEMENT:STC1-4']);
    expect(errors(edit(PROVIDER, 'STC*E0:24:85*20050916', 'STC*E0:24:85:RX*20050916'))).toEqual(['UNUSED_ELEMENT:STC1-4']);
    expect(errors(edit(RECEIVER, 'STC*E0:0*20050916', 'STC*E0:0*20050916********E0:24::RX'))).toEqual(['UNUSED_ELEMENT:STC10-4']);
    // At the claim it is situational, RX only.
    const claim = (c: string): string => edit(CLAIMS, 'STC*F0:3*20050915', `STC*${c}*20050915`);
    expect(errors(claim('F0:3::RX'))).toEqual([]);
    expect(errors(claim('F0:3::XX'))).toEqual(['INVALID_CODE:STC1-4']);
  });
});

describe('277 (X212) 2200D/2200E and 2220D/2220E STC: usage per element as the map gives it', () => {
  const CLAIMS = publicFile('LinuxForHealth-x12/demo-file/demo.277');
  const NCPDP = publicFile(`${LFH}277_005010X212/claim-level-status-ncpdp.277`);
  const CLAIM = 'STC*F0:3*20050915**7599.00*7599.00';
  const LINE = 'STC*F2:88:QC*20050612~DTP';
  // A clearinghouse's X212 277 (imsweb fixtures) with the 277CA's claim-level fields: action code and message.
  const CLEARINGHOUSE = fixture(`${IMS}277_5010/x12_277_x212.txt`).toString('latin1');

  it('claim: STC02 required; STC04-STC06, STC08, STC09 situational; STC03, STC07 and STC12 Not Used; STC01-4 RX', () => {
    expect(errors(edit(CLAIMS, CLAIM, `${CLAIM}*20050915*CHK*20050916*12345678`))).toEqual(['UNUSED_ELEMENT:STC7']);
    expect(errors(edit(CLAIMS, CLAIM, `${CLAIM}*20050915**20050916*12345678`))).toEqual([]);
    expect(errors(edit(CLAIMS, CLAIM, 'STC*F0:3**WQ*7599.00*7599.00'))).toEqual(['MISSING_ELEMENT:STC2', 'UNUSED_ELEMENT:STC3']);
    expect(errors(edit(CLAIMS, CLAIM, `${CLAIM}*******PAID`))).toEqual(['UNUSED_ELEMENT:STC12']);
    expect(errors(NCPDP)).toEqual([]);
    expect(NCPDP).toContain('STC*F2:80::RX*');
    expect(errors(edit(NCPDP, 'STC*F2:80::RX*', 'STC*F2:80::RQ*'))).toEqual(['INVALID_CODE:STC1-4']);
  });

  it('service line: STC02 required; STC03-STC09 and STC12 Not Used', () => {
    expect(errors(edit(CLAIMS, LINE, 'STC*F2:88:QC~DTP'))).toEqual(['MISSING_ELEMENT:STC2']);
    expect(errors(edit(CLAIMS, LINE, 'STC*F2:88:QC*20050612**150.00*0.00~DTP'))).toEqual(['UNUSED_ELEMENT:STC4', 'UNUSED_ELEMENT:STC5']);
    expect(errors(edit(CLAIMS, LINE, 'STC*F2:88:QC*20050612**********DENIED~DTP'))).toEqual(['UNUSED_ELEMENT:STC12']);
  });

  it('every loop that has an STC requires one', () => {
    // Reported at the loop's trigger (the claim's TRN, position 21).
    expect(errorsAt(cut(CLAIMS, CLAIM, 'REF*1K*'))).toEqual(['MISSING_SEGMENT:TRN@21']);
  });

  it("the clearinghouse file's 2200D STC03 (WQ) and STC12 (a message) are reported at each claim's STC, beside its wrong IEA02", () => {
    expect(CLEARINGHOUSE).toContain('STC*A1:704*20201116*WQ*600********PAYER ACKNOWLEDGED RECEIPT OF THE CLAIM');
    const found = errorsAt(CLEARINGHOUSE);
    expect(found.filter((f) => !f.startsWith('UNUSED_ELEMENT:STC@'))).toEqual(['IEA_CONTROL_NUMBER:IEA@111']);
    expect(errors(CLEARINGHOUSE).filter((f) => f.startsWith('UNUSED_ELEMENT'))).toEqual(
      Array(8).fill(['UNUSED_ELEMENT:STC3', 'UNUSED_ELEMENT:STC12']).flat(),
    );
  });
});

describe("nm1 with id: 'N' (the X212 2100E dependent)", () => {
  it('is the named-only NM1 that the 277 patch used to make by element index: NM108/NM109 Not Used, all else alike', () => {
    const named = nm1('name', ['QC'], 'R', 1, { id: 'N' });
    const full = nm1('name', ['QC']);
    // What ts277.ts's dependentName() built before: the full NM1 with elements 8 and 9 swapped for Not Used.
    expect(named).toEqual({ ...full, elements: full.elements.map((e, i) => (i === 7 || i === 8 ? unused : e)) });
    expect(nm1('name', ['QC'], 'R', 1, { id: 'S' })).toEqual(full);
  });
});

/** The file with the segments from `from` (a whole segment) up to the one starting with `to` taken out, and SE01 lowered by their number. */
function cut(text: string, from: string, to: string): string {
  const start = text.indexOf(`~${from}~`) + 1;
  const end = text.indexOf(`~${to}`, start) + 1;
  if (start < 1 || end < 1) throw new Error(`no ${from} .. ${to}`);
  const removed = text.slice(start, end).split('~').length - 1;
  return (text.slice(0, start) + text.slice(end)).replace(/~SE\*(\d+)\*/, (_m, n: string) => `~SE*${Number(n) - removed}*`);
}

describe('X212 2100C and 2000E/2200E against the maps (pyx12 277.5010.X212.xml; stupidedi X212-HR276.rb)', () => {
  const PROVIDER = publicFile(`${LFH}277_005010X212/provider-level-status.277`);
  const PROVIDER_276 = publicFile(`${LFH}276_005010X212/provider-level-status.276`);
  const CLAIMS = publicFile('LinuxForHealth-x12/demo-file/demo.277');
  const REQUEST = publicFile('LinuxForHealth-x12/demo-file/demo.276');

  it('2100C names the provider with NM101 1P only, in the 277 and the 276 (85 is an error at NM101)', () => {
    for (const text of [PROVIDER, PROVIDER_276]) {
      expect(errors(text)).toEqual([]);
      // Position 10 is the first provider's NM1 (ISA is 1).
      expect(errorsAt(edit(text, 'NM1*1P*2*HOME HOSPITAL*', 'NM1*85*2*HOME HOSPITAL*'))).toEqual(['INVALID_CODE:NM1@10']);
      expect(errors(edit(text, 'NM1*1P*2*HOME HOSPITAL*', 'NM1*85*2*HOME HOSPITAL*'))).toEqual(['INVALID_CODE:NM11']);
    }
    // STC01-3 85 in 2200C is another element, with its own list (below), and stays allowed.
    expect(PROVIDER).toContain('STC*E0:24:85*');
  });

  // Both sources give 2100C a repeat of 2 with one definition (NM101 1P, NM108 FI, SV or XX): an
  // NPI and a tax id, say, each in its own NM1. The model's provider `name` is a list.
  const NPI = 'NM1*1P*2*HOME HOSPITAL*****XX*1666666661';
  const TAX_ID = 'NM1*1P*2*HOME HOSPITAL*****FI*123456789';
  const home = { entityCode: '1P', entityType: '2', lastName: 'HOME HOSPITAL' };

  /** Every finding of a file (warnings too), as code:segment@position. */
  function findingsAt(text: string): string[] {
    const r = parseX12(text);
    return [...r.findings, ...r.transactions.flatMap((t) => t.findings)].map((f) => `${f.code}:${f.segmentId}@${f.segmentPosition}`);
  }

  /** The first provider level's names (2100C) of the first transaction. */
  function providerNames(text: string): unknown {
    const model = parseX12(text).transactions[0]?.model as { sources: { receivers: { providers: { name: unknown }[] }[] }[] };
    return model.sources[0]?.receivers[0]?.providers[0]?.name;
  }

  it('2100C repeats twice, in the 277 and the 276: a second provider name is valid and read beside the first', () => {
    for (const text of [PROVIDER, PROVIDER_276]) {
      expect(providerNames(text)).toEqual([{ ...home, idQualifier: 'XX', id: '1666666661' }]);
      const two = insert(text, NPI, [TAX_ID]);
      expect(findingsAt(two)).toEqual([]);
      expect(providerNames(two)).toEqual([
        { ...home, idQualifier: 'XX', id: '1666666661' },
        { ...home, idQualifier: 'FI', id: '123456789' },
      ]);
    }
  });

  it('a third 2100C is a LOOP_MAX_USE error at its NM1 (position 12); its data is still read, not dropped', () => {
    for (const text of [PROVIDER, PROVIDER_276]) {
      const three = insert(text, NPI, [TAX_ID, 'NM1*1P*2*HOME HOSPITAL*****SV*PRV0001']);
      expect(errorsAt(three)).toEqual(['LOOP_MAX_USE:NM1@12']);
      expect(providerNames(three)).toHaveLength(3);
    }
  });

  it("the second 2100C has the first one's definition: NM101 1P only, NM108 FI, SV or XX", () => {
    for (const text of [PROVIDER, PROVIDER_276]) {
      expect(errorsAt(insert(text, NPI, ['NM1*85*2*HOME HOSPITAL*****FI*123456789']))).toEqual(['INVALID_CODE:NM1@11']);
      expect(errors(insert(text, NPI, ['NM1*85*2*HOME HOSPITAL*****FI*123456789']))).toEqual(['INVALID_CODE:NM11']);
      expect(errors(insert(text, NPI, ['NM1*1P*2*HOME HOSPITAL*****PI*123456789']))).toEqual(['INVALID_CODE:NM18']);
    }
  });

  it('the writer writes one or two provider names and round-trips them; three are refused (WRITE_MODEL)', () => {
    type Model = { sources: { receivers: { providers: { name: object[] }[] }[] }[] };
    const withNames = (names: object[]): Model => {
      const model = structuredClone(EXAMPLE_276) as unknown as Model;
      (model.sources[0]?.receivers[0]?.providers[0] as { name: object[] }).name = names;
      return model;
    };
    const npi = { ...home, idQualifier: 'XX', id: '1234567893' };
    const taxId = { ...home, idQualifier: 'FI', id: '123456789' };
    for (const names of [[npi], [npi, taxId]]) {
      const model = withNames(names);
      const text = writeInterchange(EXAMPLE_PARTIES, [{ def: TS276, model }], sequentialControlNumbers());
      expect(text.match(/NM1\*1P\*/g)).toHaveLength(names.length);
      expect(findingsAt(text)).toEqual([]);
      expect(parseX12(text).transactions[0]?.model).toEqual(model);
    }
    expect(() =>
      writeInterchange(EXAMPLE_PARTIES, [{ def: TS276, model: withNames([npi, taxId, npi]) }], sequentialControlNumbers()),
    ).toThrow(expect.objectContaining({ code: 'WRITE_MODEL' }));
  });

  it('2200E is required in the dependent level (277 and 276); 2200D stays situational; both repeat', () => {
    expect(errors(CLAIMS)).toEqual([]);
    expect(errors(REQUEST)).toEqual([]);
    // The dependent's claim taken out: the loop is missing from the dependent level (its HL, position 31).
    expect(errorsAt(cut(CLAIMS, 'TRN*2*ABCXYC3', 'SE*38*0001'))).toEqual(['MISSING_LOOP:HL@31']);
    expect(errorsAt(cut(REQUEST, 'TRN*1*ABCXYZ3', 'SE*36*0001'))).toEqual(['MISSING_LOOP:HL@31']);
    // The subscriber level of the same file has no 2200D (it leads to the dependent only): no finding.
    expect(CLAIMS).toContain('NM1*IL*1*MANN*JOHN****MI*345678901~HL*8*7*23~');
    // A second claim of the dependent is a second 2200E.
    expect(errors(insert(CLAIMS, 'DTP*472*D8*20050501', ['TRN*2*ABCXYC4', 'STC*F2:88:QC*20050612']))).toEqual([]);
  });

  it('the 276 dependent level requires its DMG; the subscriber level does not', () => {
    expect(errorsAt(cut(REQUEST, 'DMG*D8*19951101*M', 'NM1*QC*1*MANN*JOSEPH'))).toEqual(['MISSING_SEGMENT:HL@31']);
    expect(errors(cut(REQUEST, 'DMG*D8*19951101*M', 'NM1*QC*1*MANN*JOSEPH'))).toEqual(['MISSING_SEGMENT:HL']);
    expect(errors(cut(REQUEST, 'DMG*D8*19301210*M', 'NM1*IL*1*SMITH*FRED'))).toEqual([]);
  });
});

describe('X212 names, hierarchy and service lines against the maps (pyx12 277.5010.X212.xml; stupidedi X212-HR276.rb)', () => {
  const CLAIMS = publicFile('LinuxForHealth-x12/demo-file/demo.277');
  const REQUEST = publicFile('LinuxForHealth-x12/demo-file/demo.276');
  const PAYER = 'NM1*PR*2*ABC INSURANCE*****PI*12345';
  const SUBSCRIBER = 'NM1*IL*1*MANN*JOHN****MI*345678901';

  it('2100A NM101 is PR and 2100D NM101 IL only, in the 277 and the 276 (an INVALID_CODE at NM101)', () => {
    for (const text of [CLAIMS, REQUEST]) {
      expect(errors(edit(text, PAYER, 'NM1*AY*2*ABC INSURANCE*****PI*12345'))).toEqual(['INVALID_CODE:NM11']);
      expect(errors(edit(text, SUBSCRIBER, 'NM1*QC*1*MANN*JOHN****MI*345678901'))).toEqual(['INVALID_CODE:NM11']);
      // 2100D NM108: 24, II or MI in both sources.
      expect(errors(edit(text, SUBSCRIBER, 'NM1*IL*1*MANN*JOHN****24*345678901'))).toEqual([]);
      expect(errors(edit(text, SUBSCRIBER, 'NM1*IL*1*MANN*JOHN****XX*345678901'))).toEqual(['INVALID_CODE:NM18']);
    }
  });

  it('NM1 name parts per loop: the payer an organization named by NM103 alone, no prefix anywhere, NM110-NM111 Not Used', () => {
    for (const text of [CLAIMS, REQUEST]) {
      expect(errors(edit(text, PAYER, 'NM1*PR*2*ABC INSURANCE*JO****PI*12345'))).toEqual(['UNUSED_ELEMENT:NM14']);
      expect(errors(edit(text, PAYER, 'NM1*PR*1*ABC INSURANCE*****PI*12345'))).toEqual(['INVALID_CODE:NM12']);
      expect(errors(edit(text, PAYER, 'NM1*PR*2******PI*12345'))).toEqual(['MISSING_ELEMENT:NM13']);
      expect(errors(edit(text, 'NM1*41*2*XYZ SERVICE*****46*X67E', 'NM1*41*2*XYZ SERVICE****JR*46*X67E'))).toEqual(['UNUSED_ELEMENT:NM17']);
      expect(errors(edit(text, 'NM1*1P*2*HOME HOSPITAL*****', 'NM1*1P*2*HOME HOSPITAL****JR*'))).toEqual([]);
      expect(errors(edit(text, 'NM1*1P*2*HOME HOSPITAL*****', 'NM1*1P*2*HOME HOSPITAL***DR**'))).toEqual(['UNUSED_ELEMENT:NM16']);
      expect(errors(edit(text, SUBSCRIBER, 'NM1*IL*1**JOHN****MI*345678901'))).toEqual(['MISSING_ELEMENT:NM13']);
      expect(errors(edit(text, SUBSCRIBER, `${SUBSCRIBER}*01`))).toEqual(['UNUSED_ELEMENT:NM110']);
      expect(errors(edit(text, 'NM1*QC*1*MANN*JOSEPH', 'NM1*QC*2*MANN*JOSEPH'))).toEqual(['INVALID_CODE:NM12']);
    }
  });

  it('2000D HL03 is 22 only (PT is the 277CA patient level); 2000E HL04 is Not Used', () => {
    expect(errors(edit(CLAIMS, 'HL*7*6*22*1', 'HL*7*6*PT*1'))).toContain('UNEXPECTED_SEGMENT:HL');
    for (const text of [CLAIMS, REQUEST]) expect(errorsAt(edit(text, 'HL*8*7*23~', 'HL*8*7*23*0~'))).toEqual(['UNUSED_ELEMENT:HL@31']);
  });

  it('277 SVC: SVC03 (payment) and SVC07 (units) required, SVC05 and SVC06 Not Used; 276 SVC: SVC03, SVC05, SVC06 Not Used', () => {
    const line277 = 'SVC*HC:99203*150.00*0.00****1.00';
    expect(errors(edit(CLAIMS, line277, 'SVC*HC:99203*150.00*****1.00'))).toEqual(['MISSING_ELEMENT:SVC3']);
    expect(errors(edit(CLAIMS, line277, 'SVC*HC:99203*150.00*0.00'))).toEqual(['MISSING_ELEMENT:SVC7']);
    expect(errors(edit(CLAIMS, line277, 'SVC*HC:99203*150.00*0.00**1*HC:99202*1.00'))).toEqual([
      'UNUSED_ELEMENT:SVC5',
      'UNUSED_ELEMENT:SVC6',
    ]);
    const line276 = 'SVC*HC:99203*150*****1';
    expect(errors(edit(REQUEST, line276, 'SVC*HC:99203*150*0'))).toEqual(['UNUSED_ELEMENT:SVC3']);
    expect(errors(edit(REQUEST, line276, 'SVC*HC:99203*150'))).toEqual([]);
  });

  it("a service line's date (DTP*472) is required in the 277 (2220D/E) and the 276 (2210D/E)", () => {
    // Reported at the line's SVC (positions 37 and 36).
    expect(errorsAt(cut(CLAIMS, 'DTP*472*D8*20050501', 'SE*'))).toEqual(['MISSING_SEGMENT:SVC@37']);
    expect(errorsAt(cut(REQUEST, 'DTP*472*D8*20050501', 'SE*'))).toEqual(['MISSING_SEGMENT:SVC@36']);
  });
});

describe('2100B (information receiver) NM101 is 41 only: X212 276/277 and X214 277CA (pyx12 277.5010.X212.xml, 277.5010.X214.xml)', () => {
  const CLAIMS = publicFile('LinuxForHealth-x12/demo-file/demo.277');
  const REQUEST = publicFile('LinuxForHealth-x12/demo-file/demo.276');
  const ACK = publicFile(`${IMS}277_5010/x12_277CA_rejected.txt`);
  // Each file's receiver NM1 and its position (ISA is 1).
  const cases = [
    { name: '277', text: CLAIMS, receiver: 'NM1*41*2*XYZ SERVICE*', at: 8 },
    { name: '276', text: REQUEST, receiver: 'NM1*41*2*XYZ SERVICE*', at: 8 },
    { name: '277CA', text: ACK, receiver: 'NM1*41*1*TEST*TEST*', at: 11 },
  ];

  /** The first information receiver's name (2100B) of the first transaction. */
  function receiverName(text: string): unknown {
    const model = parseX12(text).transactions[0]?.model as { sources: { receivers: { name: unknown }[] }[] };
    return model.sources[0]?.receivers[0]?.name;
  }

  it.each(cases)('$name: NM1*41 reads clean and the model keeps entityCode 41', ({ text }) => {
    expect(errors(text)).toEqual([]);
    expect(receiverName(text)).toMatchObject({ entityCode: '41', idQualifier: '46' });
  });

  it.each(cases)(
    '$name: NM1*40 in 2100B is exactly an INVALID_CODE at NM101 of that NM1 (no unexpected segment, no missing loop)',
    ({ text, receiver, at }) => {
      const wrong = edit(text, receiver, receiver.replace('NM1*41*', 'NM1*40*'));
      expect(errors(wrong)).toEqual(['INVALID_CODE:NM11']);
      expect(errorsAt(wrong)).toEqual([`INVALID_CODE:NM1@${at}`]);
      // The data is read, not dropped: the name is there with the code it was sent with.
      expect(receiverName(wrong)).toMatchObject({ entityCode: '40', idQualifier: '46' });
    },
  );

  it('any other entity code at 2100B NM101 is that one finding, in the three guides (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.stringMatching(/^[0-9A-Z]{2,3}$/).filter((c) => c !== '41'),
        ({ text, receiver, at }, code) => {
          expect(errorsAt(edit(text, receiver, receiver.replace('NM1*41*', `NM1*${code}*`)))).toEqual([`INVALID_CODE:NM1@${at}`]);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('277 (X212) 2100A PER: PER03 has its own list, without EX (pyx12 277.5010.X212.xml)', () => {
  const CLAIMS = publicFile('LinuxForHealth-x12/demo-file/demo.277');
  const PAYER = 'NM1*PR*2*ABC INSURANCE*****PI*12345';
  // The PER goes right after the payer's NM1 (position 6): it is position 7.
  const withPer = (per: string): string => insert(CLAIMS, PAYER, [per]);

  /** The payer's contacts (2100A PER) of the first transaction. */
  /** The first transaction's model, read once. */
  function modelOf(text: string): ModelObject {
    return parseX12(text).transactions[0]?.model as ModelObject;
  }

  /** The payer's contacts (2100A PER) in a model. */
  function payerContacts(model: ModelObject): unknown {
    return (model as unknown as { sources: { name: { contacts?: unknown } }[] }).sources[0]?.name.contacts;
  }

  it('EX at PER03 is an INVALID_CODE at PER03 of that PER', () => {
    expect(errors(withPer('PER*IC**EX*123'))).toEqual(['INVALID_CODE:PER3']);
    expect(errorsAt(withPer('PER*IC**EX*123'))).toEqual(['INVALID_CODE:PER@7']);
  });

  it('EX stays valid at PER05 and PER07, after a number', () => {
    expect(errors(withPer('PER*IC**TE*5551234*EX*12'))).toEqual([]);
    expect(errors(withPer('PER*IC**TE*5551234*FX*5559876*EX*12'))).toEqual([]);
    // The other codes of the map, at each of the three.
    for (const q of ['ED', 'EM', 'FX', 'TE']) expect(errors(withPer(`PER*IC**${q}*1*${q}*2*${q}*3`)), q).toEqual([]);
    expect(errors(withPer('PER*IC**TE*5551234*UR*X'))).toEqual(['INVALID_CODE:PER5']);
  });

  it('the model holds PER03/PER04 as numbers and PER05-PER08 as additionalNumbers, and is written back as it was read', () => {
    const text = withPer('PER*IC*CLAIMS*TE*5551234*EX*12');
    const contacts = [
      {
        functionCode: 'IC',
        name: 'CLAIMS',
        numbers: [{ qualifier: 'TE', number: '5551234' }],
        additionalNumbers: [{ qualifier: 'EX', number: '12' }],
      },
    ];
    const model = modelOf(text);
    expect(payerContacts(model)).toEqual(contacts);
    const written = writeInterchange(EXAMPLE_PARTIES, [{ def: TS277, model }], sequentialControlNumbers());
    expect(written.split(/~\n?/)).toContain('PER*IC*CLAIMS*TE*5551234*EX*12');
    expect(errors(written)).toEqual([]);
    expect(parseX12(written).transactions[0]?.model).toEqual(model);
    // A number at PER05 alone is read where it stands (one shared group moved it to PER03), and such
    // a PER, which the map does not allow (PER03/PER04 required: below), is not written.
    const late = modelOf(withPer('PER*IC*CLAIMS***TE*5551234'));
    expect(payerContacts(late)).toEqual([
      { functionCode: 'IC', name: 'CLAIMS', additionalNumbers: [{ qualifier: 'TE', number: '5551234' }] },
    ]);
    expect(() => writeInterchange(EXAMPLE_PARTIES, [{ def: TS277, model: late }], sequentialControlNumbers())).toThrow(
      expect.objectContaining({ code: 'WRITE_MODEL' }),
    );
  });

  it('PER03 and PER04 are required (usage R in the map): a contact without a first number is reported there', () => {
    expect(errorsAt(withPer('PER*IC*CLAIMS'))).toEqual(['MISSING_ELEMENT:PER@7', 'MISSING_ELEMENT:PER@7']);
    expect(errors(withPer('PER*IC*CLAIMS'))).toEqual(['MISSING_ELEMENT:PER3', 'MISSING_ELEMENT:PER4']);
    expect(errors(withPer('PER*IC*CLAIMS***TE*5551234'))).toEqual(['MISSING_ELEMENT:PER3', 'MISSING_ELEMENT:PER4']);
    expect(errors(withPer('PER*IC*CLAIMS*TE*5551234'))).toEqual([]);
  });

  it('the compiled segment reader and the generic one agree on the two groups: models and findings', () => {
    const variants = [
      'PER*IC**EX*123',
      'PER*IC**TE*5551234*EX*12',
      'PER*IC*CLAIMS***EX*12',
      'PER*IC**TE*1*FX*2*EX*3*XX',
      'PER*IC**UR*X*EX',
      'PER*IC*CLAIMS',
    ];
    for (const per of variants) expect(readWith(withPer(per), false), per).toStrictEqual(readWith(withPer(per), true));
  });

  it('the writer refuses EX at PER03 and a second entry in numbers (WRITE_MODEL)', () => {
    const model = parseX12(withPer('PER*IC**TE*5551234')).transactions[0]?.model as ModelObject;
    const withContact = (contact: object): ModelObject => {
      const m = structuredClone(model) as { sources: { name: { contacts: object[] } }[] };
      (m.sources[0] as { name: { contacts: object[] } }).name.contacts = [contact];
      return m as unknown as ModelObject;
    };
    const write = (m: ModelObject): string => writeInterchange(EXAMPLE_PARTIES, [{ def: TS277, model: m }], sequentialControlNumbers());
    expect(() => write(withContact({ functionCode: 'IC', numbers: [{ qualifier: 'EX', number: '12' }] }))).toThrow(
      expect.objectContaining({ code: 'WRITE_MODEL' }),
    );
    const two = [
      { qualifier: 'TE', number: '5551234' },
      { qualifier: 'FX', number: '5559876' },
    ];
    expect(() => write(withContact({ functionCode: 'IC', numbers: two }))).toThrow(expect.objectContaining({ code: 'WRITE_MODEL' }));
    const both = write(withContact({ functionCode: 'IC', numbers: two.slice(0, 1), additionalNumbers: two.slice(1) }));
    expect(both.split(/~\n?/)).toContain('PER*IC**TE*5551234*FX*5559876');
  });
});

describe('277CA (X214) NM1 element usage per name loop (pyx12 277.5010.X214.xml)', () => {
  const ACK = publicFile(`${IMS}277_5010/x12_277CA_rejected.txt`);
  const SOURCE = 'NM1*PR*2*NYSDOH*****FI*141797357';
  const RECEIVER = 'NM1*41*1*TEST*TEST****46*ETIN';
  const PROVIDER = 'NM1*85*2*PROVLNAME*****XX*123456789';
  const PATIENT = 'NM1*QC*1*CLILNAME*CLIFNAME*CLIMI***MI*XX99999X';

  it('the public 277CA reads clean', () => {
    expect(errors(ACK)).toEqual([]);
  });

  it('NM103 (the name, or last name) is required in 2100A, 2100B, 2100C and 2100D', () => {
    expect(errors(edit(ACK, SOURCE, 'NM1*PR*2******FI*141797357'))).toEqual(['MISSING_ELEMENT:NM13']);
    expect(errors(edit(ACK, RECEIVER, 'NM1*41*1**TEST****46*ETIN'))).toEqual(['MISSING_ELEMENT:NM13']);
    expect(errors(edit(ACK, PROVIDER, 'NM1*85*2******XX*123456789'))).toEqual(['MISSING_ELEMENT:NM13']);
    expect(errors(edit(ACK, PATIENT, 'NM1*QC*1**CLIFNAME*CLIMI***MI*XX99999X'))).toEqual(['MISSING_ELEMENT:NM13']);
  });

  it('the party is always identified: NM108/NM109 are required', () => {
    expect(errors(edit(ACK, PROVIDER, 'NM1*85*2*PROVLNAME'))).toEqual(['MISSING_ELEMENT:NM18', 'MISSING_ELEMENT:NM19']);
    expect(errors(edit(ACK, PATIENT, 'NM1*QC*1*CLILNAME*CLIFNAME*CLIMI'))).toEqual(['MISSING_ELEMENT:NM18', 'MISSING_ELEMENT:NM19']);
  });

  it('Not Used name parts: the source NM104-NM107, the receiver NM106/NM107; NM110 nowhere', () => {
    expect(errors(edit(ACK, SOURCE, 'NM1*PR*2*NYSDOH*JOHN****FI*141797357'))).toEqual(['UNUSED_ELEMENT:NM14']);
    expect(errors(edit(ACK, RECEIVER, 'NM1*41*1*TEST*TEST***JR*46*ETIN'))).toEqual(['UNUSED_ELEMENT:NM17']);
    // The provider and the patient may carry every name part.
    expect(errors(edit(ACK, PATIENT, 'NM1*QC*1*CLILNAME*CLIFNAME*CLIMI*DR*JR*MI*XX99999X'))).toEqual([]);
    expect(errors(edit(ACK, PATIENT, `${PATIENT}*01`))).toEqual(['UNUSED_ELEMENT:NM110']);
    expect(errors(edit(ACK, PROVIDER, `${PROVIDER}*01`))).toEqual(['UNUSED_ELEMENT:NM110']);
  });
});

describe('276/277 (X212): the payer, receiver, provider and subscriber are identified (NM108/NM109 required in 2100A-2100D)', () => {
  const CLAIMS = publicFile('LinuxForHealth-x12/demo-file/demo.277');
  const REQUEST = publicFile('LinuxForHealth-x12/demo-file/demo.276');
  const names = [
    ['2100A', 'NM1*PR*2*ABC INSURANCE*****PI*12345', 'NM1*PR*2*ABC INSURANCE'],
    ['2100B', 'NM1*41*2*XYZ SERVICE*****46*X67E', 'NM1*41*2*XYZ SERVICE'],
    ['2100C', 'NM1*1P*2*HOME HOSPITAL*****XX*1666666661', 'NM1*1P*2*HOME HOSPITAL'],
    ['2100D', 'NM1*IL*1*SMITH*FRED****MI*123456789A', 'NM1*IL*1*SMITH*FRED'],
  ] as const;

  it.each(names)('%s without NM108/NM109 is MISSING_ELEMENT at both, in the 277 and the 276', (_loop, named, unnamed) => {
    for (const text of [CLAIMS, REQUEST]) {
      expect(errors(text)).toEqual([]);
      expect(errors(edit(text, `${named}~`, `${unnamed}~`))).toEqual(['MISSING_ELEMENT:NM18', 'MISSING_ELEMENT:NM19']);
    }
  });

  it('the dependent (2100E) is named, never identified: NM108 there stays Not Used', () => {
    expect(errors(CLAIMS)).toEqual([]);
    expect(errors(edit(CLAIMS, 'NM1*QC*1*MANN*JOSEPH~', 'NM1*QC*1*MANN*JOSEPH****MI*1~'))).toEqual([
      'UNUSED_ELEMENT:NM18',
      'UNUSED_ELEMENT:NM19',
    ]);
  });
});

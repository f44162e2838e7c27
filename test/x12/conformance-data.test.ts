/**
 * The conformance data of issue 12 that came from pyx12's maps: where each segment's relational
 * syntax notes stand (functions/x12/definitions/syntax-sources.ts), and the per-loop code lists of
 * the 276/277 (X212). Each rule has a passing case (a public file, unchanged) and a failing one (the
 * same file with exactly the defect the rule is about), with its segment and element position.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseX12 } from '#functions/x12/parse.ts';
import { TS835 } from '#functions/x12/definitions/ts835.ts';
import { TS270, TS271 } from '#functions/x12/definitions/ts271.ts';
import { TS276, TS277 } from '#functions/x12/definitions/ts277.ts';
import { TS277CA } from '#functions/x12/definitions/ts277ca.ts';
import { TS999 } from '#functions/x12/definitions/ts999.ts';
import { TS837I, TS837P } from '#functions/x12/definitions/ts837.ts';
import { TS278 } from '#functions/x12/definitions/ts278.ts';
import { NOTE_SOURCES } from '#functions/x12/definitions/syntax-sources.ts';
import type { LoopDef, SegmentDef, TransactionSetDef } from '#functions/x12/schema.ts';
import { edit, publicFile } from './helpers.ts';

const GUIDES: readonly TransactionSetDef[] = [TS835, TS270, TS271, TS276, TS277, TS277CA, TS999, TS837P, TS837I, TS278];

/** Every segment definition of a guide, with the loop it sits in. */
function segments(def: TransactionSetDef): { loop: string; segment: SegmentDef }[] {
  const out: { loop: string; segment: SegmentDef }[] = [];
  const walk = (loop: LoopDef): void => {
    for (const child of loop.children) {
      if (child.kind === 'loop') walk(child);
      else out.push({ loop: loop.id, segment: child });
    }
  };
  walk(def.root);
  return out;
}

const all = GUIDES.flatMap((g) => segments(g).map((s) => ({ guide: `${g.id} ${g.version}`, ...s })));

/** Errors as code:segment+element. */
function errors(text: string): string[] {
  const r = parseX12(text);
  return [...r.findings, ...r.transactions.flatMap((t) => t.findings)]
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.code}:${f.segmentId}${f.elementPosition ?? ''}`);
}

/** The file with segments inserted after `after` and SE01 raised by their number. */
/** The demo 276's SE01. */
const SE_276 = 36;

function insert(text: string, after: string, added: readonly string[], seCount: number): string {
  const withAdded = edit(text, `${after}~`, `${after}~${added.map((s) => `${s}~`).join('')}`);
  return edit(withAdded, `SE*${seCount}*`, `SE*${seCount + added.length}*`);
}

describe('where the syntax notes of each segment stand', () => {
  it('every segment id without notes is listed with its source, and a listed id carries none anywhere', () => {
    const unlisted = [...new Set(all.filter((s) => !s.segment.syntax?.length && !NOTE_SOURCES[s.segment.id]).map((s) => s.segment.id))];
    expect(unlisted).toEqual([]);
    const listedWithNotes = all
      .filter((s) => s.segment.syntax?.length && NOTE_SOURCES[s.segment.id])
      .map((s) => `${s.guide} ${s.loop} ${s.segment.id}`);
    expect(listedWithNotes).toEqual([]);
  });

  it('a segment with notes in one place carries them in every guide and loop (the 835 production date DTM too)', () => {
    const noted = new Set(all.filter((s) => s.segment.syntax?.length).map((s) => s.segment.id));
    // HI carries no segment-level note (its notes are on the C022 composites): listed, not noted.
    const bare = all.filter((s) => noted.has(s.segment.id) && !s.segment.syntax?.length).map((s) => `${s.guide} ${s.loop} ${s.segment.id}`);
    expect(bare).toEqual([]);
  });

  it("the segments of issue 12 are settled: a source that prints other segments' notes prints none for them", () => {
    for (const id of ['PS1', 'CN1', 'CRC', 'CL1', 'SVD', 'UM', 'HCR', 'AAA', 'IK3', 'IK4', 'IK5', 'CTX', 'AK9'])
      expect(NOTE_SOURCES[id]?.standing, id).toBe('none');
    for (const source of Object.values(NOTE_SOURCES)) expect(source.source.length).toBeGreaterThan(10);
  });
});

describe('276/277 (X212) per-loop code lists', () => {
  const RESPONSE = publicFile('LinuxForHealth-x12/demo-file/demo.277');
  const REQUEST = publicFile('LinuxForHealth-x12/demo-file/demo.276');

  it('the public 276 and 277 read with no error', () => {
    expect(errors(RESPONSE)).toEqual([]);
    expect(errors(REQUEST)).toEqual([]);
  });

  it('2100E: a dependent is named, never identified (NM108/NM109 Not Used), in the 277 and the 276', () => {
    const identified = 'NM1*QC*1*MANN*JOSEPH****MI*345678901B';
    expect(errors(edit(RESPONSE, 'NM1*QC*1*MANN*JOSEPH', identified))).toEqual(['UNUSED_ELEMENT:NM18', 'UNUSED_ELEMENT:NM19']);
    expect(errors(edit(REQUEST, 'NM1*QC*1*MANN*JOSEPH', identified))).toEqual(['UNUSED_ELEMENT:NM18', 'UNUSED_ELEMENT:NM19']);
    // The subscriber (2100D) is still identified by its member id.
    expect(errors(RESPONSE)).toEqual([]);
  });

  it('2100A names the payer by PI or XV, 2100B the information receiver by 46 (ETIN) only, in the 276 and the 277', () => {
    for (const file of [REQUEST, RESPONSE]) {
      expect(errors(edit(file, 'NM1*PR*2*ABC INSURANCE*****PI*12345', 'NM1*PR*2*ABC INSURANCE*****XV*12345'))).toEqual([]);
      expect(errors(edit(file, 'NM1*PR*2*ABC INSURANCE*****PI*12345', 'NM1*PR*2*ABC INSURANCE*****XX*1234567893'))).toEqual([
        'INVALID_CODE:NM18',
      ]);
      expect(errors(edit(file, 'NM1*41*2*XYZ SERVICE*****46*X67E', 'NM1*41*2*XYZ SERVICE*****FI*123456789'))).toEqual([
        'INVALID_CODE:NM18',
      ]);
    }
  });

  it('276 2200D: each of its seven references once reads clean (the loop holds as many REFs as its list), an eighth is one too many', () => {
    const others = ['REF*1K*PAYERCLAIM1', 'REF*LU*LOC1', 'REF*6P*GROUP1', 'REF*XZ*RX1', 'REF*D9*TRACE1'];
    const seven = insert(REQUEST, 'REF*EJ*SM123456', others, SE_276);
    expect(errors(seven)).toEqual([]);
    expect(errors(insert(seven, 'REF*D9*TRACE1', ['REF*D9*TRACE2'], SE_276 + others.length))).toEqual(['SEGMENT_MAX_USE:REF']);
  });

  it('277 2200D/2200E REF01: 1K, BLT, EJ, XZ, VV, D9 only', () => {
    expect(errors(edit(RESPONSE, 'REF*EJ*MA345678', 'REF*D9*MA345678'))).toEqual([]);
    expect(errors(edit(RESPONSE, 'REF*EJ*MA345678', 'REF*FJ*MA345678'))).toEqual(['INVALID_CODE:REF1']);
    expect(errors(edit(RESPONSE, 'REF*EJ*SM123456', 'REF*6P*SM123456'))).toEqual(['INVALID_CODE:REF1']);
  });

  it('277 2220D/2220E REF01: FJ (line item control number) only', () => {
    const se = 38;
    expect(errors(insert(RESPONSE, 'STC*F2:88:QC*20050612', ['REF*FJ*LINE1'], se))).toEqual([]);
    expect(errors(insert(RESPONSE, 'STC*F2:88:QC*20050612', ['REF*EJ*LINE1'], se))).toEqual(['INVALID_CODE:REF1']);
  });

  it('277 TRN01: 1 (current trace) in the provider 2200C, 2 (referenced trace) in 2200B, 2200D and 2200E', () => {
    expect(errors(edit(RESPONSE, 'TRN*2*ABCXYZ1', 'TRN*1*ABCXYZ1'))).toEqual(['INVALID_CODE:TRN1']);
    expect(errors(edit(RESPONSE, 'TRN*2*ABCXYC3', 'TRN*1*ABCXYC3'))).toEqual(['INVALID_CODE:TRN1']);
    const provider = publicFile('LinuxForHealth-x12/src/tests/resources/277_005010X212/provider-level-status.277');
    expect(errors(provider)).toEqual([]);
    expect(errors(edit(provider, 'TRN*1*0', 'TRN*2*0'))).toEqual(['INVALID_CODE:TRN1']);
    const receiver = publicFile('LinuxForHealth-x12/src/tests/resources/277_005010X212/information-receiver-level-status.277');
    expect(errors(receiver)).toEqual([]);
    expect(errors(edit(receiver, 'TRN*2*ABC276XXX', 'TRN*1*ABC276XXX'))).toEqual(['INVALID_CODE:TRN1']);
  });

  it('276 2200D/2200E: TRN01 1; REF01 1K, BLT, LU, 6P, EJ, XZ, D9; AMT01 T3; 2210D/2210E REF01 FJ', () => {
    expect(errors(edit(REQUEST, 'TRN*1*ABCXYZ1', 'TRN*2*ABCXYZ1'))).toEqual(['INVALID_CODE:TRN1']);
    expect(errors(edit(REQUEST, 'REF*BLT*111', 'REF*6P*111'))).toEqual([]);
    expect(errors(edit(REQUEST, 'REF*BLT*111', 'REF*VV*111'))).toEqual(['INVALID_CODE:REF1']);
    expect(errors(edit(REQUEST, 'AMT*T3*8513.88', 'AMT*YU*8513.88'))).toEqual(['INVALID_CODE:AMT1']);
    // The dependent's claim (2200E) and its line (2210E).
    expect(errors(edit(REQUEST, 'REF*EJ*MA345678', 'REF*FJ*MA345678'))).toEqual(['INVALID_CODE:REF1']);
    const se = 36;
    expect(errors(insert(REQUEST, 'SVC*HC:99203*150*****1', ['REF*FJ*LINE1'], se))).toEqual([]);
    expect(errors(insert(REQUEST, 'SVC*HC:99203*150*****1', ['REF*EJ*LINE1'], se))).toEqual(['INVALID_CODE:REF1']);
  });

  it('277 2100A PER: PER01 IC; PER03 ED, EM, FX, TE; PER05/PER07 ED, EM, EX, FX, TE', () => {
    const se = 38;
    const payer = 'NM1*PR*2*ABC INSURANCE*****PI*12345';
    expect(errors(insert(RESPONSE, payer, ['PER*IC*CLAIMS*TE*5555550100*EX*12'], se))).toEqual([]);
    expect(errors(insert(RESPONSE, payer, ['PER*BL*CLAIMS*TE*5555550100'], se))).toEqual(['INVALID_CODE:PER1']);
    expect(errors(insert(RESPONSE, payer, ['PER*IC*CLAIMS*UR*WWW.EXAMPLE.COM'], se))).toEqual(['INVALID_CODE:PER3']);
    // EX (an extension) at PER03: test/x12/conformance-maps.test.ts.
  });
});

describe('278 (X217) DTP01 per loop', () => {
  const RESPONSE = readFileSync(new URL('../fixtures/engine/278-response.x12', import.meta.url), 'latin1').replace(/~\r?\n/g, '~');

  it('the engine-written 278 response reads with no error', () => {
    expect(errors(RESPONSE)).toEqual([]);
  });

  it('2000E patient event: accident, onset, event, admission, discharge... and the certification dates', () => {
    expect(errors(edit(RESPONSE, 'DTP*102*D8*20260105', 'DTP*439*D8*20260105'))).toEqual([]);
    expect(errors(edit(RESPONSE, 'DTP*102*D8*20260105', 'DTP*472*D8*20260105'))).toEqual(['INVALID_CODE:DTP1']);
    expect(errors(edit(RESPONSE, 'DTP*102*D8*20260105', 'DTP*304*D8*20260105'))).toEqual(['INVALID_CODE:DTP1']);
  });

  it('2000F service: the service date and the certification dates only', () => {
    expect(errors(edit(RESPONSE, 'DTP*472*RD8*20260110-20260409', 'DTP*AAH*RD8*20260110-20260409'))).toEqual(['INVALID_CODE:DTP1']);
  });
});

/** The DTP01 list a loop's DTP carries in a definition (the loop found by its guide id). */
function dtpList(def: TransactionSetDef, loopId: string): readonly string[] {
  const found = segments(def).find((s) => s.loop === loopId && s.segment.id === 'DTP');
  const first = found?.segment.elements[0];
  const codes = first && first.kind === 'element' ? first.codes : undefined;
  if (!codes) throw new Error(`no DTP01 list in ${loopId}`);
  return codes;
}

describe('per-loop lists (properties)', () => {
  const RESPONSE_278 = readFileSync(new URL('../fixtures/engine/278-response.x12', import.meta.url), 'latin1').replace(/~\r?\n/g, '~');
  const code = fc.stringMatching(/^[0-9A-Z]{3}$/);

  it('278 2000E and 2000F: every code of the loop list reads clean, any other code is an error at DTP01', () => {
    for (const [loopId, from] of [
      ['2000E', 'DTP*102*D8*20260105'],
      ['2000F', 'DTP*472*RD8*20260110-20260409'],
    ] as const) {
      const list = dtpList(TS278, loopId);
      const rest = from.slice(from.indexOf('*', 4));
      for (const c of list) expect(errors(edit(RESPONSE_278, from, `DTP*${c}${rest}`)), `${loopId} ${c}`).toEqual([]);
      fc.assert(
        fc.property(
          code.filter((c) => !list.includes(c)),
          (c) => {
            expect(errors(edit(RESPONSE_278, from, `DTP*${c}${rest}`))).toEqual(['INVALID_CODE:DTP1']);
          },
        ),
        { numRuns: 40 },
      );
    }
  });

  it('X212 2100E: whatever qualifier and id a dependent is given, both are Not Used elements carrying data', () => {
    const request = publicFile('LinuxForHealth-x12/demo-file/demo.276');
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z]{2}$/), fc.stringMatching(/^[0-9A-Z]{2,20}$/), (qualifier, id) => {
        expect(errors(edit(request, 'NM1*QC*1*MANN*JOSEPH', `NM1*QC*1*MANN*JOSEPH****${qualifier}*${id}`))).toEqual([
          'UNUSED_ELEMENT:NM18',
          'UNUSED_ELEMENT:NM19',
        ]);
      }),
      { numRuns: 40 },
    );
  });
});

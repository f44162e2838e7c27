/**
 * The last gaps of issue 12's conformance data, each read from pyx12's maps (and stupidedi's X212
 * 276): the 2430 SVD of the 837P and 837I, the segments each 277 (X212) loop holds, and the STC
 * entity codes per loop. Each rule has a passing case (a public file or an engine-written one,
 * unchanged) and a failing one (the same file with exactly the defect), with its segment and element.
 */
import { describe, expect, it } from 'vitest';
import { parseX12 } from '#functions/x12/parse.ts';
import { sequentialControlNumbers, writeInterchange } from '#functions/x12/interchange-writer.ts';
import { TS837I } from '#functions/x12/definitions/ts837.ts';
import { EXAMPLE_837I, EXAMPLE_PARTIES } from '#functions/x12/examples.ts';
import type { ModelObject } from '#functions/x12/reader.ts';
import { fixture, LFH } from './helpers.ts';

/** Errors as code:segment+element(-component). */
function errors(text: string): string[] {
  const r = parseX12(text);
  return [...r.findings, ...r.transactions.flatMap((t) => t.findings)]
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.code}:${f.segmentId}${f.elementPosition ?? ''}${f.componentPosition ? `-${f.componentPosition}` : ''}`);
}

/** The file with its first `from` replaced (which must be there). */
function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`no ${from}`);
  return text.replace(from, to);
}

/** A public file with its segment terminators unwrapped. */
const publicFile = (path: string): string =>
  fixture(path)
    .toString('latin1')
    .replace(/~\r?\n/g, '~');

describe('2430 SVD: the 837P names the procedure, the 837I the revenue code (X222A1, X223A1)', () => {
  // A secondary 837P with the primary payer's line adjudications (TR3 example, LinuxForHealth fixtures).
  const PROFESSIONAL = publicFile(`${LFH}837_005010X222A2/demo.cob.example3.B.837`);
  const LINE = 'SVD*999996666*40.00*HC:99213**1.00';

  /** EXAMPLE_837I with the primary payer's adjudication of line 1 (revenue code 0450) and AMT*D to match. */
  function institutional(adjudication: Record<string, unknown> = {}): string {
    const doc = structuredClone(EXAMPLE_837I) as unknown as { billingProviders: { subscribers: { claims: ModelObject[] }[] }[] };
    const claim = doc.billingProviders[0]?.subscribers[0]?.claims[0] as {
      otherSubscribers: { amounts: { qualifier: string; amountCents: number }[] }[];
      serviceLines: ModelObject[];
    };
    (claim.otherSubscribers[0]?.amounts[0] as { amountCents: number }).amountCents = 75000;
    (claim.serviceLines[0] as ModelObject).adjudications = [
      {
        otherPayerId: 'PRIM001',
        paidCents: 90000,
        procedure: { qualifier: 'HC', code: '99284' },
        revenueCode: '0450',
        paidUnits: '1',
        adjustments: [{ groupCode: 'CO', adjustments: [{ reasonCode: '45', amountCents: 10000 }] }],
        dates: [{ qualifier: '573', format: 'D8', value: '20251215' }],
        ...adjudication,
      },
    ];
    return writeInterchange(EXAMPLE_PARTIES, [{ def: TS837I, model: doc as unknown as ModelObject }], sequentialControlNumbers());
  }

  it('837P: SVD03 (the procedure) is required with ER, HC, IV or WK; SVD04 is Not Used', () => {
    expect(errors(PROFESSIONAL)).toEqual([]);
    expect(errors(edit(PROFESSIONAL, LINE, 'SVD*999996666*40.00*WK:99213**1.00'))).toEqual([]);
    expect(errors(edit(PROFESSIONAL, LINE, 'SVD*999996666*40.00*HC:99213*0450*1.00'))).toEqual(['UNUSED_ELEMENT:SVD4']);
    expect(errors(edit(PROFESSIONAL, LINE, 'SVD*999996666*40.00*HP:99213**1.00'))).toEqual(['INVALID_CODE:SVD3-1']);
    expect(errors(edit(PROFESSIONAL, LINE, 'SVD*999996666*40.00***1.00'))).toEqual(['MISSING_ELEMENT:SVD3']);
  });

  it('837I: SVD04 (the revenue code) is required; SVD03 only when the line was adjudicated on a procedure (HP allowed)', () => {
    const text = institutional();
    expect(text).toContain('SVD*PRIM001*900*HC:99284*0450*1~');
    expect(errors(text)).toEqual([]);
    // A line billed on its revenue code alone: no procedure, which the 837I allows.
    const revenueOnly = institutional({ procedure: undefined });
    expect(revenueOnly).toContain('SVD*PRIM001*900**0450*1~');
    expect(errors(revenueOnly)).toEqual([]);
    expect(errors(edit(text, 'SVD*PRIM001*900*HC:99284*0450*1~', 'SVD*PRIM001*900*HP:99284*0450*1~'))).toEqual([]);
    expect(errors(edit(text, 'SVD*PRIM001*900*HC:99284*0450*1~', 'SVD*PRIM001*900*HC:99284**1~'))).toEqual(['MISSING_ELEMENT:SVD4']);
    expect(errors(edit(text, 'SVD*PRIM001*900*HC:99284*0450*1~', 'SVD*PRIM001*900*NU:99284*0450*1~'))).toEqual(['INVALID_CODE:SVD3-1']);
  });
});

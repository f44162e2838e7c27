import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { X12Parser } from 'node-x12';
import type { X12Interchange } from 'node-x12';
import { parseX12 } from '#functions/x12/parse.ts';
import { tokenize } from '#functions/x12/tokenizer.ts';
import { writeInterchange, sequentialControlNumbers } from '#functions/x12/interchange-writer.ts';
import { writeTransactionSet } from '#functions/x12/writer.ts';
import { TS837I, TS837P } from '#functions/x12/definitions/ts837.ts';
import { TS270 } from '#functions/x12/definitions/ts271.ts';
import { TS276 } from '#functions/x12/definitions/ts277.ts';
import { EXAMPLE_270, EXAMPLE_276, EXAMPLE_837I, EXAMPLE_837P, EXAMPLE_PARTIES } from '#functions/x12/examples.ts';
import { X12Error } from '#functions/x12/errors.ts';
import type { ModelObject } from '#functions/x12/reader.ts';
import type { TransactionSetDef } from '#functions/x12/schema.ts';
import { claimDocument, eligibilityInquiry, statusRequest } from './arbitraries.ts';

function write(def: TransactionSetDef, model: object): string {
  return writeInterchange(EXAMPLE_PARTIES, [{ def, model: model as ModelObject }], sequentialControlNumbers());
}

function readBack(text: string): { model: unknown; errors: unknown[] } {
  const r = parseX12(text, { strict: true });
  const t = r.transactions[0];
  return { model: t?.model, errors: [...r.findings, ...(t?.findings ?? [])].filter((f) => f.severity === 'error') };
}

const cases: [string, TransactionSetDef, object, fc.Arbitrary<object>][] = [
  ['837P', TS837P, EXAMPLE_837P, claimDocument('P')],
  ['837I', TS837I, EXAMPLE_837I, claimDocument('I')],
  ['270', TS270, EXAMPLE_270, eligibilityInquiry],
  ['276', TS276, EXAMPLE_276, statusRequest],
];

describe.each(cases)('%s writer', (_name, def, example, arbitrary) => {
  it('writes the example so that our reader, in strict mode, reads back the same model without errors', () => {
    const text = write(def, example);
    const back = readBack(text);
    expect(back.errors).toEqual([]);
    expect(back.model).toEqual(example);
  });

  it('round-trips generated models exactly (property)', () => {
    fc.assert(
      fc.property(arbitrary, (model) => {
        const back = readBack(write(def, model));
        expect(back.errors).toEqual([]);
        expect(back.model).toEqual(model);
      }),
      { numRuns: 150 },
    );
  });

  it('is read by node-x12 to the same segments (independent tokenizer)', () => {
    fc.assert(
      fc.property(arbitrary, (model) => {
        const text = write(def, model);
        const ours = tokenize(text).map((s) => s.elements);
        const theirs = new X12Parser(true).parse(text) as X12Interchange;
        const segs: string[][] = [];
        for (const g of theirs.functionalGroups) {
          for (const t of g.transactions) {
            segs.push([t.header.tag, ...t.header.elements.map((e) => e.value)]);
            for (const s of t.segments) segs.push([s.tag, ...s.elements.map((e) => e.value)]);
            segs.push([t.trailer.tag, ...t.trailer.elements.map((e) => e.value)]);
          }
        }
        expect(segs).toEqual(ours.slice(2, -2));
      }),
      { numRuns: 40 },
    );
  });
});

describe('writer guard rails', () => {
  it('computes HL numbering, parents and child codes, LX numbers and SE01', () => {
    const segs = tokenize(write(TS837P, EXAMPLE_837P));
    expect(segs.filter((s) => s.id === 'HL').map((s) => s.elements.slice(1))).toEqual([
      ['1', '', '20', '1'],
      ['2', '1', '22', '0'],
    ]);
    expect(segs.filter((s) => s.id === 'LX').map((s) => s.elements[1])).toEqual(['1', '2']);
    const st = segs.findIndex((s) => s.id === 'ST');
    const se = segs.findIndex((s) => s.id === 'SE');
    expect(segs[se]?.elements[1]).toBe(String(se - st + 1));
  });

  it('reads back HL numbering strictly: a wrong HL02 or a repeated HL01 is an error', () => {
    const text = write(TS837P, EXAMPLE_837P);
    expect(parseX12(text.replace('HL*2*1*22*0', 'HL*2*2*22*0')).transactions[0]?.findings).toEqual([
      expect.objectContaining({ code: 'HL_PARENT', segmentId: 'HL', elementPosition: 2 }),
    ]);
    expect(parseX12(text.replace('HL*2*1*22*0', 'HL*1*1*22*0')).transactions[0]?.findings).toEqual([
      expect.objectContaining({ code: 'HL_ID', segmentId: 'HL', elementPosition: 1 }),
    ]);
  });

  it('writes corrected claims with frequency 7 and REF*F8, and the primary adjudication for secondary claims', () => {
    const text = write(TS837I, EXAMPLE_837I);
    expect(text).toContain('CLM*PCN0002*1234.56***13:A:7*');
    expect(text).toContain('REF*F8*PAYERICN0001~');
    expect(text).toContain('SBR*P*18*******CI~\nCAS*CO*45*234.56~\nCAS*PR*1*100**2*50~\nAMT*D*850~\nOI***Y***Y~');
    expect(text).toContain('SV2*0450*HC:99284*1000*UN*1~');
  });

  it('requires REF*F8 on replacement and void claims, in the writer and the reader', () => {
    const corrected = structuredClone(EXAMPLE_837I);
    const claim = corrected.billingProviders[0]?.subscribers[0]?.claims?.[0];
    if (!claim) throw new Error('fixture changed');
    claim.references = [];
    expect(() => write(TS837I, corrected)).toThrow(expect.objectContaining({ code: 'WRITE_MODEL', segmentId: 'CLM' }));
    const text = write(TS837I, EXAMPLE_837I).replace('REF*F8*PAYERICN0001~\n', '').replace('SE*39*', 'SE*38*');
    const t = parseX12(text).transactions[0];
    expect(t?.findings).toEqual([expect.objectContaining({ severity: 'error', code: 'MISSING_ORIGINAL_REFERENCE', segmentId: 'CLM' })]);
  });

  it('rejects a value containing a delimiter without echoing it, and writes nothing', () => {
    const bad = structuredClone(EXAMPLE_837P);
    const claim = bad.billingProviders[0]?.subscribers[0]?.claims?.[0];
    if (!claim) throw new Error('fixture changed');
    claim.patientControlNumber = 'SECRET*VALUE';
    let error: unknown;
    try {
      write(TS837P, bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(X12Error);
    expect(error).toMatchObject({ code: 'DELIMITER_IN_VALUE', segmentId: 'CLM', elementPosition: 1 });
    expect((error as Error).message).not.toContain('SECRET');
    for (const ch of ['~', ':', '^', '\n']) {
      claim.patientControlNumber = `A${ch}B`;
      expect(() => write(TS837P, bad)).toThrow(expect.objectContaining({ code: 'DELIMITER_IN_VALUE' }));
    }
  });

  it('rejects missing required values, non-integer cents, bad codes and too-long values', () => {
    const missing = structuredClone(EXAMPLE_837P) as unknown as { billingProviders: { subscribers: { payer?: unknown }[] }[] };
    delete missing.billingProviders[0]?.subscribers[0]?.payer;
    expect(() => writeTransactionSet(TS837P, missing as unknown as ModelObject, '0001')).toThrow(
      expect.objectContaining({ code: 'WRITE_MODEL', segmentId: 'NM1' }),
    );
    const fraction = structuredClone(EXAMPLE_837P);
    (fraction.billingProviders[0]?.subscribers[0]?.claims?.[0] as { totalChargeCents: number }).totalChargeCents = 10.5;
    expect(() => write(TS837P, fraction)).toThrow(expect.objectContaining({ code: 'WRITE_MODEL', segmentId: 'CLM', elementPosition: 2 }));
    const code = structuredClone(EXAMPLE_837P);
    (code.billingProviders[0]?.subscribers[0]?.claims?.[0] as { facility: { frequencyCode: string } }).facility.frequencyCode = '9';
    expect(() => write(TS837P, code)).toThrow(expect.objectContaining({ segmentId: 'CLM', elementPosition: 5, componentPosition: 3 }));
    const long = structuredClone(EXAMPLE_837P);
    (long.billingProviders[0]?.subscribers[0]?.claims?.[0] as { patientControlNumber: string }).patientControlNumber = 'X'.repeat(39);
    expect(() => write(TS837P, long)).toThrow(expect.objectContaining({ segmentId: 'CLM', elementPosition: 1 }));
  });

  it('uses a fresh control number per interchange, group and transaction set', () => {
    const controls = sequentialControlNumbers(41);
    const text = writeInterchange(
      EXAMPLE_PARTIES,
      [
        { def: TS837P, model: EXAMPLE_837P as unknown as ModelObject },
        { def: TS837P, model: EXAMPLE_837P as unknown as ModelObject },
        { def: TS270, model: EXAMPLE_270 },
      ],
      controls,
    );
    const r = parseX12(text, { strict: true });
    expect(r.summary).toEqual({ interchanges: 1, groups: 2, transactionSets: 3 });
    expect(r.transactions.map((t) => t.controlNumber)).toEqual(['0041', '0042', '0043']);
    expect(r.transactions.map((t) => t.group?.controlNumber)).toEqual(['41', '41', '42']);
    expect(r.transactions[0]?.interchange?.controlNumber).toBe('000000041');
    expect(r.valid).toBe(true);
  });
});

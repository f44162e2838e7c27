import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseX12 } from '#functions/x12/parse.ts';
import { X12Error } from '#functions/x12/errors.ts';
import { fixture, AFFECT, IMS, LFH } from './helpers.ts';

const SOURCES = [
  `${AFFECT}nevada_medicaid.txt`,
  `${AFFECT}emedny_sample.txt`,
  `${AFFECT}united_healthcare_legacy_sample.txt`,
  'LinuxForHealth-x12/demo-file/demo.835',
  `${LFH}271_005010X279A1/dependent-health-benefit-check.271`,
  `${IMS}277_5010/x12_277CA_rejected.txt`,
  'LinuxForHealth-x12/demo-file/demo.837i',
].map((p) => fixture(p));

/** Parses and reports how it ended: a result, or a typed error. Anything else fails the property. */
function outcome(bytes: Buffer): 'parsed' | 'rejected' {
  try {
    parseX12(bytes);
    return 'parsed';
  } catch (e) {
    expect(e).toBeInstanceOf(X12Error);
    return 'rejected';
  }
}

describe('malformed input never crashes the reader with an untyped error', () => {
  it('survives random byte edits, deletions and truncation of real files (property)', () => {
    const edit = fc.record({
      source: fc.nat({ max: SOURCES.length - 1 }),
      edits: fc.array(
        fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), kind: fc.constantFrom('set', 'delete', 'insert') }),
        { maxLength: 8 },
      ),
      truncate: fc.option(fc.nat(), { nil: undefined }),
    });
    fc.assert(
      fc.property(edit, ({ source, edits, truncate }) => {
        let bytes = [...(SOURCES[source] as Buffer)];
        for (const e of edits) {
          const at = e.at % (bytes.length + 1);
          if (e.kind === 'set' && at < bytes.length) bytes[at] = e.byte;
          else if (e.kind === 'delete') bytes.splice(at, 1);
          else bytes.splice(at, 0, e.byte);
        }
        if (truncate !== undefined) bytes = bytes.slice(0, truncate % (bytes.length + 1));
        outcome(Buffer.from(bytes));
      }),
      { numRuns: 1000 },
    );
  });

  it('balances an 835 whose LX lost its claims, CAS its triplets and BPR its amount (regression)', () => {
    const text = fixture(`${AFFECT}emedny_sample.txt`)
      .toString()
      .replace('BPR*I*45.75*', 'BPR*I**')
      .replace('CAS*CO*29*12~', 'CAS*CO~')
      .replace(/CLP\*/g, 'XXX*');
    const t = parseX12(text).transactions[0];
    expect(t?.balance).toMatchObject({ claimCount: 0, balanced: true });
    expect(t?.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(
      expect.arrayContaining(['MISSING_ELEMENT', 'UNEXPECTED_SEGMENT', 'MISSING_LOOP']),
    );
  });

  it('rejects arbitrary bytes quickly with a typed error or reads them as (empty) X12', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        outcome(Buffer.from(bytes));
      }),
      { numRuns: 300 },
    );
  });
});

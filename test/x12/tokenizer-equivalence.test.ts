/**
 * The scanner reads ASCII segments in one fused byte pass (separators, terminator and control bytes
 * together), in ASCII chunks and, segment by segment, in chunks that hold non-ASCII bytes too; every
 * other segment (non-ASCII, malformed, cut by the chunk's end) on the general path. These properties check that it yields exactly
 * what the scanner before the fused pass yields (test/x12/reference-tokenizer.ts): the same segments
 * (id, key, elements, byte offset, position, delimiters, `controls`) and the same X12Error (code, byte
 * offset, segment position), over any chunking of the input, and that chunking changes nothing but
 * `controls` (a segment of a chunk holding non-ASCII bytes is read on the general path, which answers
 * "may hold a control byte"; it is never false for a segment that holds one).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SegmentScanner, ScannedSegment } from '#functions/x12/tokenizer.ts';
import type { TokenizerOptions } from '#functions/x12/tokenizer.ts';
import { X12Error } from '#functions/x12/errors.ts';
import { SegmentScanner as ReferenceScanner, ScannedSegment as ReferenceSegment } from '#test/x12/reference-tokenizer.ts';

interface Scanner {
  push(chunk: Uint8Array, out: unknown[]): void;
  end(out: unknown[]): void;
}

/** What a scanner makes of the input cut at `cuts`: every segment it yielded, then its error if any. */
function outcome(make: () => Scanner, bytes: Buffer, cuts: readonly number[]): unknown[] {
  const scanner = make();
  const out: unknown[] = [];
  let prev = 0;
  try {
    for (const p of [...cuts, bytes.length]) {
      scanner.push(bytes.subarray(prev, p), out);
      prev = p;
    }
    scanner.end(out);
  } catch (e) {
    if (!(e instanceof X12Error)) throw e;
    out.push({ error: e.code, byteOffset: e.byteOffset, segmentPosition: e.segmentPosition, segmentId: e.segmentId });
  }
  return out.map((s) =>
    s instanceof ScannedSegment || s instanceof ReferenceSegment
      ? {
          id: s.id,
          key: s.key,
          elements: s.elements,
          values: s.elements.map((_, k) => s.value(k)),
          byteOffset: s.byteOffset,
          position: s.position,
          count: s.count,
          controls: s.controls,
          delimiters: s.delimiters,
        }
      : s,
  );
}

/** The scanner's outcome without `controls`, after checking that it is true wherever an element holds a control byte. */
function chunked(bytes: Buffer, cuts: readonly number[]): Record<string, unknown>[] {
  return outcome(() => new SegmentScanner(), bytes, cuts).map((s) => {
    const { controls, ...rest } = s as { controls?: boolean; elements?: string[] };
    if (rest.elements?.some((e) => [...e].some((ch) => ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127))) expect(controls).toBe(true);
    return rest;
  });
}

const isa = (sep: string, component: string, term: string, control: number): string =>
  ['ISA', '00', '          ', '00', '          ', 'ZZ', 'SENDER         ', 'ZZ', 'RECEIVER       ', '260105', '0930', '^', '00501']
    .concat([String(control).padStart(9, '0'), '0', 'T', component])
    .join(sep) + term;

/** Delimiter sets, a control-byte terminator and a line-break terminator among them. */
const delimiters = fc.constantFrom(
  { sep: '*', component: ':', term: '~' },
  { sep: '|', component: '>', term: '\n' },
  { sep: '*', component: ':', term: '\r' },
  { sep: '!', component: '\\', term: '\u001c' },
  { sep: '\u001d', component: ':', term: '~' },
);
/** Element characters: data, a space, control bytes, a non-ASCII letter (a UTF-8 chunk), rarely a line break. */
const elementChar = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom('A', 'Z', '0', '9', '.', '-', ' ') },
  { weight: 2, arbitrary: fc.constantFrom('\u0001', '\u007f', '\t', '\u0000') },
  { weight: 1, arbitrary: fc.constantFrom('é', '€') },
  { weight: 1, arbitrary: fc.constantFrom('\r', '\n') },
);
const ids = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom('GS', 'ST', 'CLP', 'SVC', 'CAS', 'N1', 'DTM', 'SE', 'GE', 'REF') },
  { weight: 1, arbitrary: fc.constantFrom('st', 'C', 'CLPX', 'É1', '', 'HL|') },
);
const segment = fc.record({
  id: ids,
  elements: fc.array(fc.string({ unit: elementChar, maxLength: 6 }), { maxLength: 8 }),
  // What separates this segment from the next: nothing, line breaks, spaces.
  gap: fc.constantFrom('', '', '', '\n', '\r\n', ' \r\n', '  '),
});
/** One interchange: ISA, segments, usually IEA; sometimes a BIN segment in the middle. */
const interchange = fc.record({
  d: delimiters,
  segments: fc.array(segment, { maxLength: 12 }),
  bin: fc.option(fc.string({ unit: fc.constantFrom('A', '~', '*', '\n', '\u0000'), maxLength: 8 }), { nil: undefined }),
  closed: fc.boolean(),
});

function build(
  parts: {
    d: { sep: string; component: string; term: string };
    segments: { id: string; elements: string[]; gap: string }[];
    bin: string | undefined;
    closed: boolean;
  }[],
  bom: boolean,
): Buffer {
  let text = bom ? '\uFEFF\r\n' : '';
  parts.forEach((p, n) => {
    const { sep, component, term } = p.d;
    text += isa(sep, component, term, n + 1) + '\r\n';
    p.segments.forEach((s, k) => {
      if (p.bin !== undefined && k === Math.floor(p.segments.length / 2))
        text += `BIN${sep}${Buffer.byteLength(p.bin)}${sep}${p.bin}${term}`;
      text += [s.id, ...s.elements].join(sep) + term + s.gap;
    });
    if (p.closed) text += `IEA${sep}1${sep}${String(n + 1).padStart(9, '0')}${term}\n`;
  });
  return Buffer.from(text, 'utf8');
}

const cutsOf = (length: number) =>
  fc
    .array(fc.integer({ min: 1, max: Math.max(1, length - 1) }), { maxLength: 10 })
    .map((cs) => [...new Set(cs)].filter((c) => c < length).sort((a, b) => a - b));

describe('the fused scanner', () => {
  it('yields what the reference scanner yields, segments and errors, over any chunking (property)', () => {
    fc.assert(
      fc.property(
        fc.array(interchange, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.constantFrom<TokenizerOptions>({}, { maxSegmentLength: 24 }, { maxSegmentLength: 200 }),
        fc.infiniteStream(fc.integer({ min: 1, max: 100_000 })),
        (parts, bom, options, seeds) => {
          const bytes = build(parts, bom);
          const cuts = [...new Set(Array.from({ length: 6 }, () => seeds.next().value % Math.max(1, bytes.length)))]
            .filter((c) => c > 0)
            .sort((a, b) => a - b);
          const current = outcome(() => new SegmentScanner(options), bytes, cuts);
          expect(current).toEqual(outcome(() => new ReferenceScanner(options), bytes, cuts));
          expect(outcome(() => new SegmentScanner(options), bytes, [])).toEqual(outcome(() => new ReferenceScanner(options), bytes, []));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('yields the same segments whatever the chunking, chunk boundaries at every byte of a segment included (property)', () => {
    const bytes = build(
      [
        {
          d: { sep: '*', component: ':', term: '~' },
          segments: [
            { id: 'GS', elements: ['HP', 'S', 'R'], gap: '\r\n' },
            { id: 'CLP', elements: ['1', '2', '10.00', '', 'X\u0001'], gap: '' },
            { id: 'NM1', elements: ['QC', '1', 'DOÉ'], gap: '\n' },
          ],
          bin: 'A~*\n',
          closed: true,
        },
        {
          d: { sep: '|', component: '>', term: '\n' },
          segments: [{ id: 'GS', elements: ['HP', 'S\r'], gap: '\r\n' }],
          bin: undefined,
          closed: true,
        },
      ],
      false,
    );
    expect(outcome(() => new SegmentScanner(), bytes, [])).toEqual(outcome(() => new ReferenceScanner(), bytes, []));
    const whole = chunked(bytes, []);
    expect(whole.some((s) => 'error' in s)).toBe(false);
    for (let a = 1; a < bytes.length; a++) expect(chunked(bytes, [a])).toEqual(whole);
    fc.assert(
      fc.property(cutsOf(bytes.length), (cuts) => {
        expect(chunked(bytes, cuts)).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('reads bare transaction sets (delimiters given by the caller) as the reference does, over any chunking (property)', () => {
    const bare = { bareDelimiters: { element: '*', component: ':', repetition: '^', segment: '~' } };
    const bytes = Buffer.from('ST*835*0001~BPR*I*10.00*C\u0001~\r\nNM1*QC*1*DOÉ~CLP*1*2~\nSE*5*0001~ST*835*0002~SE*2*0002~', 'utf8');
    fc.assert(
      fc.property(cutsOf(bytes.length), (cuts) => {
        expect(outcome(() => new SegmentScanner(bare), bytes, cuts)).toEqual(outcome(() => new ReferenceScanner(bare), bytes, cuts));
      }),
      { numRuns: 200 },
    );
  });

  it('reads large public files (bounds blocks filled and renewed mid-chunk), ASCII or with accented names, as the reference does', () => {
    const FIX = new URL('../fixtures/x12/', import.meta.url);
    const files = [
      'LinuxForHealth-x12/src/tests/resources/835_005010X221A1/managed-care.835',
      'affect-therapeutics-edi-835-parser/tests/test_edi_835_files/emedny_sample.txt',
      'tastypackets-x12-parser/test/test-files/835/profee.edi',
    ].map((f) => readFileSync(new URL(f, FIX)));
    // Enough segments to fill several blocks of boundaries; 64 KiB, 4 KiB and odd-sized chunks.
    const ascii = Buffer.concat(Array.from({ length: 40 }, (_, k) => files[k % files.length] as Buffer));
    // The same with an accented name now and then: chunks that hold non-ASCII bytes, read segment by segment.
    const accented = Buffer.from(
      ascii.toString('latin1').replaceAll(/NM1\*QC\*1\*(\w)/g, (m, c: string, at: number) => (at % 3 === 0 ? `NM1*QC*1*É${c}` : m)),
      'utf8',
    );
    expect(accented.length).toBeGreaterThan(ascii.length);
    for (const bytes of [ascii, accented])
      for (const size of [65_536, 4096, 777]) {
        const cuts = Array.from({ length: Math.ceil(bytes.length / size) - 1 }, (_, k) => (k + 1) * size);
        expect(outcome(() => new SegmentScanner(), bytes, cuts)).toEqual(outcome(() => new ReferenceScanner(), bytes, cuts));
      }
  });
});

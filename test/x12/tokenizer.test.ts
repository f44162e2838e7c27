import { Readable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tokenize, tokenizeStream } from '#functions/x12/tokenizer.ts';
import type { Segment } from '#functions/x12/tokenizer.ts';
import { X12Error } from '#functions/x12/errors.ts';

const FIX = new URL('../fixtures/x12/', import.meta.url);
const fixture = (p: string): Buffer => readFileSync(new URL(p, FIX));
const ISA = 'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260105*0930*^*00501*000000001*0*T*:~';
const BODY = 'GS*HP*S*R*20260105*0930*1*X*005010X221A1~ST*835*0001~BPR*I*0*C*NON************20260105~SE*3*0001~GE*1*1~IEA*1*000000001~';

async function collect(chunks: Iterable<Uint8Array>): Promise<Segment[]> {
  const out: Segment[] = [];
  for await (const batch of tokenizeStream(Readable.from(chunks))) out.push(...batch);
  return out;
}

function thrown(fn: () => unknown): X12Error {
  try {
    fn();
  } catch (e) {
    if (e instanceof X12Error) return e;
    throw e;
  }
  throw new Error('expected an X12Error');
}

describe('tokenizer', () => {
  it('reads delimiters from the ISA and splits segments and elements', () => {
    const segs = tokenize(ISA + BODY);
    expect(segs.map((s) => s.id)).toEqual(['ISA', 'GS', 'ST', 'BPR', 'SE', 'GE', 'IEA']);
    expect(segs[0]?.delimiters).toEqual({ element: '*', component: ':', repetition: '^', segment: '~' });
    expect(segs[3]?.elements[2]).toBe('0');
    expect(segs[2]?.byteOffset).toBe(ISA.length + BODY.indexOf('ST*'));
    expect(segs[2]?.position).toBe(3);
  });

  it('accepts a BOM, leading whitespace and CR/LF after terminators', () => {
    const text = '\uFEFF\r\n  ' + (ISA + BODY).replaceAll('~', '~\r\n');
    expect(tokenize(text).map((s) => s.id)).toEqual(['ISA', 'GS', 'ST', 'BPR', 'SE', 'GE', 'IEA']);
  });

  it('handles other delimiters, a newline terminator and several interchanges with different delimiters', () => {
    const pipe = (ISA + BODY).replaceAll('*', '|').replace('|:~', '|>~');
    const nl = (ISA + BODY).replaceAll('~', '\n');
    const segs = tokenize(pipe + '\n' + nl);
    expect(segs.filter((s) => s.id === 'ISA').map((s) => s.delimiters.element + s.delimiters.component + s.delimiters.segment)).toEqual([
      '|>~',
      '*:\n',
    ]);
    expect(segs).toHaveLength(14);
    expect(segs[10]?.elements).toEqual(['BPR', 'I', '0', 'C', 'NON', '', '', '', '', '', '', '', '', '', '', '', '20260105']);
  });

  it('reads a non-fixed-width ISA leniently and rejects it in strict mode', () => {
    const nevada = fixture('affect-therapeutics-edi-835-parser/tests/test_edi_835_files/nevada_medicaid.txt');
    expect(tokenize(nevada).at(-1)?.id).toBe('IEA');
    expect(thrown(() => tokenize(nevada, { strictIsa: true })).code).toBe('BAD_ISA');
  });

  it('streams with segments crossing every possible chunk boundary (property)', async () => {
    const bytes = fixture('tastypackets-x12-parser/test/test-files/835/profee.edi');
    const whole = tokenize(bytes).map((s) => [s.byteOffset, ...s.elements].join('|'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }), async (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let prev = 0;
        for (const p of [...points, bytes.length]) {
          chunks.push(bytes.subarray(prev, p));
          prev = p;
        }
        const streamed = (await collect(chunks)).map((s) => [s.byteOffset, ...s.elements].join('|'));
        expect(streamed).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });

  it('rejects empty, truncated, binary, misdelimited and oversized input with typed errors', async () => {
    expect(thrown(() => tokenize('')).code).toBe('EMPTY_INPUT');
    expect(thrown(() => tokenize('  \r\n')).code).toBe('EMPTY_INPUT');
    const truncated = thrown(() => tokenize(ISA + BODY.slice(0, 60)));
    expect(truncated.code).toBe('TRUNCATED');
    expect(truncated.segmentPosition).toBe(4);
    expect(thrown(() => tokenize(ISA.slice(0, 50))).code).toBe('TRUNCATED');
    expect(thrown(() => tokenize(Buffer.from([0x00, 0xff, 0x13, 0x37, 0x80, 0x01]))).code).toBe('BINARY_INPUT');
    expect(thrown(() => tokenize('GS*HP*S*R~')).code).toBe('NO_ISA');
    expect(thrown(() => tokenize(ISA + 'GS*HP~st*835~')).code).toBe('BAD_SEGMENT_ID');
    // A wide character in a segment id is not taken for an id already seen (HL, CLP).
    expect(thrown(() => tokenize(ISA + 'GS*HP~ST*835*1~HL*1~H\u084C*2~')).code).toBe('BINARY_INPUT');
    expect(thrown(() => tokenize(ISA + 'GS*HP~ST*835*1~CLP*1~CL\u4C50*2~')).code).toBe('BINARY_INPUT');
    // ISA declares '~' but the body ends segments with newlines: caught, not swallowed.
    expect(thrown(() => tokenize(ISA + BODY.replaceAll('~', '\n').replace(/\n$/, '~'))).code).toBe('WRONG_DELIMITERS');
    // A lone CR or LF inside a segment, located at that segment (the scanner finds it in its separator pass).
    for (const lineBreak of ['\r', '\n'])
      expect(thrown(() => tokenize(`${ISA}GS*HP*S*R~ST*835${lineBreak}*0001~`))).toMatchObject({
        code: 'WRONG_DELIMITERS',
        segmentPosition: 3,
        byteOffset: ISA.length + 'GS*HP*S*R~'.length,
      });
    const pipes = thrown(() => tokenize(ISA + BODY.replaceAll('*', '|')));
    expect(pipes).toMatchObject({ code: 'WRONG_DELIMITERS', segmentPosition: 2, byteOffset: ISA.length });
    const huge = ISA + 'GS*' + 'A'.repeat(10 * 1024 * 1024) + '~';
    const e = thrown(() => tokenize(huge));
    expect(e.code).toBe('SEGMENT_TOO_LONG');
    expect(e.byteOffset).toBe(ISA.length);
    // Streaming: a 10 MB segment is rejected after buffering at most the limit plus one chunk.
    async function* tenMegabytes(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(ISA + 'GS*');
      for (let i = 0; i < 160; i++) yield Buffer.alloc(65536, 0x41);
    }
    await expect(async () => {
      for await (const _ of tokenizeStream(tenMegabytes())) {
        /* drain */
      }
    }).rejects.toMatchObject({ code: 'SEGMENT_TOO_LONG' });
  });

  it('never echoes element values in error messages', () => {
    const e = thrown(() => tokenize(ISA + 'GS*HP~NM1*QC*1*SECRETNAME~bad*SECRETNAME~'));
    expect(e.message).not.toContain('SECRETNAME');
    expect(e.segmentPosition).toBe(4);
  });
});

/**
 * Reading an ISA header: the one place that finds an interchange's delimiters and its sixteen
 * elements. The tokenizer, the TA1 builder and the inbound-file identifier all read ISAs through
 * {@link scanIsa}; none of them re-implements it.
 */
import type { Delimiters } from './tokenizer.ts';

/** Bytes searched for the sixteen ISA element separators before giving up on a header. */
export const ISA_SCAN_LIMIT = 512;
/** Length of a fixed-width ISA, terminator included. */
export const ISA_LENGTH = 106;

const CR = 13;
const LF = 10;

export function isWhitespace(c: number): boolean {
  return c === 32 || c === CR || c === LF || c === 9;
}

export function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Why an ISA header cannot be read. Offsets are indexes into the scanned buffer. */
export type IsaProblem =
  /** Byte 3 (the element separator) is a letter, digit, space, line break or NUL. */
  | 'ELEMENT_SEPARATOR'
  /** The input ends before the sixteenth separator, ISA16 or the segment terminator. */
  | 'TRUNCATED'
  /** No sixteen separators within {@link ISA_SCAN_LIMIT} bytes. */
  | 'TOO_LONG'
  /** ISA16 is a letter or digit, or equals the element separator. */
  | 'COMPONENT_SEPARATOR'
  /** The byte after ISA16 is a letter, digit or space, or equals another delimiter. */
  | 'SEGMENT_TERMINATOR';

export type IsaScan =
  | {
      status: 'ok';
      delimiters: Delimiters;
      /** ISA00 ("ISA") through ISA16, untrimmed, as latin1 text. */
      elements: string[];
      /** Index just past the segment terminator. */
      end: number;
      /** Bytes from "ISA" through the terminator (106 when fixed-width). */
      length: number;
    }
  | { status: 'incomplete' }
  | {
      status: 'bad';
      problem: IsaProblem;
      /** Index of the offending byte (or of the end of input, when truncated). */
      at: number;
      /** Element separators found after "ISA" (the missing element is ISA(separators + 1)). */
      separators: number;
      /** ISA00 through ISA15 when all sixteen separators were found, for reading the parties of a bad header. */
      elements?: string[];
    };

/**
 * Scans the ISA starting at `start` (which must hold "ISA"). With `final` false, an ISA that may
 * still be completed by more input is `incomplete`; with `final` true the input is all there is.
 * The element separator is the byte after "ISA"; ISA16 and the terminator are found by counting
 * sixteen separators, which reads fixed-width ISAs and the non-padded ones some payers send.
 */
export function scanIsa(buf: Uint8Array, start: number, final: boolean): IsaScan {
  const len = buf.length;
  if (len - start < 4) {
    if (!final) return { status: 'incomplete' };
    return { status: 'bad', problem: 'TRUNCATED', at: len, separators: 0 };
  }
  const sep = buf[start + 3] as number;
  if (isAlnum(sep) || isWhitespace(sep) || sep === 0) return { status: 'bad', problem: 'ELEMENT_SEPARATOR', at: start + 3, separators: 0 };
  let count = 0;
  let p = start + 3;
  let repetitionStart = -1;
  let repetitionEnd = -1;
  const limit = Math.min(len, start + ISA_SCAN_LIMIT);
  for (; p < limit; p++) {
    if (buf[p] === sep) {
      count++;
      if (count === 11) repetitionStart = p + 1;
      if (count === 12) repetitionEnd = p;
      if (count === 16) break;
    }
  }
  if (count < 16 || p + 2 >= len) {
    if (!final && len - start < ISA_SCAN_LIMIT) return { status: 'incomplete' };
    const elements = count === 16 ? splitIsa(buf, start, p, sep) : undefined;
    // Sixteen separators not found although the scan limit was reached: a malformed header, not a short one.
    const tooLong = count < 16 && p - start >= ISA_SCAN_LIMIT;
    const bad: IsaScan = { status: 'bad', problem: tooLong ? 'TOO_LONG' : 'TRUNCATED', at: count === 16 ? len : p, separators: count };
    if (elements) bad.elements = elements;
    return bad;
  }
  const component = buf[p + 1] as number;
  const terminator = buf[p + 2] as number;
  const badComponent = isAlnum(component) || component === sep;
  const badTerminator = isAlnum(terminator) || terminator === sep || terminator === component || terminator === 32;
  if (badComponent || badTerminator) {
    return {
      status: 'bad',
      problem: badComponent ? 'COMPONENT_SEPARATOR' : 'SEGMENT_TERMINATOR',
      at: badComponent ? p + 1 : p + 2,
      separators: count,
      elements: splitIsa(buf, start, p, sep),
    };
  }
  let repetition = '';
  if (repetitionEnd - repetitionStart === 1) {
    const r = buf[repetitionStart] as number;
    if (!isAlnum(r) && r !== sep && r !== component && r !== terminator && r !== 32) repetition = String.fromCharCode(r);
  }
  const elements = splitIsa(buf, start, p + 2, sep);
  return {
    status: 'ok',
    delimiters: {
      element: String.fromCharCode(sep),
      component: String.fromCharCode(component),
      repetition,
      segment: String.fromCharCode(terminator),
    },
    elements,
    end: p + 3,
    length: p + 3 - start,
  };
}

/** Splits ISA text from `start` up to (not including) `stop` on the element separator. */
function splitIsa(buf: Uint8Array, start: number, stop: number, sep: number): string[] {
  return Buffer.from(buf.buffer, buf.byteOffset + start, stop - start)
    .toString('latin1')
    .split(String.fromCharCode(sep));
}

/** Skips a UTF-8 byte-order mark (at offset 0 only) and whitespace; returns the first content index. */
export function skipLeadingSpace(buf: Uint8Array, from = 0): number {
  let i = from;
  if (i === 0 && buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
  while (i < buf.length && isWhitespace(buf[i] as number)) i++;
  return i;
}

/** True when the bytes at `i` are "ISA". */
export function startsWithIsa(buf: Uint8Array, i: number): boolean {
  return buf[i] === 73 && buf[i + 1] === 83 && buf[i + 2] === 65;
}

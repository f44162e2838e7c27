/**
 * The segment scanner as it was before the fused byte pass (main 3bc0041's functions/x12/tokenizer.ts,
 * imports rewritten): kept in the tests only, as the reference that tokenizer-equivalence.test.ts
 * compares the scanner with, and as the 'before' side of test/bench/scanner-ab.ts.
 */
import { isAscii } from 'node:buffer';
import { X12Error } from '#functions/x12/errors.ts';
import { ISA_LENGTH, isWhitespace, scanIsa, startsWithIsa } from '#functions/x12/isa.ts';
import { codeAt } from '#functions/x12/code-set.ts';
import type { CodeSet } from '#functions/x12/code-set.ts';

/** The four delimiters of an interchange, read from its ISA header. */
export interface Delimiters {
  element: string;
  component: string;
  /** ISA11 in 5010; empty when the interchange declares none (e.g. 4010 'U'). */
  repetition: string;
  segment: string;
}

/** One segment: `elements[0]` is the segment id, so `elements[n]` is X12 element n (CLP04 = elements[4]). */
export interface Segment {
  id: string;
  elements: string[];
  /** Byte offset of the segment's first byte in the input. */
  byteOffset: number;
  /** 1-based position of the segment in the input. */
  position: number;
  delimiters: Delimiters;
}

/**
 * A segment as the scanner reads it: its elements are offsets into the decoded text of the chunk
 * it came from (`bounds[at + k]` is where element k starts, `bounds[at + k + 1] - 1` where it ends),
 * so reading a segment allocates no string or array per element. The reader matches ids and codes
 * and parses amounts on these offsets and decodes only the values the model keeps; `elements` (the
 * public view) is decoded on first use and cached.
 */
export class ScannedSegment implements Segment {
  readonly id: string;
  /**
   * The id's characters and length packed into one integer ({@link segmentIdKey}; 0 for an id that is
   * not 2-3 ASCII characters), so that readers tell ids apart by an integer compare.
   */
  readonly key: number;
  readonly byteOffset: number;
  readonly position: number;
  readonly delimiters: Delimiters;
  /** Text holding the segment: the latin1 text of an ASCII chunk, or the segment's own decoded text. */
  readonly text: string;
  /** Element boundaries, shared with other segments (see the class comment). */
  readonly bounds: Int32Array;
  readonly at: number;
  /** Number of elements, the segment id included (the length of `elements`). */
  readonly count: number;
  /**
   * False when the scanner saw no control character (C0 or DEL) in the segment other than the element
   * separator: then no element holds one and readers skip looking. True when it may hold one.
   */
  readonly controls: boolean;
  private decoded: string[] | undefined;

  constructor(
    id: string,
    text: string,
    bounds: Int32Array,
    at: number,
    count: number,
    byteOffset: number,
    position: number,
    delimiters: Delimiters,
    decoded: string[] | undefined,
    controls = true,
    key = segmentIdKey(id),
  ) {
    this.id = id;
    this.key = key;
    this.controls = controls;
    this.text = text;
    this.bounds = bounds;
    this.at = at;
    this.count = count;
    this.byteOffset = byteOffset;
    this.position = position;
    this.delimiters = delimiters;
    this.decoded = decoded;
  }

  /** A segment built by someone else (a plain {@link Segment}) in the scanner's representation. */
  static of(segment: Segment): ScannedSegment {
    const els = segment.elements;
    const bounds = new Int32Array(els.length + 1);
    let p = 0;
    for (let k = 0; k < els.length; k++) {
      bounds[k] = p;
      p += (els[k] as string).length + 1;
    }
    bounds[els.length] = p;
    // The joiner is never read: element k is text[bounds[k], bounds[k + 1] - 1).
    return new ScannedSegment(
      segment.id,
      els.join('\u0000'),
      bounds,
      0,
      els.length,
      segment.byteOffset,
      segment.position,
      segment.delimiters,
      els,
    );
  }

  /** The elements as strings (`elements[0]` is the id), decoded once. */
  get elements(): string[] {
    let d = this.decoded;
    if (d === undefined) {
      d = new Array<string>(this.count);
      for (let k = 0; k < this.count; k++) d[k] = this.text.substring(this.start(k), this.end(k));
      this.decoded = d;
    }
    return d;
  }

  /** Offset in `text` of element k's first character (k < count). */
  start(k: number): number {
    return this.bounds[this.at + k] as number;
  }

  /** Offset in `text` just past element k's last character (k < count). */
  end(k: number): number {
    return (this.bounds[this.at + k + 1] as number) - 1;
  }

  /** Whether element k is present and not empty. */
  has(k: number): boolean {
    return k < this.count && this.end(k) > this.start(k);
  }

  /** Element k as a string ('' when absent). */
  value(k: number): string {
    return k < this.count ? this.text.substring(this.start(k), this.end(k)) : '';
  }

  /** Whether element k equals `code`, compared on characters (nothing decoded). */
  is(k: number, code: string): boolean {
    if (k >= this.count) return false;
    const a = this.start(k);
    const n = code.length;
    if (this.end(k) - a !== n) return false;
    const text = this.text;
    for (let i = 0; i < n; i++) if (text.charCodeAt(a + i) !== code.charCodeAt(i)) return false;
    return true;
  }

  /** The entry of `codes` that element k equals (that string itself, so nothing is decoded), or undefined. */
  oneOf(k: number, codes: readonly string[]): string | undefined {
    if (k >= this.count) return undefined;
    return codeAt(this.text, this.start(k), this.end(k), codes);
  }

  /** The entry of `set` that element k equals, or undefined. */
  find(k: number, set: CodeSet): string | undefined {
    if (k >= this.count) return undefined;
    return set.find(this.text, this.start(k), this.end(k));
  }

  /** The plain {@link Segment} view (what JSON and logs see). */
  toJSON(): Segment {
    return { id: this.id, elements: this.elements, byteOffset: this.byteOffset, position: this.position, delimiters: this.delimiters };
  }
}

/**
 * text[a, b) as a string of its own, for a value the model keeps. V8 makes a substring of 13 or more
 * characters a slice that keeps its whole parent alive, and the parent is the latin1 text of the
 * chunk the segment came from: a kept claim id or name would pin 16-64 KiB of input (a consumer that
 * keeps every tenth claim of a 20 MB 835 held 32 MB instead of 17 MB). Shorter substrings
 * are copies already; a longer one is copied by flattening a one-character concatenation.
 */
export function ownString(text: string, a: number, b: number): string {
  return b - a < 13 ? text.substring(a, b) : (' ' + text.substring(a, b)).slice(1);
}

/** The key of a segment id (see {@link ScannedSegment.key}): equal keys, other than 0, mean equal ids. */
export function segmentIdKey(id: string): number {
  return idKey(id, 0, id.length);
}

/** Segment ids seen so far, by their characters: one string per id, not one per segment. */
const internedIds = new Map<number, string>();

/**
 * Key of a 2-3 character segment id in text[a, b) (its length and characters), or 0 when it is not 2-3
 * long or not ASCII: a wider character would spill into its neighbour's bits and alias a known id.
 */
function idKey(text: string, a: number, b: number): number {
  const n = b - a;
  if (n !== 2 && n !== 3) return 0;
  const c0 = text.charCodeAt(a);
  const c1 = text.charCodeAt(a + 1);
  const c2 = n === 3 ? text.charCodeAt(a + 2) : 0;
  if ((c0 | c1 | c2) > 127) return 0;
  return (n << 24) | (c0 << 16) | (c1 << 8) | c2;
}

/**
 * A direct-mapped cache in front of `internedIds` (keys in an Int32Array, 0 for an empty slot): the
 * id of almost every segment is found with one typed-array load and one compare instead of a Map lookup.
 */
const ID_SLOTS = 512;
const idSlotKeys = new Int32Array(ID_SLOTS);
const idSlotStrings = new Array<string>(ID_SLOTS).fill('');

function idSlot(key: number): number {
  return (key ^ (key >>> 9) ^ (key >>> 17)) & (ID_SLOTS - 1);
}

/** The interned id with this key (see {@link idKey}), or undefined when it has not been seen. */
function knownId(key: number): string | undefined {
  const slot = idSlot(key);
  if (idSlotKeys[slot] === key) return idSlotStrings[slot];
  const known = internedIds.get(key);
  if (known !== undefined) {
    idSlotKeys[slot] = key;
    idSlotStrings[slot] = known;
  }
  return known;
}

/** The segment id in text[a, b): an interned string when it is a valid id, else a fresh one. */
function idAt(text: string, a: number, b: number): string {
  const key = idKey(text, a, b);
  if (key === 0) return text.substring(a, b);
  const known = knownId(key);
  if (known !== undefined) return known;
  const id = text.substring(a, b);
  if (!isSegmentId(id) || internedIds.size >= 4096) return id;
  // V8 internalizes property names: the interned id then compares with the definitions' literal ids
  // ('CLP' === segment.id) by pointer instead of by characters.
  const internal = Object.keys({ [id]: 0 })[0] as string;
  internedIds.set(key, internal);
  return internal;
}

/** Element boundaries are written into blocks of this many offsets, shared by the segments they describe. */
const BOUNDS_BLOCK = 8192;

export interface TokenizerOptions {
  /** Longest segment accepted, in bytes; longer input is rejected instead of buffered. Default 64 KiB. */
  maxSegmentLength?: number;
  /** Reject an ISA that is not exactly 106 bytes. Default false (some payers pad wrongly). */
  strictIsa?: boolean;
  /**
   * Delimiters for input that has no ISA envelope (bare ST..SE fragments from companion guides).
   * Without them such input is rejected with NO_ISA.
   */
  bareDelimiters?: Delimiters;
}

export const DEFAULT_MAX_SEGMENT_LENGTH = 64 * 1024;
/** Longest BIN payload (275 attachments) skipped over; its bytes are not kept. */
export const MAX_BINARY_LENGTH = 64 * 1024 * 1024;
const CR = 13;
const LF = 10;

/** Whether buf[a, b) holds a CR or an LF. */
function hasLineBreak(buf: Buffer, a: number, b: number): boolean {
  for (let p = a; p < b; p++) if (buf[p] === LF || buf[p] === CR) return true;
  return false;
}

/** Segment ids are two or three upper-case letters or digits, starting with a letter. */
function isSegmentId(id: string): boolean {
  const n = id.length;
  if (n < 2 || n > 3) return false;
  const c0 = id.charCodeAt(0);
  if (c0 < 65 || c0 > 90) return false;
  for (let i = 1; i < n; i++) {
    const c = id.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return false;
  }
  return true;
}

/**
 * Incremental segment scanner: push byte chunks, receive whole segments. Memory is bounded by the
 * chunk size plus one partial segment (at most `maxSegmentLength`). Delimiters are re-read at every
 * ISA, so one input may hold several interchanges with different delimiters.
 */
export class SegmentScanner {
  private readonly maxSegmentLength: number;
  private readonly strictIsa: boolean;
  private readonly bare: Delimiters | undefined;
  private pending: Buffer | undefined;
  /** Absolute byte offset of the first byte not yet consumed. */
  private offset = 0;
  private delimiters: Delimiters | undefined;
  private position = 0;
  private sawContent = false;
  /** The current block of element boundaries and how much of it is used. */
  private bounds = new Int32Array(BOUNDS_BLOCK);
  private used = 0;

  constructor(options: TokenizerOptions = {}) {
    this.maxSegmentLength = options.maxSegmentLength ?? DEFAULT_MAX_SEGMENT_LENGTH;
    this.strictIsa = options.strictIsa ?? false;
    this.bare = options.bareDelimiters;
  }

  /** Consumes a chunk and appends every complete segment to `out`. */
  push(chunk: Uint8Array, out: Segment[]): void {
    if (chunk.length === 0) return;
    let buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    const pending = this.pending;
    if (pending) {
      this.pending = undefined;
      // Complete the partial segment with the head of this chunk (up to its first terminator) rather
      // than copying the whole chunk behind it: one small copy per chunk instead of a chunk-sized one.
      const terminator = this.delimiters ? buf.indexOf(this.delimiters.segment.charCodeAt(0)) : -1;
      if (terminator >= 0 && terminator + 1 < buf.length) {
        const head = Buffer.concat([pending, buf.subarray(0, terminator + 1)]);
        const consumed = this.scan(head, out, false);
        this.offset += consumed;
        const rest = buf.subarray(terminator + 1);
        buf = consumed < head.length ? Buffer.concat([head.subarray(consumed), rest]) : rest;
      } else buf = Buffer.concat([pending, buf]);
    }
    const consumed = this.scan(buf, out, false);
    this.offset += consumed;
    this.pending = consumed < buf.length ? Buffer.from(buf.subarray(consumed)) : undefined;
  }

  /** Signals the end of input; rejects a trailing partial segment or an input with no segments. */
  end(out: Segment[]): void {
    if (this.pending) {
      const buf = this.pending;
      const consumed = this.scan(buf, out, true);
      this.offset += consumed;
      this.pending = undefined;
    }
    if (!this.sawContent) throw new X12Error('EMPTY_INPUT', 'an X12 interchange starting with ISA', { byteOffset: 0 });
  }

  /** Returns how many bytes of `buf` were consumed; the rest is an incomplete segment or header. */
  private scan(buf: Buffer, out: Segment[], final: boolean): number {
    const text = buf.toString('latin1');
    const ascii = isAscii(buf);
    const len = text.length;
    let i = 0;
    // Next line-break positions, advanced lazily: finding CR/LF inside a segment costs O(1) amortized.
    let nextLf = -2;
    let nextCr = -2;
    for (;;) {
      // Skip the BOM (only at the very start) and whitespace/line breaks between segments.
      if (this.offset + i === 0 && len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
      while (i < len && isWhitespace(text.charCodeAt(i))) i++;
      if (i >= len) return i;
      this.sawContent = true;
      // An ISA before the IEA of the interchange before it: its delimiters are read afresh, and the
      // envelope reader reports the unclosed interchange at this ISA.
      if (
        this.delimiters &&
        buf[i] === 73 &&
        buf[i + 1] === 83 &&
        buf[i + 2] === 65 &&
        buf[i + 3] === this.delimiters.element.charCodeAt(0)
      )
        this.delimiters = undefined;
      if (!this.delimiters) {
        const header = this.readHeader(buf, i, final);
        if (header === undefined) return i; // need more bytes
        this.delimiters = header;
      }
      const d = this.delimiters;
      if (buf[i] === 66 && buf[i + 1] === 73 && buf[i + 2] === 78 && text.charCodeAt(i + 3) === d.element.charCodeAt(0)) {
        const binary = this.binarySegment(buf, text, i, d, final);
        if (binary === undefined) return i; // need more bytes
        out.push(binary.segment);
        i = binary.next;
        continue;
      }
      const end = text.indexOf(d.segment, i);
      if (end < 0) {
        if (len - i > this.maxSegmentLength) this.tooLong(i);
        if (final) {
          throw new X12Error('TRUNCATED', `segment terminator (input ends inside a segment)`, {
            byteOffset: this.offset + i,
            segmentPosition: this.position + 1,
          });
        }
        return i;
      }
      if (end - i > this.maxSegmentLength) this.tooLong(i);
      const byteOffset = this.offset + i;
      const position = ++this.position;
      let stop = end;
      const sep = d.element.charCodeAt(0);
      // An ASCII segment's line breaks are found by the separator pass below (they are control bytes).
      const breaksInPass = ascii && sep !== LF && sep !== CR;
      if (d.segment === '\n') {
        // A CR before an LF terminator belongs to the line break, not to the data.
        if (text.charCodeAt(stop - 1) === CR) stop--;
      } else if (!breaksInPass) {
        if (nextLf !== -1 && nextLf < i) nextLf = text.indexOf('\n', i);
        if (nextCr !== -1 && nextCr < i) nextCr = text.indexOf('\r', i);
        if ((nextLf !== -1 && nextLf < end) || (nextCr !== -1 && nextCr < end)) {
          throw new X12Error('WRONG_DELIMITERS', 'the segment terminator declared in ISA (a line break was found inside a segment)', {
            byteOffset,
            segmentPosition: position,
          });
        }
      }
      // Element boundaries go into the shared block (a new block when this segment might not fit).
      let text1 = text;
      let from = i;
      let to = stop;
      if (!ascii) {
        text1 = buf.toString('utf8', i, stop);
        from = 0;
        to = text1.length;
      }
      let bounds = this.bounds;
      let u = this.used;
      if (bounds.length - u < to - from + 2) {
        bounds = this.bounds = new Int32Array(Math.max(BOUNDS_BLOCK, to - from + 2));
        u = 0;
      }
      const at = u;
      bounds[u++] = from;
      let controls = true;
      // Bytes of the chunk are read rather than characters of its text: typed-array loads are cheaper.
      // The same pass notes whether any other byte is a control character (see ScannedSegment.controls).
      if (ascii) {
        let low = 0;
        for (let p = from; p < to; p++) {
          const c = buf[p] as number;
          if (c === sep) bounds[u++] = p + 1;
          else if (c < 32 || c === 127) low = 1;
        }
        controls = low !== 0;
        if (controls && breaksInPass && d.segment !== '\n' && hasLineBreak(buf, from, to)) {
          throw new X12Error('WRONG_DELIMITERS', 'the segment terminator declared in ISA (a line break was found inside a segment)', {
            byteOffset,
            segmentPosition: position,
          });
        }
      } else for (let p = from; p < to; p++) if (text1.charCodeAt(p) === sep) bounds[u++] = p + 1;
      bounds[u++] = to + 1;
      this.used = u;
      const count = u - at - 1;
      const idEnd = (bounds[at + 1] as number) - 1;
      const key = idKey(text1, from, idEnd);
      const known = key === 0 ? undefined : knownId(key);
      const id = known ?? idAt(text1, from, idEnd);
      if (known === undefined && !isSegmentId(id)) {
        const raw = text.slice(i, stop);
        // "GS|HP|..." under an ISA that declared '*': an id followed by some other separator.
        const otherSeparator = /^[A-Z][A-Z0-9]{1,2}[^A-Za-z0-9\s]/.test(id);
        throw new X12Error(
          raw.includes('\u0000') || !ascii ? 'BINARY_INPUT' : otherSeparator ? 'WRONG_DELIMITERS' : 'BAD_SEGMENT_ID',
          otherSeparator
            ? 'the element separator declared in ISA after the segment id'
            : 'a segment id of 2-3 upper-case letters/digits followed by the element separator',
          { byteOffset, segmentPosition: position },
        );
      }
      out.push(new ScannedSegment(id, text1, bounds, at, count, byteOffset, position, d, undefined, controls, key));
      i = end + 1;
      if (id === 'IEA') this.delimiters = undefined; // the next interchange may declare other delimiters
    }
  }

  /**
   * BIN*length*payload: the payload may hold any byte, terminators and line breaks included, so it is
   * skipped by its declared length (BIN01) and not kept (BIN02 reads as empty). Undefined when more
   * bytes are needed.
   */
  private binarySegment(
    buf: Buffer,
    text: string,
    i: number,
    d: Delimiters,
    final: boolean,
  ): { segment: ScannedSegment; next: number } | undefined {
    const byteOffset = this.offset + i;
    const sep = text.indexOf(d.element, i + 4);
    const where = { byteOffset, segmentPosition: this.position + 1, segmentId: 'BIN' };
    if (sep < 0 || sep - (i + 4) > 15) {
      if (sep < 0 && !final && buf.length - i < 20) return undefined;
      throw new X12Error('TRUNCATED', 'BIN01 (the payload length) followed by the element separator', { ...where, elementPosition: 1 });
    }
    const lengthText = text.slice(i + 4, sep);
    const length = /^\d+$/.test(lengthText) ? Number(lengthText) : -1;
    if (length < 0 || length > MAX_BINARY_LENGTH)
      throw new X12Error('INVALID_VALUE', `BIN01 as a payload length of at most ${MAX_BINARY_LENGTH} bytes`, {
        ...where,
        elementPosition: 1,
      });
    const end = sep + 1 + length;
    if (end >= buf.length) {
      if (final) throw new X12Error('TRUNCATED', 'the BIN payload of the declared length and its terminator', where);
      return undefined;
    }
    if (text[end] !== d.segment)
      throw new X12Error('WRONG_DELIMITERS', 'the segment terminator right after the BIN payload of the declared length', where);
    const position = ++this.position;
    const segment = ScannedSegment.of({ id: 'BIN', elements: ['BIN', lengthText, ''], byteOffset, position, delimiters: d });
    return { segment, next: end + 1 };
  }

  private tooLong(i: number): never {
    throw new X12Error('SEGMENT_TOO_LONG', `a segment terminator within ${this.maxSegmentLength} bytes`, {
      byteOffset: this.offset + i,
      segmentPosition: this.position + 1,
    });
  }

  /** Reads delimiters from the ISA at `i` (see {@link scanIsa}); undefined when more bytes are needed. */
  private readHeader(buf: Buffer, i: number, final: boolean): Delimiters | undefined {
    const len = buf.length;
    const at = this.offset + i;
    if (len - i < 4 && !final) return undefined;
    if (!startsWithIsa(buf, i)) {
      if (this.bare && buf[i] === 83 && buf[i + 1] === 84) return this.bare; // "ST": bare transaction set
      if (isUtf16(buf, i))
        throw new X12Error('UTF16_INPUT', 'ASCII or UTF-8 input (this input is UTF-16: convert it to UTF-8)', {
          byteOffset: at,
          segmentPosition: this.position + 1,
        });
      const binary = !isAscii(buf.subarray(i, Math.min(len, i + 16))) || buf.subarray(i, Math.min(len, i + 16)).includes(0);
      throw new X12Error(binary ? 'BINARY_INPUT' : 'NO_ISA', at === 0 ? 'ISA at the start of the input' : 'ISA after IEA', {
        byteOffset: at,
        segmentPosition: this.position + 1,
      });
    }
    if (len - i < 4) throw new X12Error('TRUNCATED', 'a complete ISA segment', { byteOffset: at, segmentId: 'ISA' });
    const scan = scanIsa(buf, i, final);
    switch (scan.status) {
      case 'incomplete':
        return undefined;
      case 'bad':
        switch (scan.problem) {
          case 'ELEMENT_SEPARATOR':
            throw new X12Error('BAD_ISA', 'a non-alphanumeric element separator at ISA byte 3', { byteOffset: at + 3, segmentId: 'ISA' });
          case 'COMPONENT_SEPARATOR':
          case 'SEGMENT_TERMINATOR': {
            const component = scan.problem === 'COMPONENT_SEPARATOR' ? scan.at : scan.at - 1;
            throw new X12Error('BAD_ISA', 'distinct non-alphanumeric component separator (ISA16) and segment terminator', {
              byteOffset: this.offset + component,
              segmentPosition: this.position + 1,
              segmentId: 'ISA',
              elementPosition: 16,
            });
          }
          default:
            throw new X12Error(final ? 'TRUNCATED' : 'BAD_ISA', 'an ISA with 16 elements followed by the segment terminator', {
              byteOffset: at,
              segmentPosition: this.position + 1,
              segmentId: 'ISA',
              elementPosition: scan.separators + 1,
            });
        }
      default:
        // A non-fixed-width ISA is reported as a warning by the envelope reader in lenient mode.
        if (scan.length !== ISA_LENGTH && this.strictIsa) {
          throw new X12Error('BAD_ISA', 'a fixed-width ISA of 106 bytes', {
            byteOffset: at,
            segmentPosition: this.position + 1,
            segmentId: 'ISA',
          });
        }
        return scan.delimiters;
    }
  }
}

/** A UTF-16 byte-order mark, or "IS" with a NUL before or after each letter. */
function isUtf16(buf: Buffer, i: number): boolean {
  const a = buf[i];
  const b = buf[i + 1];
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) return true;
  return (a === 73 && b === 0 && buf[i + 2] === 83 && buf[i + 3] === 0) || (a === 0 && b === 73 && buf[i + 2] === 0 && buf[i + 3] === 83);
}

const WHOLE_INPUT_SLICE = 8 * 1024 * 1024;

/** Tokenizes a whole input held in memory (fast path). Throws {@link X12Error} on malformed input. */
export function tokenize(input: Uint8Array | string, options: TokenizerOptions = {}): Segment[] {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const scanner = new SegmentScanner(options);
  const out: Segment[] = [];
  // Slicing bounds the size of each decoded string, so very large inputs stay within V8 limits.
  for (let start = 0; start < bytes.length; start += WHOLE_INPUT_SLICE) {
    scanner.push(bytes.subarray(start, Math.min(bytes.length, start + WHOLE_INPUT_SLICE)), out);
  }
  scanner.end(out);
  return out;
}

/**
 * Tokenizes a stream (a Node Readable, an S3 GetObject Body, any AsyncIterable of byte chunks),
 * yielding the segments completed by each chunk. Memory stays bounded by chunk size plus one segment.
 */
export async function* tokenizeStream(
  source: AsyncIterable<Uint8Array | string>,
  options: TokenizerOptions = {},
): AsyncGenerator<Segment[]> {
  const scanner = new SegmentScanner(options);
  for await (const chunk of source) {
    const out: Segment[] = [];
    scanner.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk, out);
    if (out.length) yield out;
  }
  const out: Segment[] = [];
  scanner.end(out);
  if (out.length) yield out;
}

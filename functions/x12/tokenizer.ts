import { isAscii } from 'node:buffer';
import { X12Error } from './errors.ts';
import { ISA_LENGTH, isWhitespace, scanIsa, startsWithIsa } from './isa.ts';
import { codeAt } from './code-set.ts';
import type { CodeSet } from './code-set.ts';

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

/** {@link idKey} of the id in buf[a, b) of an ASCII segment, whose bytes are its characters. */
function asciiIdKey(buf: Buffer, a: number, b: number): number {
  const n = b - a;
  if (n !== 2 && n !== 3) return 0;
  return (n << 24) | ((buf[a] as number) << 16) | ((buf[a + 1] as number) << 8) | (n === 3 ? (buf[a + 2] as number) : 0);
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
/** Byte classes of the fused pass (see SegmentScanner.classes). */
const SEPARATOR_BYTE = 1;
const TERMINATOR_BYTE = 2;
const CONTROL_BYTE = 4;
const NON_ASCII_BYTE = 8;

/** Whether buf[a, b) holds a CR or an LF. */
function hasLineBreak(buf: Buffer, a: number, b: number): boolean {
  for (let p = a; p < b; p++) if (buf[p] === LF || buf[p] === CR) return true;
  return false;
}

/** Whether buf[a, b) holds a control byte (C0 or DEL). */
function hasControl(buf: Buffer, a: number, b: number): boolean {
  for (let p = a; p < b; p++) {
    const c = buf[p] as number;
    if (c < 32 || c === 127) return true;
  }
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
  /** The current delimiters' element separator and segment terminator as byte values (-1 when none). */
  private sep = -1;
  private term = -1;
  /**
   * Whether segments take the fused pass (in {@link scan} for ASCII chunks, {@link scanMixedRun} for
   * the others): the delimiters are ASCII and the separator is neither a line break nor the
   * terminator (always so for an ISA's delimiters but non-ASCII ones; bare delimiters are the caller's).
   */
  private fused = false;
  /**
   * The class of every byte value under the current delimiters, for the fused pass: 0 data,
   * {@link SEPARATOR_BYTE}, {@link TERMINATOR_BYTE}, {@link CONTROL_BYTE} (another C0 byte or DEL),
   * {@link NON_ASCII_BYTE} (a byte of a UTF-8 sequence; none in an ASCII chunk).
   * One table load tells the common data byte from the three that need work (measured faster than
   * comparing each byte with the separator, the terminator and the control range).
   */
  private readonly classes = new Uint8Array(256);
  /** The separator and terminator `classes` was built for (-1: not built). */
  private classesFor = -1;
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
      const terminator = this.delimiters ? buf.indexOf(this.term) : -1;
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
      while (i < len && isWhitespace(buf[i] as number)) i++;
      if (i >= len) return i;
      this.sawContent = true;
      // An ISA before the IEA of the interchange before it: its delimiters are read afresh, and the
      // envelope reader reports the unclosed interchange at this ISA.
      if (this.delimiters && buf[i] === 73 && buf[i + 1] === 83 && buf[i + 2] === 65 && buf[i + 3] === this.sep) this.use(undefined);
      if (!this.delimiters) {
        const header = this.readHeader(buf, i, final);
        if (header === undefined) return i; // need more bytes
        this.use(header);
      }
      const d = this.delimiters as Delimiters;
      if (buf[i] === 66 && buf[i + 1] === 73 && buf[i + 2] === 78 && buf[i + 3] === this.sep) {
        const binary = this.binarySegment(buf, text, i, d, final);
        if (binary === undefined) return i; // need more bytes
        out.push(binary.segment);
        i = binary.next;
        continue;
      }
      if (!ascii && this.fused) {
        const next = this.scanMixedRun(buf, text, i, out);
        if (next !== i) {
          i = next;
          continue;
        }
      }
      if (ascii && this.fused) {
        // The fused pass (inlined: a call per segment costs more than it does): one pass over the
        // segment's bytes finds its element separators, its terminator and whether it holds a control
        // byte together, giving the same segments, offsets, errors and `controls` as the general path.
        const term = this.term;
        const classes = this.classes;
        // A terminator further than maxSegmentLength is not looked for: the segment is too long either way.
        const limit = Math.min(len, i + this.maxSegmentLength + 1);
        let bounds = this.bounds;
        let u = this.used;
        let end = -1;
        let low = 0;
        for (;;) {
          // At most one boundary per byte: scanning no further than the block's free room keeps every
          // write inside it. A segment that finds no terminator there is scanned again in a new block.
          const room = i + (bounds.length - u - 2);
          const stopAt = room < limit ? room : limit;
          bounds[u++] = i;
          for (let p = i; p < stopAt; p++) {
            const k = classes[buf[p] as number] as number;
            if (k !== 0) {
              if (k === SEPARATOR_BYTE) bounds[u++] = p + 1;
              else if (k === TERMINATOR_BYTE) {
                end = p;
                break;
              } else low = 1;
            }
          }
          if (end >= 0 || stopAt === limit) break;
          bounds = this.bounds = new Int32Array(Math.max(BOUNDS_BLOCK, limit - i + 2));
          u = this.used = 0;
          low = 0;
        }
        if (end < 0) {
          if (len - i > this.maxSegmentLength) this.tooLong(i);
          if (final) this.truncated(i);
          return i; // need more bytes
        }
        const at = this.used;
        const byteOffset = this.offset + i;
        const position = ++this.position;
        let stop = end;
        if (term === LF && buf[end - 1] === CR) {
          // A CR before an LF terminator belongs to the line break, not to the data. (Recording where the
          // first control byte is, to spare this second look, measured 10 % slower on every segment.)
          stop--;
          if (low !== 0) low = hasControl(buf, i, stop) ? 1 : 0;
        }
        bounds[u++] = stop + 1;
        this.used = u;
        const controls = low !== 0;
        if (controls && term !== LF && hasLineBreak(buf, i, stop)) this.lineBreakInSegment(byteOffset, position);
        const count = u - at - 1;
        const idEnd = (bounds[at + 1] as number) - 1;
        const key = asciiIdKey(buf, i, idEnd);
        const known = key === 0 ? undefined : knownId(key);
        const id = known ?? idAt(text, i, idEnd);
        if (known === undefined && !isSegmentId(id)) this.badId(id, text.slice(i, stop), true, byteOffset, position);
        out.push(new ScannedSegment(id, text, bounds, at, count, byteOffset, position, d, undefined, controls, key));
        if (id === 'IEA') this.use(undefined); // the next interchange may declare other delimiters
        i = end + 1;
        continue;
      }
      const end = text.indexOf(d.segment, i);
      if (end < 0) {
        if (len - i > this.maxSegmentLength) this.tooLong(i);
        if (final) this.truncated(i);
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
        if ((nextLf !== -1 && nextLf < end) || (nextCr !== -1 && nextCr < end)) this.lineBreakInSegment(byteOffset, position);
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
      if (known === undefined && !isSegmentId(id)) this.badId(id, text.slice(i, stop), ascii, byteOffset, position);
      out.push(new ScannedSegment(id, text1, bounds, at, count, byteOffset, position, d, undefined, controls, key));
      i = end + 1;
      if (id === 'IEA') this.use(undefined); // the next interchange may declare other delimiters
    }
  }

  /**
   * The fused pass over a chunk that holds non-ASCII bytes (a name with an accent is enough): reads
   * the ASCII segments from `from` on, as the fused pass of ASCII chunks does, in the chunk's latin1
   * text, where otherwise every segment of the chunk would be decoded as UTF-8 on its own. It reads
   * only ordinary segments and stops, returning the index of the first segment it did not read, at
   * anything else: a segment holding a non-ASCII byte, an ISA or BIN, no terminator within this chunk
   * or within `maxSegmentLength`, a line break inside a segment, an id not seen before, after an IEA,
   * at the end of the chunk. The general path then reads that segment, errors included, so both
   * paths give the same segments, offsets, errors and `controls` (true in such a chunk, as the
   * general path answers).
   */
  private scanMixedRun(buf: Buffer, text: string, from: number, out: Segment[]): number {
    const d = this.delimiters as Delimiters;
    const classes = this.classes;
    const sep = this.sep;
    const term = this.term;
    const len = buf.length;
    const base = this.offset;
    const maxSegmentLength = this.maxSegmentLength;
    let bounds = this.bounds;
    let u = this.used;
    let position = this.position;
    let i = from;
    while (i < len) {
      const first = buf[i] as number;
      if (isWhitespace(first)) {
        i++; // whitespace and line breaks between segments
        continue;
      }
      if (
        buf[i + 3] === sep &&
        ((first === 73 && buf[i + 1] === 83 && buf[i + 2] === 65) || (first === 66 && buf[i + 1] === 73 && buf[i + 2] === 78))
      )
        break; // ISA, BIN
      // A terminator further than maxSegmentLength is not looked for: the segment is too long either way.
      const limit = Math.min(len, i + maxSegmentLength + 1);
      let end = -1;
      let low = 0;
      let at = u;
      for (;;) {
        // At most one boundary per byte: scanning no further than the block's free room keeps every
        // write inside it. A segment that finds no terminator there is scanned again in a new block.
        const room = i + (bounds.length - at - 2);
        const stopAt = room < limit ? room : limit;
        u = at;
        bounds[u++] = i;
        for (let p = i; p < stopAt; p++) {
          const k = classes[buf[p] as number] as number;
          if (k !== 0) {
            if (k === SEPARATOR_BYTE) bounds[u++] = p + 1;
            else if (k === TERMINATOR_BYTE) {
              end = p;
              break;
            } else low |= k;
          }
        }
        if (end >= 0 || stopAt === limit) break;
        bounds = this.bounds = new Int32Array(Math.max(BOUNDS_BLOCK, limit - i + 2));
        at = 0;
        low = 0;
      }
      if (end < 0 || (low & NON_ASCII_BYTE) !== 0) {
        u = at;
        break; // the general path waits for more bytes, rejects the segment or decodes it as UTF-8
      }
      // A CR before an LF terminator belongs to the line break, not to the data (`controls` is true here
      // whatever the segment holds, so it need not be told apart).
      const stop = term === LF && buf[end - 1] === CR ? end - 1 : end;
      if (low !== 0 && term !== LF && hasLineBreak(buf, i, stop)) {
        u = at;
        break; // the general path rejects it
      }
      // The closing bound first: a segment without a separator has its id end there.
      bounds[u++] = stop + 1;
      const key = asciiIdKey(buf, i, (bounds[at + 1] as number) - 1);
      const id = key === 0 ? undefined : knownId(key);
      if (id === undefined) {
        u = at;
        break; // interned (or rejected) by the general path
      }
      out.push(new ScannedSegment(id, text, bounds, at, u - at - 1, base + i, ++position, d, undefined, true, key));
      i = end + 1;
      if (id === 'IEA') {
        this.use(undefined); // the next interchange may declare other delimiters
        break;
      }
    }
    this.used = u;
    this.position = position;
    return i;
  }

  /** Sets the delimiters segments are read with (undefined: the next segment must be an ISA). */
  private use(d: Delimiters | undefined): void {
    this.delimiters = d;
    this.sep = d ? d.element.charCodeAt(0) : -1;
    this.term = d ? d.segment.charCodeAt(0) : -1;
    // Non-ASCII delimiters are read only on the general path (a chunk holding them is decoded as UTF-8).
    this.fused =
      this.sep !== LF && this.sep !== CR && this.sep !== this.term && this.sep >= 0 && this.term >= 0 && this.sep < 128 && this.term < 128;
    const pair = (this.sep << 8) | this.term;
    if (this.fused && this.classesFor !== pair) {
      const classes = this.classes;
      classes.fill(0);
      classes.fill(CONTROL_BYTE, 0, 32);
      classes[127] = CONTROL_BYTE;
      classes.fill(NON_ASCII_BYTE, 128);
      classes[this.sep] = SEPARATOR_BYTE;
      classes[this.term] = TERMINATOR_BYTE;
      this.classesFor = pair;
    }
  }

  /** Rejects a segment whose id is not 2-3 upper-case letters/digits, naming what the input looks like. */
  private badId(id: string, raw: string, ascii: boolean, byteOffset: number, position: number): never {
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

  private truncated(i: number): never {
    throw new X12Error('TRUNCATED', `segment terminator (input ends inside a segment)`, {
      byteOffset: this.offset + i,
      segmentPosition: this.position + 1,
    });
  }

  private lineBreakInSegment(byteOffset: number, position: number): never {
    throw new X12Error('WRONG_DELIMITERS', 'the segment terminator declared in ISA (a line break was found inside a segment)', {
      byteOffset,
      segmentPosition: position,
    });
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

/**
 * Builds large 835 inputs from the corpus fixtures, with distinct claim and control numbers, as a
 * stream of fresh byte chunks (as a socket or an S3 body delivers them). Two shapes:
 *  - `many`: one ISA/GS holding many ST..SE, each a transaction set copied from the corpus;
 *  - `one`: one ISA/GS holding ONE ST..SE whose claims are the corpus claims repeated, with BPR02
 *    and SE01 computed so that the whole file balances.
 * The generator itself allocates little (pre-serialized templates copied into each chunk), so that
 * the memory measured is the reader's.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tokenize } from '#functions/x12/tokenizer.ts';
import { tryParseCents, formatCents } from '#functions/x12/decimal.ts';

// A transpiled copy of this module (the streaming child) is told where the fixtures are.
const FIX = process.env.X12_BENCH_FIXTURES
  ? pathToFileURL(`${process.env.X12_BENCH_FIXTURES}/`)
  : new URL('../fixtures/x12/', import.meta.url);

/** Balanced 5010 835s from the fixtures whose transaction sets serve as templates. */
export const TEMPLATE_FILES = [
  'affect-therapeutics-edi-835-parser/tests/test_edi_835_files/emedny_sample.txt',
  'affect-therapeutics-edi-835-parser/tests/test_edi_835_files/united_healthcare_legacy_sample.txt',
  'affect-therapeutics-edi-835-parser/tests/test_edi_835_files/nevada_medicaid.txt',
  'LinuxForHealth-x12/src/tests/resources/835_005010X221A1/medicare-part-a.835',
  'LinuxForHealth-x12/src/tests/resources/835_005010X221A1/managed-care.835',
];

/** `ordinary`: many interchanges of about 275 KiB each (see {@link generateOrdinary835}). */
export type Shape835 = 'many' | 'one' | 'ordinary';

/** The transaction sets of the template files, as element arrays with ':' composites. */
function transactionSets(): string[][][] {
  const out: string[][][] = [];
  for (const f of TEMPLATE_FILES) {
    let current: string[][] | undefined;
    for (const s of tokenize(readFileSync(new URL(f, FIX)))) {
      if (s.id === 'ST') current = [];
      // Normalise composites to ':' so that every template fits the generated ISA16.
      if (current)
        current.push(s.delimiters.component === ':' ? [...s.elements] : s.elements.map((e) => e.split(s.delimiters.component).join(':')));
      if (s.id === 'SE' && current) {
        out.push(current);
        current = undefined;
      }
    }
  }
  return out;
}

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');
const line = (e: readonly string[]): string => `${e.join('*')}~\n`;

/** ISA and GS of a generated interchange with control number `control` (ISA13, 9 digits). */
const isaGs = (control: number): string =>
  `ISA*00*          *00*          *ZZ*BENCHPAYER     *ZZ*BENCHPROVIDER  *260105*0930*^*00501*${String(control).padStart(9, '0')}*0*T*:~\nGS*HP*BENCHPAYER*BENCHPROVIDER*20260105*0930*1*X*005010X221A1~\n`;
const ISA = isaGs(1);
const CLAIM_PREFIX = 'BENCH';

/**
 * A template pre-serialized around the values that change: fixed byte runs (`parts`) between slots
 * where a control number (9 digits) or a claim number (BENCH + n) is written.
 */
interface Serialized {
  parts: Buffer[];
  slots: ('control' | 'claim')[];
  claims: number;
  paymentCents: number;
  segments: number;
  fixedBytes: number;
}

function serialize(segments: readonly string[][]): Serialized {
  const parts: Buffer[] = [];
  const slots: ('control' | 'claim')[] = [];
  let text = '';
  let claims = 0;
  let paymentCents = 0;
  for (const e of segments) {
    if (e[0] === 'ST' || e[0] === 'SE') {
      parts.push(latin1(`${text}${e[0]}*${e[1]}*`));
      slots.push('control');
      text = `${e
        .slice(3)
        .map((x) => `*${x}`)
        .join('')}~\n`;
    } else if (e[0] === 'CLP') {
      parts.push(latin1(`${text}CLP*${CLAIM_PREFIX}`));
      slots.push('claim');
      text = `${e
        .slice(2)
        .map((x) => `*${x}`)
        .join('')}~\n`;
      claims++;
      paymentCents += tryParseCents(e[4] ?? '') ?? 0;
    } else text += line(e);
  }
  parts.push(latin1(text));
  return { parts, slots, claims, paymentCents, segments: segments.length, fixedBytes: parts.reduce((n, p) => n + p.length, 0) };
}

const digitCount = (n: number): number => (n < 10 ? 1 : Math.floor(Math.log10(n)) + 1);

/** Writes `n` in decimal at `pos`, left-padded with zeros to `width`; returns the new position. */
function writeNumber(buf: Buffer, pos: number, n: number, width = 0): number {
  const len = Math.max(width, digitCount(n));
  for (let i = len - 1; i >= 0; i--) {
    buf[pos + i] = 48 + (n % 10);
    n = Math.floor(n / 10);
  }
  return pos + len;
}

/** Chunk size of the generated stream (an S3 body delivers about 16-64 KiB at a time). */
const CHUNK = Number(process.env.X12_BENCH_CHUNK ?? 64 * 1024);

/** Copies serialized templates into fresh ~64 KiB chunks. */
class ChunkWriter {
  private buf: Buffer;
  private pos = 0;
  /** Bytes written over all chunks. */
  total = 0;
  private readonly reserve: number;
  constructor(reserve: number) {
    this.reserve = reserve;
    this.buf = Buffer.allocUnsafe(CHUNK + reserve);
  }
  get full(): boolean {
    return this.pos >= CHUNK;
  }
  bytes(b: Buffer): void {
    const n = b.copy(this.buf, this.pos);
    this.pos += n;
    this.total += n;
  }
  number(n: number, width = 0): void {
    const end = writeNumber(this.buf, this.pos, n, width);
    this.total += end - this.pos;
    this.pos = end;
  }
  template(t: Serialized, control: number, nextClaim: () => number): void {
    for (let k = 0; k < t.slots.length; k++) {
      this.bytes(t.parts[k] as Buffer);
      if (t.slots[k] === 'control') this.number(control, 9);
      else this.number(nextClaim());
    }
    this.bytes(t.parts[t.slots.length] as Buffer);
  }
  /** The bytes written so far, as a fresh chunk; the writer starts a new buffer. */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(CHUNK + this.reserve);
    this.pos = 0;
    return out;
  }
}

export interface Generated835 {
  claims: number;
  transactionSets: number;
}

let templates: Serialized[] | undefined;

/** Many ST..SE: transaction sets copied from the corpus with unique ST02/SE02 and CLP01. */
function* many(targetBytes: number, control = 1, firstClaim = 0): Generator<Buffer, Generated835> {
  const tpl = (templates ??= transactionSets().map(serialize));
  const w = new ChunkWriter(Math.max(...tpl.map((t) => t.fixedBytes)) + 1024);
  let sets = 0;
  let claims = firstClaim;
  const nextClaim = (): number => ++claims;
  w.bytes(latin1(isaGs(control)));
  while (w.total < targetBytes) {
    const t = tpl[sets % tpl.length] as Serialized;
    sets++;
    w.template(t, sets, nextClaim);
    if (w.full) yield w.take();
  }
  w.bytes(latin1(`GE*${sets}*1~\nIEA*1*${String(control).padStart(9, '0')}~\n`));
  yield w.take();
  return { claims: claims - firstClaim, transactionSets: sets };
}

/** One ST..SE: the corpus claims (CLP loops) repeated under one LX, balanced by construction. */
function* one(targetBytes: number): Generator<Buffer, Generated835> {
  const sets = transactionSets();
  const first = sets[0] as string[][];
  const head = first.slice(
    1,
    first.findIndex((e) => e[0] === 'LX' || e[0] === 'CLP'),
  );
  const claimTemplates: Serialized[] = [];
  for (const set of sets) {
    let current: string[][] | undefined;
    for (const e of set) {
      if (e[0] === 'CLP' || e[0] === 'LX' || e[0] === 'PLB' || e[0] === 'SE') {
        if (current) claimTemplates.push(serialize(current));
        current = e[0] === 'CLP' ? [] : undefined;
      }
      current?.push(e);
    }
  }
  // Pre-pass: how many claims fit, what they pay and how many segments they make.
  const trailer = 'SE*000000000*000000001~\nGE*1*1~\nIEA*1*000000001~\n';
  let bytes = ISA.length + 200 + head.reduce((n, e) => n + line(e).length, 0) + 'LX*1~\n'.length + trailer.length;
  let claims = 0;
  let paymentCents = 0;
  let segments = 1 + head.length + 1;
  while (bytes < targetBytes) {
    const t = claimTemplates[claims % claimTemplates.length] as Serialized;
    claims++;
    bytes += t.fixedBytes + digitCount(claims);
    paymentCents += t.paymentCents;
    segments += t.segments;
  }
  segments++; // SE
  const w = new ChunkWriter(Math.max(...claimTemplates.map((t) => t.fixedBytes)) + 4096);
  w.bytes(latin1(`${ISA}ST*835*000000001*005010X221A1~\n`));
  for (const e of head) {
    if (e[0] === 'BPR') {
      const bpr = [...e];
      bpr[2] = formatCents(Math.abs(paymentCents));
      bpr[3] = paymentCents < 0 ? 'D' : 'C';
      w.bytes(latin1(line(bpr)));
    } else w.bytes(latin1(line(e)));
  }
  w.bytes(latin1('LX*1~\n'));
  let written = 0;
  const nextClaim = (): number => ++written;
  for (let c = 0; c < claims; c++) {
    w.template(claimTemplates[c % claimTemplates.length] as Serialized, 0, nextClaim);
    if (w.full) yield w.take();
  }
  w.bytes(latin1(`SE*${segments}*000000001~\nGE*1*1~\nIEA*1*000000001~\n`));
  yield w.take();
  return { claims, transactionSets: 1 };
}

/** Yields an 835 interchange of about `targetBytes` as fresh byte chunks of about 64 KiB. */
export function generate835(targetBytes: number, shape: Shape835 = 'many'): Generator<Buffer, Generated835> {
  return shape === 'one' ? one(targetBytes) : shape === 'ordinary' ? generateOrdinary835(targetBytes) : many(targetBytes);
}

/** Materializes {@link generate835} into one buffer. */
export function build835(targetBytes: number, shape: Shape835 = 'many'): { bytes: Buffer } & Generated835 {
  const parts: Buffer[] = [];
  const it = generate835(targetBytes, shape);
  for (;;) {
    const r = it.next();
    if (r.done) return { bytes: Buffer.concat(parts), ...r.value };
    parts.push(r.value);
  }
}

/** An ordinary file: many interchanges of ordinary size, as a payer's daily files concatenated. */
export interface Ordinary835 {
  bytes: Buffer;
  /** Each interchange (ISA..IEA) on its own, as a reader that takes one interchange at a time gets them. */
  interchanges: Buffer[];
  claims: number;
  transactionSets: number;
}

/** Interchanges of about 275 KiB, as in a payer's daily files. */
export const ORDINARY_INTERCHANGE_BYTES = 275 * 1024;

/**
 * Yields about `targetBytes` of ordinary interchanges as fresh chunks, each interchange one ISA/GS
 * of corpus transaction sets with its own control number and distinct claim numbers; the return
 * value counts them.
 */
export function* generateOrdinary835(
  targetBytes: number,
  count = Math.max(1, Math.round(targetBytes / ORDINARY_INTERCHANGE_BYTES)),
): Generator<Buffer, Generated835 & { interchanges: number }> {
  let claims = 0;
  let transactionSets = 0;
  for (let k = 1; k <= count; k++) {
    const r = yield* many(Math.ceil(targetBytes / count), k, claims);
    claims += r.claims;
    transactionSets += r.transactionSets;
  }
  return { claims, transactionSets, interchanges: count };
}

/** About `targetBytes` of `count` ordinary interchanges (186 at 50 MB), in one buffer and one by one. */
export function buildOrdinary835(
  targetBytes: number,
  count = Math.max(1, Math.round(targetBytes / ORDINARY_INTERCHANGE_BYTES)),
): Ordinary835 {
  const interchanges: Buffer[] = [];
  let claims = 0;
  let transactionSets = 0;
  for (let k = 1; k <= count; k++) {
    const parts: Buffer[] = [];
    const it = many(Math.ceil(targetBytes / count), k, claims);
    for (;;) {
      const r = it.next();
      if (r.done) {
        claims += r.value.claims;
        transactionSets += r.value.transactionSets;
        break;
      }
      parts.push(r.value);
    }
    interchanges.push(Buffer.concat(parts));
  }
  return { bytes: Buffer.concat(interchanges), interchanges, claims, transactionSets };
}

/** What the benches count segments with: a scanner fed 64 KiB at a time, as the streaming readers feed it. */
export interface ChunkScanner {
  push(chunk: Uint8Array, out: unknown[]): void;
  end(out: unknown[]): void;
}

/** Segments `scanner` finds in `bytes`, handed to it in 64 KiB chunks. */
export function countSegments(scanner: ChunkScanner, bytes: Uint8Array): number {
  const out: unknown[] = [];
  let n = 0;
  for (let i = 0; i < bytes.length; i += 64 * 1024) {
    scanner.push(bytes.subarray(i, i + 64 * 1024), out);
    n += out.length;
    out.length = 0;
  }
  scanner.end(out);
  return n + out.length;
}

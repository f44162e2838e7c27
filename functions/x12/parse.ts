import { balance835 } from './balance835.ts';
import type { BalanceResult } from './balance835.ts';
import { EnvelopeReader } from './envelope.ts';
import type {
  EnvelopeOptions,
  EnvelopeSummary,
  GroupHeader,
  InterchangeHeader,
  ReceivedAcknowledgment,
  TransactionSetInfo,
  TransactionSink,
} from './envelope.ts';
import type { Finding } from './errors.ts';
import { TransactionWalker } from './reader.ts';
import type { ModelObject } from './reader.ts';
import type { TransactionSetDef } from './schema.ts';
import { findDefinition } from './registry.ts';
import { SegmentScanner } from './tokenizer.ts';
import type { Segment, TokenizerOptions } from './tokenizer.ts';
import type { Remittance835 } from './types835.ts';

export interface ParseOptions extends TokenizerOptions, EnvelopeOptions {
  /** Keep the raw segments of each transaction set on the result (off by default to save memory). */
  keepSegments?: boolean;
}

/** One transaction set read into its typed model. */
export interface ParsedTransaction {
  setId: string;
  controlNumber: string;
  implementationReference?: string;
  /** The definition used, e.g. "005010X221A1"; absent for unsupported sets. */
  guide?: string;
  interchange?: InterchangeHeader;
  group?: GroupHeader;
  segmentCount: number;
  byteOffset: number;
  model?: ModelObject;
  /** Envelope and guide findings for this transaction set. */
  findings: Finding[];
  /** 835 only. */
  balance?: BalanceResult;
  segments?: Segment[];
}

export interface ParseResult {
  transactions: ParsedTransaction[];
  /** Findings outside any transaction set (ISA/GS/GE/IEA). */
  findings: Finding[];
  summary: EnvelopeSummary;
  /** TA1 interchange acknowledgments found between an ISA and its first GS. */
  acknowledgments: ReceivedAcknowledgment[];
  /** True when no finding anywhere is an error and every 835 balances. */
  valid: boolean;
}

/**
 * A sink that reads each transaction set through its definition while it streams in and hands the
 * finished {@link ParsedTransaction} to `deliver`. Segments are kept only with `keepSegments`.
 */
export function transactionReader(options: ParseOptions, deliver: (tx: ParsedTransaction) => void): TransactionSink {
  interface State {
    def?: TransactionSetDef;
    walker?: TransactionWalker;
    segments?: Segment[];
  }
  // One transaction set is open at a time: a slot, not a Map (see TransactionSink).
  let current: { info: TransactionSetInfo; state: State } | undefined;
  return {
    open(info) {
      const reference = info.implementationReference ?? info.group?.version;
      const def = findDefinition(info.setId, reference);
      const state: State = {};
      if (def) {
        state.def = def;
        state.walker = new TransactionWalker(def, info.findings);
      }
      if (options.keepSegments) state.segments = [];
      current = { info, state };
      return (segment) => {
        state.walker?.accept(segment);
        state.segments?.push(segment);
      };
    },
    close(info) {
      const state = current?.info === info ? current.state : {};
      current = undefined;
      const first = info.start;
      const out: ParsedTransaction = {
        setId: info.setId,
        controlNumber: info.controlNumber,
        segmentCount: info.segmentCount,
        byteOffset: first.byteOffset,
        findings: info.findings,
      };
      if (info.implementationReference) out.implementationReference = info.implementationReference;
      if (info.interchange) out.interchange = info.interchange;
      if (info.group) out.group = info.group;
      if (state.segments) out.segments = state.segments;
      const { def, walker } = state;
      if (!def || !walker) {
        const reference = info.implementationReference ?? info.group?.version;
        info.findings.push({
          severity: 'warning',
          code: 'UNSUPPORTED_TRANSACTION',
          message: `a supported transaction set (835, 837P/I, 270/271, 276/277, 277CA, 999 in 5010); ${info.setId} ${reference ?? ''} is read for its envelope only`,
          byteOffset: first.byteOffset,
          segmentPosition: first.position,
          segmentId: 'ST',
        });
        deliver(out);
        return;
      }
      walker.finish();
      out.guide = def.version;
      out.model = walker.root ?? {};
      if (def.id === '835') out.balance = balance835(out.model as unknown as Remittance835);
      deliver(out);
    },
  };
}

function isValid(transactions: readonly ParsedTransaction[], findings: readonly Finding[]): boolean {
  if (findings.some((f) => f.severity === 'error')) return false;
  return transactions.every((t) => !t.findings.some((f) => f.severity === 'error') && (t.balance?.balanced ?? true));
}

/**
 * Iterates the transaction sets of an in-memory input (Buffer or string), producing each typed model
 * as soon as its SE is read so the caller can process and drop it; the return value carries envelope
 * findings. Throws {@link X12Error} on malformed input.
 */
export function* parseX12Transactions(input: Uint8Array | string, options: ParseOptions = {}): Generator<ParsedTransaction, StreamSummary> {
  const ready: ParsedTransaction[] = [];
  const envelope = new EnvelopeReader(
    transactionReader(options, (tx) => ready.push(tx)),
    options,
  );
  const scanner = new SegmentScanner(options);
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const batch: Segment[] = [];
  let last: Segment | undefined;
  // Small slices keep few segments alive between tokenizing and reading, which keeps GC cheap.
  const SLICE = 64 * 1024;
  for (let start = 0; ; start += SLICE) {
    if (start < bytes.length) scanner.push(bytes.subarray(start, Math.min(bytes.length, start + SLICE)), batch);
    else scanner.end(batch);
    for (let i = 0; i < batch.length; i++) {
      envelope.accept(batch[i] as Segment);
      // Hand over each transaction set as soon as it is complete.
      while (ready.length) yield ready.shift() as ParsedTransaction;
    }
    if (batch.length) last = batch[batch.length - 1];
    batch.length = 0;
    if (start >= bytes.length) break;
  }
  envelope.finish(last);
  while (ready.length) yield ready.shift() as ParsedTransaction;
  return { findings: envelope.findings, summary: envelope.summary, acknowledgments: envelope.acknowledgments };
}

/** Parses an in-memory input (Buffer or string) completely. Throws {@link X12Error} on malformed input. */
export function parseX12(input: Uint8Array | string, options: ParseOptions = {}): ParseResult {
  const transactions: ParsedTransaction[] = [];
  const it = parseX12Transactions(input, options);
  for (;;) {
    const r = it.next();
    if (r.done)
      return {
        transactions,
        findings: r.value.findings,
        summary: r.value.summary,
        acknowledgments: r.value.acknowledgments,
        valid: isValid(transactions, r.value.findings),
      };
    transactions.push(r.value);
  }
}

/** What a stream parse returns when it is done: envelope findings, counts and TA1 acknowledgments. */
export interface StreamSummary {
  findings: Finding[];
  summary: EnvelopeSummary;
  acknowledgments: ReceivedAcknowledgment[];
}

/**
 * Parses a stream (Node Readable, S3 Body, any AsyncIterable of chunks), yielding each transaction set as
 * soon as its SE is read; memory is bounded by the largest transaction set, not by the file.
 * The generator's return value carries envelope-level findings.
 */
export async function* parseX12Stream(
  source: AsyncIterable<Uint8Array | string>,
  options: ParseOptions = {},
): AsyncGenerator<ParsedTransaction, StreamSummary> {
  const ready: ParsedTransaction[] = [];
  const envelope = new EnvelopeReader(
    transactionReader(options, (tx) => ready.push(tx)),
    options,
  );
  const scanner = new SegmentScanner(options);
  const batch: Segment[] = [];
  let last: Segment | undefined;
  // Each slice's segments are read and dropped before anything is yielded: the consumer's awaits then
  // find no batch of segments alive, so fewer objects survive a young-generation GC into the old one
  // (which is what peak RSS grows with on a long file).
  const read = (): void => {
    const n = batch.length;
    for (let i = 0; i < n; i++) envelope.accept(batch[i] as Segment);
    if (n) last = batch[n - 1];
    batch.length = 0;
  };
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    for (let start = 0; start < bytes.length; start += STREAM_SLICE) {
      scanner.push(
        start === 0 && bytes.length <= STREAM_SLICE ? bytes : bytes.subarray(start, Math.min(bytes.length, start + STREAM_SLICE)),
        batch,
      );
      read();
      while (ready.length) yield ready.shift() as ParsedTransaction;
    }
  }
  scanner.end(batch);
  read();
  envelope.finish(last);
  while (ready.length) yield ready.shift() as ParsedTransaction;
  return { findings: envelope.findings, summary: envelope.summary, acknowledgments: envelope.acknowledgments };
}

/** Bytes of a streamed chunk handed to the scanner at once (a 64 KiB chunk is read in four). */
const STREAM_SLICE = 16 * 1024;

/** Collects a stream parse into a {@link ParseResult}. */
export async function parseX12Async(source: AsyncIterable<Uint8Array | string>, options: ParseOptions = {}): Promise<ParseResult> {
  const transactions: ParsedTransaction[] = [];
  const it = parseX12Stream(source, options);
  for (;;) {
    const r = await it.next();
    if (r.done)
      return {
        transactions,
        findings: r.value.findings,
        summary: r.value.summary,
        acknowledgments: r.value.acknowledgments,
        valid: isValid(transactions, r.value.findings),
      };
    transactions.push(r.value);
  }
}

/**
 * Per-claim reading of 835 remittances: each transaction set is handed over as its header (BPR, TRN,
 * payer and payee loops), then one claim at a time (the CLP loop with its services), then its trailer
 * (PLB and the transaction-level balance). Memory stays constant whatever the size of one ST..SE: a
 * claim is dropped by the reader as soon as it has been yielded.
 */
import { RemittanceBalancer } from './balance835.ts';
import type { BalanceFinding, BalanceResult } from './balance835.ts';
import { EnvelopeReader } from './envelope.ts';
import type { GroupHeader, InterchangeHeader, TransactionSetInfo, TransactionSink } from './envelope.ts';
import type { Finding } from './errors.ts';
import { transactionReader } from './parse.ts';
import type { ParseOptions, ParsedTransaction, StreamSummary } from './parse.ts';
import { TransactionWalker } from './reader.ts';
import type { LoopDetacher, ModelObject } from './reader.ts';
import { findDefinition } from './registry.ts';
import type { LoopDef, TransactionSetDef } from './schema.ts';
import { SegmentScanner } from './tokenizer.ts';
import type { Segment } from './tokenizer.ts';
import type { Claim835, HeaderNumberInfo835, ProviderAdjustment835, RemittanceHeader835 } from './types835.ts';

/** The transaction set an event belongs to; one object shared by all events of that ST..SE. */
export interface RemittanceTransaction {
  setId: string;
  controlNumber: string;
  implementationReference?: string;
  /** The definition used, e.g. "005010X221A1". */
  guide: string;
  interchange?: InterchangeHeader;
  group?: GroupHeader;
  /** Byte offset of the ST segment. */
  byteOffset: number;
}

/** First event of each 835: everything before the first LX (or before PLB/SE when there is none). */
export interface RemittanceHeaderEvent {
  type: 'header';
  transaction: RemittanceTransaction;
  header: RemittanceHeader835;
  /** Envelope and guide findings raised while reading the header. */
  findings: Finding[];
}

/** One claim (2100 loop with its 2110 services), complete and balanced. */
export interface RemittanceClaimEvent {
  type: 'claim';
  transaction: RemittanceTransaction;
  /** 0-based position of the claim in its transaction set (the `claimIndex` of balance findings). */
  claimIndex: number;
  /** The enclosing 2000 loop (LX, TS3, TS2), shared by the claims under the same LX. */
  headerNumber?: HeaderNumberInfo835;
  claim: Claim835;
  /** Service- and claim-level imbalances of this claim, exactly as {@link balance835} reports them. */
  balance: BalanceFinding[];
  /** Guide findings raised while reading this claim (and its LX, for the first claim under it). */
  findings: Finding[];
}

/** Last event of each 835: PLB, the transaction-level balance and the findings raised at SE. */
export interface RemittanceTrailerEvent {
  type: 'trailer';
  transaction: RemittanceTransaction;
  providerAdjustments?: ProviderAdjustment835[];
  /**
   * Totals and `balanced` over the whole transaction set; `findings` holds only the transaction-level
   * imbalance (claim-level ones were given with each claim), so that memory stays constant.
   */
  balance: BalanceResult;
  /** Segments from ST to SE. */
  segmentCount: number;
  /** Error-severity findings over every event of this transaction set. */
  errorCount: number;
  findings: Finding[];
}

/** A transaction set in the same input that is not a 5010 835, read whole by the ordinary reader. */
export interface OtherTransactionEvent {
  type: 'transaction';
  transaction: ParsedTransaction;
}

export type RemittanceEvent = RemittanceHeaderEvent | RemittanceClaimEvent | RemittanceTrailerEvent | OtherTransactionEvent;

interface RemittanceLoops {
  headers: LoopDef;
  claims: LoopDef;
  detached: ReadonlySet<LoopDef>;
}

const loopsCache = new WeakMap<TransactionSetDef, RemittanceLoops | null>();

/** The 2000 (LX) and 2100 (CLP) loops of an 835 definition, found by their model keys. */
function remittanceLoops(def: TransactionSetDef): RemittanceLoops | undefined {
  let loops = loopsCache.get(def);
  if (loops === undefined) {
    loops = null;
    const headers = def.root.children.find((c): c is LoopDef => c.kind === 'loop' && c.key === 'headers');
    const claims = headers?.children.find((c): c is LoopDef => c.kind === 'loop' && c.key === 'claims');
    if (def.id === '835' && headers && claims) loops = { headers, claims, detached: new Set([headers, claims]) };
    loopsCache.set(def, loops);
  }
  return loops ?? undefined;
}

/** Reads one 835 transaction set through the engine, detaching each claim as it closes. */
class RemittanceState implements LoopDetacher {
  readonly loops: ReadonlySet<LoopDef>;
  readonly walker: TransactionWalker;
  private readonly balancer = new RemittanceBalancer();
  private readonly transaction: RemittanceTransaction;
  private readonly findings: Finding[];
  private readonly emit: (event: RemittanceEvent) => void;
  private readonly headersLoop: LoopDef;
  private readonly claimsLoop: LoopDef;
  private headerSent = false;
  private headerNumber: ModelObject | undefined;
  private claimIndex = 0;
  private errorCount = 0;

  constructor(def: TransactionSetDef, loops: RemittanceLoops, info: TransactionSetInfo, emit: (event: RemittanceEvent) => void) {
    this.loops = loops.detached;
    this.headersLoop = loops.headers;
    this.claimsLoop = loops.claims;
    this.emit = emit;
    // The walker and the envelope reader both append to info.findings; each event takes what is new.
    this.findings = info.findings;
    const t: RemittanceTransaction = {
      setId: info.setId,
      controlNumber: info.controlNumber,
      guide: def.version,
      byteOffset: info.start.byteOffset,
    };
    if (info.implementationReference) t.implementationReference = info.implementationReference;
    if (info.interchange) t.interchange = info.interchange;
    if (info.group) t.group = info.group;
    this.transaction = t;
    this.walker = new TransactionWalker(def, info.findings, this);
  }

  /** Takes the findings raised since the previous event. */
  private take(): Finding[] {
    const f = this.findings;
    if (f.length === 0) return [];
    for (let i = 0; i < f.length; i++) if ((f[i] as Finding).severity === 'error') this.errorCount++;
    return f.splice(0, f.length);
  }

  private sendHeader(): void {
    this.headerSent = true;
    const header: ModelObject = {};
    const root = this.walker.root;
    if (root) for (const key of Object.keys(root)) if (key !== 'headers' && key !== 'providerAdjustments') header[key] = root[key];
    this.emit({ type: 'header', transaction: this.transaction, header: header as unknown as RemittanceHeader835, findings: this.take() });
  }

  opening(loop: LoopDef): void {
    if (loop === this.headersLoop && !this.headerSent) this.sendHeader();
  }

  opened(loop: LoopDef, obj: ModelObject): void {
    if (loop === this.headersLoop) this.headerNumber = obj;
  }

  closed(loop: LoopDef, obj: ModelObject): void {
    if (loop === this.headersLoop) {
      this.headerNumber = undefined;
      return;
    }
    if (loop !== this.claimsLoop) return;
    const claim = obj as unknown as Claim835;
    const event: RemittanceClaimEvent = {
      type: 'claim',
      transaction: this.transaction,
      claimIndex: this.claimIndex++,
      claim,
      balance: this.balancer.claim(claim),
      findings: this.take(),
    };
    if (this.headerNumber) event.headerNumber = this.headerNumber as unknown as HeaderNumberInfo835;
    this.emit(event);
  }

  close(info: TransactionSetInfo): void {
    this.walker.finish();
    if (!this.headerSent) this.sendHeader();
    const root = (this.walker.root ?? {}) as { payment?: RemittanceHeader835['payment']; providerAdjustments?: ProviderAdjustment835[] };
    const findings = this.take();
    const event: RemittanceTrailerEvent = {
      type: 'trailer',
      transaction: this.transaction,
      balance: this.balancer.finish(root.payment, root.providerAdjustments),
      segmentCount: info.segmentCount,
      errorCount: this.errorCount,
      findings,
    };
    if (root.providerAdjustments) event.providerAdjustments = root.providerAdjustments;
    this.emit(event);
  }
}

/** A sink that streams 835s claim by claim and reads any other transaction set whole. */
function remittanceSink(options: ParseOptions, emit: (event: RemittanceEvent) => void): TransactionSink {
  const whole = transactionReader(options, (transaction) => emit({ type: 'transaction', transaction }));
  // One transaction set is open at a time: a slot, not a Map (see TransactionSink).
  let current: { info: TransactionSetInfo; state: RemittanceState } | undefined;
  return {
    open(info) {
      const def = findDefinition(info.setId, info.implementationReference ?? info.group?.version);
      const loops = def ? remittanceLoops(def) : undefined;
      if (!def || !loops) return whole.open(info);
      const state = new RemittanceState(def, loops, info, emit);
      current = { info, state };
      const walker = state.walker;
      return (segment) => walker.accept(segment);
    },
    close(info) {
      const state = current?.info === info ? current.state : undefined;
      if (!state) return whole.close(info);
      current = undefined;
      state.close(info);
    },
  };
}

/**
 * Bytes handed to the scanner at once: events are delivered after each slice, which bounds the queue.
 * 16 KiB rather than a whole 64 KiB source chunk: fewer segments and claims are alive when a
 * young-generation GC runs, so fewer survive into the old generation (peak RSS on a long file).
 */
const SLICE = 16 * 1024;

/** The push side shared by the sync and async readers. */
class ClaimReaderCore {
  readonly events: RemittanceEvent[] = [];
  private readonly scanner: SegmentScanner;
  private readonly envelope: EnvelopeReader;
  private readonly batch: Segment[] = [];
  private last: Segment | undefined;

  constructor(options: ParseOptions) {
    this.scanner = new SegmentScanner(options);
    const events = this.events;
    this.envelope = new EnvelopeReader(
      remittanceSink(options, (e) => events.push(e)),
      options,
    );
  }

  push(bytes: Uint8Array): void {
    const batch = this.batch;
    this.scanner.push(bytes, batch);
    this.accept(batch);
  }

  end(): StreamSummary {
    this.scanner.end(this.batch);
    this.accept(this.batch);
    this.envelope.finish(this.last);
    return { findings: this.envelope.findings, summary: this.envelope.summary, acknowledgments: this.envelope.acknowledgments };
  }

  private accept(batch: Segment[]): void {
    const n = batch.length;
    if (n === 0) return;
    const envelope = this.envelope;
    for (let i = 0; i < n; i++) envelope.accept(batch[i] as Segment);
    this.last = batch[n - 1];
    batch.length = 0;
  }
}

/**
 * Reads 835s from a stream (a Node Readable, an S3 GetObject Body, any AsyncIterable of byte chunks)
 * one claim at a time: per transaction set a `header` event, then one `claim` event per CLP loop,
 * then a `trailer` event with PLB and the balance; other transaction sets come whole as `transaction`
 * events. Memory is constant in the size of the file and of each transaction set (`keepSegments`
 * applies to those other sets only). The generator's return value carries envelope-level findings
 * and TA1s. Throws {@link X12Error} on malformed input, like `parseX12Stream`.
 */
export async function* streamRemittanceClaims(
  source: AsyncIterable<Uint8Array | string>,
  options: ParseOptions = {},
): AsyncGenerator<RemittanceEvent, StreamSummary> {
  const core = new ClaimReaderCore(options);
  for await (const chunk of source) yield* feed(core, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  return yield* finish(core);
}

/** {@link streamRemittanceClaims} over an input held in memory (Buffer or string), synchronously. */
export function* readRemittanceClaims(input: Uint8Array | string, options: ParseOptions = {}): Generator<RemittanceEvent, StreamSummary> {
  const core = new ClaimReaderCore(options);
  yield* feed(core, typeof input === 'string' ? Buffer.from(input, 'utf8') : input);
  return yield* finish(core);
}

/** Pushes bytes into the reader in slices of at most SLICE bytes, yielding the events each slice completes. */
function* feed(core: ClaimReaderCore, bytes: Uint8Array): Generator<RemittanceEvent, void> {
  const events = core.events;
  for (let start = 0; start < bytes.length; start += SLICE) {
    core.push(start === 0 && bytes.length <= SLICE ? bytes : bytes.subarray(start, Math.min(bytes.length, start + SLICE)));
    for (let i = 0; i < events.length; i++) yield events[i] as RemittanceEvent;
    events.length = 0;
  }
}

/** Ends the input and yields what the end completes; returns the envelope summary. */
function* finish(core: ClaimReaderCore): Generator<RemittanceEvent, StreamSummary> {
  const summary = core.end();
  const events = core.events;
  for (let i = 0; i < events.length; i++) yield events[i] as RemittanceEvent;
  events.length = 0;
  return summary;
}

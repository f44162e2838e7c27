/**
 * The sandbox payer behind the gateway interface: answers 270s and 276s at once, accepts 837 batches,
 * and later (on the injected clock) sends the 999, the 277CA and, on payment cycles, the 835s into an
 * injected inbox writer, the way a clearinghouse drops files into the S3 inbox. Nothing here touches
 * AWS or a wall clock: the lead wires `inbox` to S3 and calls `runDue()` as simulated time passes.
 *
 * Schedule (configurable): 999 and 277CA `acknowledgeAfterMinutes` after submission; claims accepted at
 * the front door are adjudicated on the first payment cycle at least `adjudicateAfterDays` after receipt
 * (pended claims wait until their pend ends); each cycle writes one 835 interchange per payer, one
 * payment (BPR/TRN) per payer and billing provider, carrying forward any negative balance.
 * Logs are the caller's: this class returns counts and ids, never claim content.
 */
import { answerWithTa1, parseX12, TS271, TS277, TS277CA, TS278, TS999, writeInterchange, X12Error } from '#functions/x12/index.ts';
import type {
  ClaimDocument837,
  ClaimStatus276,
  ControlNumberSource,
  Eligibility27x,
  InterchangeParties,
  ParsedTransaction,
  Review278Document,
} from '#functions/x12/index.ts';
import { batchFingerprint, claimBatchSchema, sha256Hex } from '#functions/payers/batch/layout.ts';
import {
  BatchConflictError,
  PayerRateLimitedError,
  PayerRequestInvalidError,
  PayerTimeoutError,
  PayerUnavailableError,
} from '#functions/payers/gateway.ts';
import type { ClaimBatch, PayerGateway, RequestContext, SubmissionReceipt } from '#functions/payers/gateway.ts';
import { adjudicate, frontDoor } from './adjudicate.ts';
import { decideAppeal } from './appeals.ts';
import type { AppealDecision, AppealEvidence } from './appeals.ts';
import { build277CA, build999 } from './emit-acks.ts';
import type { FrontDoorResult } from './emit-acks.ts';
import { buildPayment, write835 } from './emit835.ts';
import type { Payment } from './emit835.ts';
import { claimsFrom837 } from './from837.ts';
import { answer270, answer276 } from './inquiries.ts';
import { answer278, emptyReviews } from './reviews278.ts';
import type { SandboxReviews } from './reviews278.ts';
import { addDays } from './money.ts';
import { memberPrefix, planFor, SANDBOX_PLANS } from './profiles.ts';
import { emptyState } from './state.ts';
import type { SandboxState } from './state.ts';
import type { AdjudicationOutcome, ClaimAdjudication, SandboxPlan } from './types.ts';
import type { InboxFile, PendingAck, PendingClaim, PendingDecision, SandboxPayerOptions, SandboxPayerSnapshot } from './payer-memory.ts';

export type { InboxFile, InboxWriter, SandboxPayerOptions, SandboxPayerSnapshot } from './payer-memory.ts';

const pad = (n: number): string => String(n).padStart(2, '0');

export class SandboxPayer implements PayerGateway {
  private state: SandboxState;
  private readonly plans: readonly SandboxPlan[];
  private readonly acks: PendingAck[] = [];
  private readonly claims: PendingClaim[] = [];
  private readonly receipts = new Map<string, { fingerprint: string; receipt: SubmissionReceipt }>();
  private readonly carried = new Map<string, number>();
  private readonly counters = { interchange: 1, group: 1, transaction: 1 };
  private readonly controls: ControlNumberSource = { next: (kind) => this.counters[kind]++ };
  private fileNumber = 0;
  private traceNumber = 0;
  private readonly ackMinutes: number;
  private readonly adjudicateDays: number;
  private readonly decided: PendingDecision[] = [];
  /** The interchange id of the last submitter per payer, the receiver of that payer's 835s. */
  private readonly submitters = new Map<string, string>();
  /** Files produced but not yet accepted by the inbox writer (a failed write is retried on the next run). */
  private readonly undelivered: InboxFile[] = [];
  /** Real-time requests that already had their one transient fault (see `transientFault`). */
  private readonly faulted = new Set<string>();
  /** 278 reviews still pended, and the authorization number sequence. */
  private reviews: SandboxReviews = emptyReviews();

  private readonly options: SandboxPayerOptions;
  constructor(options: SandboxPayerOptions) {
    this.options = options;
    this.plans = options.plans ?? SANDBOX_PLANS;
    this.state = emptyState(options.members ?? []);
    this.ackMinutes = options.schedule?.acknowledgeAfterMinutes ?? 60;
    this.adjudicateDays = options.schedule?.adjudicateAfterDays ?? 7;
    const r = options.restore;
    if (r) {
      if (r.version !== 1) throw new RangeError('restore: an unknown snapshot version');
      this.state = structuredClone(r.state);
      this.acks.push(...structuredClone(r.acks));
      this.claims.push(...structuredClone(r.claims));
      const today = this.now().date;
      for (const d of structuredClone(r.decided)) this.decided.push('adjudication' in d ? d : { dueDate: today, adjudication: d });
      this.undelivered.push(...structuredClone(r.undelivered));
      for (const x of r.receipts) this.receipts.set(x.receipt.batchId, structuredClone(x));
      for (const [k, v] of r.carried) this.carried.set(k, v);
      for (const [k, v] of r.submitters) this.submitters.set(k, v);
      Object.assign(this.counters, r.counters.controls);
      this.fileNumber = r.counters.file;
      this.traceNumber = r.counters.trace;
      for (const key of r.faulted ?? []) this.faulted.add(key);
      if (r.reviews) this.reviews = structuredClone(r.reviews);
    }
  }

  /**
   * Everything the sandbox remembers, as plain JSON (it holds PHI: store it encrypted, never log it), so
   * that a sandbox running in short-lived processes (Lambda) can be saved and `restore`d.
   */
  exportState(): SandboxPayerSnapshot {
    return structuredClone({
      version: 1 as const,
      state: this.state,
      acks: this.acks,
      claims: this.claims,
      decided: this.decided,
      undelivered: this.undelivered,
      receipts: [...this.receipts.values()],
      carried: [...this.carried],
      submitters: [...this.submitters],
      counters: { controls: { ...this.counters }, file: this.fileNumber, trace: this.traceNumber },
      reviews: this.reviews,
      faulted: [...this.faulted],
    });
  }

  /** The payer's memory (members' accumulators, adjudications), for tests and the demo; live, updated in place. */
  get snapshot(): SandboxState {
    return this.state;
  }

  private now(): { iso: string; date: string; time: string; ms: number } {
    const d = this.options.clock();
    return {
      iso: d.toISOString(),
      date: d.toISOString().slice(0, 10),
      time: `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}`,
      ms: d.getTime(),
    };
  }

  /** The plan for a payer id; an unknown id gets `defaultPayerId`'s plan, else the first plan. */
  private plan(payerId: string): SandboxPlan {
    const p =
      planFor(payerId, this.plans) ??
      (this.options.defaultPayerId ? planFor(this.options.defaultPayerId, this.plans) : undefined) ??
      this.plans[0];
    if (!p) throw new PayerRequestInvalidError(['payerId: no sandbox plan is configured'], { payerId });
    return p;
  }

  private parties(receiverId: string): InterchangeParties {
    const { date, time } = this.now();
    return {
      senderQualifier: 'ZZ',
      senderId: this.options.interchangeId ?? 'SANDBOXPAYER',
      receiverQualifier: 'ZZ',
      receiverId: receiverId.slice(0, 15) || 'SUBMITTER',
      date: date.replaceAll('-', ''),
      time,
      usageIndicator: this.options.usageIndicator ?? 'T',
    };
  }

  private readOne(x12: string, setId: string, ctx: RequestContext): ParsedTransaction {
    let t: ParsedTransaction | undefined;
    try {
      t = parseX12(x12).transactions.find((x) => x.setId === setId);
    } catch (error) {
      if (error instanceof X12Error)
        throw new PayerRequestInvalidError([`x12: ${error.code}`], {
          payerId: ctx.payerId,
          ...(ctx.payloadId ? { payloadId: ctx.payloadId } : {}),
        });
      throw error;
    }
    if (!t?.model || t.findings.some((f) => f.severity === 'error'))
      throw new PayerRequestInvalidError([`x12: a valid ${setId} transaction set`], { payerId: ctx.payerId });
    return t;
  }

  /**
   * Transient failures chosen by member-id prefix, so workflows' Retry fields can be exercised:
   * `BUSY` rate-limits (Retry-After 30 s) and `SLOW` times out the first request for a member and
   * kind, then answers; `DOWN` is unavailable every time.
   */
  private transientFault(model: unknown, kind: string, ctx: RequestContext): void {
    const details = { payerId: ctx.payerId, ...(ctx.payloadId ? { payloadId: ctx.payloadId } : {}) };
    for (const memberId of memberIdsOf(model)) {
      const prefix = memberPrefix(memberId);
      if (prefix.startsWith('DOWN')) throw new PayerUnavailableError('HttpStatus503', { ...details, httpStatus: 503 });
      if (!prefix.startsWith('BUSY') && !prefix.startsWith('SLOW')) continue;
      const key = `${kind}|${ctx.payerId}|${memberId}`;
      if (this.faulted.has(key)) continue;
      this.faulted.add(key);
      if (prefix.startsWith('BUSY')) throw new PayerRateLimitedError(30, details);
      throw new PayerTimeoutError(60_000, details);
    }
  }

  async checkEligibility(x12_270: string, ctx: RequestContext): Promise<string> {
    const t = this.readOne(x12_270, '270', ctx);
    this.transientFault(t.model, '270', ctx);
    const { date, time } = this.now();
    const model = answer270(t.model as unknown as Eligibility27x, this.plan(ctx.payerId), this.state, date, time);
    return writeInterchange(
      this.parties(t.interchange?.senderId ?? ''),
      [{ def: TS271, model: model as unknown as Record<string, unknown> }],
      this.controls,
    );
  }

  async claimStatus(x12_276: string, ctx: RequestContext): Promise<string> {
    const t = this.readOne(x12_276, '276', ctx);
    this.transientFault(t.model, '276', ctx);
    const { date, time } = this.now();
    const model = answer276(t.model as unknown as ClaimStatus276, this.plan(ctx.payerId), this.state, date, time);
    return writeInterchange(
      this.parties(t.interchange?.senderId ?? ''),
      [{ def: TS277, model: model as unknown as Record<string, unknown> }],
      this.controls,
    );
  }

  /**
   * Answers a 278 prior authorization request at once (see reviews278.ts for the rules): certified,
   * partially certified, pended for `reviewDays` (default 2) of simulated time, or not certified.
   */
  async requestAuthorization(x12_278: string, ctx: RequestContext): Promise<string> {
    const t = this.readOne(x12_278, '278', ctx);
    this.transientFault(t.model, '278', ctx);
    const { date, time } = this.now();
    const today = date;
    const answer = answer278(t.model as unknown as Review278Document, this.plan(ctx.payerId), this.state, this.reviews, {
      today,
      date: today.replaceAll('-', ''),
      time,
      reviewDays: this.options.schedule?.reviewDays ?? 2,
    });
    this.state = answer.state;
    this.reviews = answer.reviews;
    return writeInterchange(
      this.parties(t.interchange?.senderId ?? ''),
      [{ def: TS278, model: answer.response as unknown as Record<string, unknown> }],
      this.controls,
    );
  }

  async submitClaims(batch: ClaimBatch): Promise<SubmissionReceipt> {
    const parsed = claimBatchSchema.safeParse(batch);
    if (!parsed.success)
      throw new PayerRequestInvalidError(
        parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
        { payerId: batch?.payerId, payloadId: batch?.batchId },
      );
    const files = batch.files.map((f) => ({ name: f.name, x12: f.x12, size: Buffer.byteLength(f.x12, 'utf8'), sha256: sha256Hex(f.x12) }));
    const fingerprint = batchFingerprint(files);
    const seen = this.receipts.get(batch.batchId);
    if (seen) {
      if (seen.fingerprint !== fingerprint) throw new BatchConflictError(batch.batchId, { payerId: batch.payerId });
      return seen.receipt;
    }
    const now = this.now();
    const prefix = `sandbox/${batch.payerId}/${now.date}/${batch.batchId}`;
    const receipt: SubmissionReceipt = {
      batchId: batch.batchId,
      payerId: batch.payerId,
      status: 'queued',
      submittedAt: now.iso,
      bucket: 'sandbox',
      manifestKey: `${prefix}/manifest.json`,
      fileCount: files.length,
      files: files.map((f) => ({ name: f.name, key: `${prefix}/${f.name}`, size: f.size, sha256: f.sha256 })),
      batchSha256: fingerprint,
    };
    this.receipts.set(batch.batchId, { fingerprint, receipt });
    for (const f of files)
      this.acks.push({
        dueAt: now.ms + this.ackMinutes * 60_000,
        batchId: batch.batchId,
        payerId: batch.payerId,
        name: f.name,
        x12: f.x12,
        receivedDate: now.date,
      });
    return receipt;
  }

  /**
   * Decides an appeal now; an overturn's reversal and new adjudication go out on the next day's payment
   * cycle, as a payer reprocesses a claim after deciding, never in the same instant.
   */
  appeal(payerId: string, payerClaimControlNumber: string, evidence: AppealEvidence[]): Omit<AppealDecision, 'state'> {
    const { date } = this.now();
    const { state, ...decision } = decideAppeal({ payerClaimControlNumber, evidence }, this.plan(payerId), this.state, date);
    this.state = state;
    for (const o of decision.outcomes) if (o.kind === 'adjudicated') this.decided.push({ dueDate: addDays(date, 1), adjudication: o });
    return decision;
  }

  /**
   * Sends every file that is due by the clock's now, in order; returns what was delivered. If the inbox
   * writer throws, the files not yet delivered are kept for the next call and the error is rethrown.
   */
  async runDue(): Promise<InboxFile[]> {
    this.prepareDue();
    return this.deliverPending();
  }

  /**
   * The first half of `runDue()`: produces every file due by the clock's now and keeps it for delivery,
   * without writing anywhere; returns how many files wait. A caller that saves the payer's memory
   * between the halves (the deployed sandbox) can retry either half without producing a file twice.
   */
  prepareDue(): number {
    const now = this.now();
    const due = this.acks.filter((a) => a.dueAt <= now.ms);
    for (const a of due) {
      this.acks.splice(this.acks.indexOf(a), 1);
      this.undelivered.push(...this.acknowledge(a));
    }
    this.undelivered.push(...this.paymentCycle());
    return this.undelivered.length;
  }

  /** The second half of `runDue()`: hands the waiting files to the inbox writer, in order (see `runDue`). */
  async deliverPending(): Promise<InboxFile[]> {
    const sent: InboxFile[] = [];
    while (this.undelivered.length) {
      const f = this.undelivered[0] as InboxFile;
      await this.options.inbox(f);
      this.undelivered.shift();
      sent.push(f);
    }
    return sent;
  }

  /**
   * When `runDue()` next has work (epoch ms): the earliest acknowledgement, or the start (UTC) of the
   * earliest payment-cycle date with a claim or an appeal's reprocessing due; now when files wait for
   * delivery; `undefined` when idle. Lets a scheduler sleep until then instead of polling.
   */
  nextDueAt(): number | undefined {
    if (this.undelivered.length) return this.now().ms;
    const dates = [...this.claims, ...this.decided].map((c) => Date.parse(`${c.dueDate}T00:00:00Z`));
    const times = [...this.acks.map((a) => a.dueAt), ...dates];
    return times.length ? Math.min(...times) : undefined;
  }

  private fileName(kind: string, payerId: string): string {
    this.fileNumber += 1;
    return `${kind}-${payerId}-${this.now().date.replaceAll('-', '')}-${String(this.fileNumber).padStart(6, '0')}.x12`.replace(
      /[^A-Za-z0-9._-]/g,
      '_',
    );
  }

  private acknowledge(a: PendingAck): InboxFile[] {
    const now = this.now();
    const out: InboxFile[] = [];
    let transactions: ParsedTransaction[];
    try {
      transactions = parseX12(a.x12, { keepSegments: true }).transactions;
    } catch {
      // Not even an envelope the engine can read: answered with a TA1 rejecting the interchange, as a
      // clearinghouse does; nothing in it is adjudicated.
      const { date, time } = this.parties('SUBMITTER');
      const ta1 = answerWithTa1(
        a.x12,
        {
          us: { qualifier: 'ZZ', id: this.options.interchangeId ?? 'SANDBOXPAYER' },
          fallbackPartner: { qualifier: 'ZZ', id: 'SUBMITTER' },
          date,
          time,
          usageIndicator: this.options.usageIndicator ?? 'T',
        },
        this.controls,
      );
      out.push({ kind: 'TA1', payerId: a.payerId, name: this.fileName('TA1', a.payerId), sentAt: now.iso, x12: ta1.x12 });
      return out;
    }
    if (transactions.length === 0) return out;
    const sender = transactions[0]?.interchange?.senderId ?? 'SUBMITTER';
    const acks = build999(transactions);
    out.push({
      kind: '999',
      payerId: a.payerId,
      name: this.fileName('999', a.payerId),
      sentAt: now.iso,
      x12: writeInterchange(
        this.parties(sender),
        acks.map((m) => ({ def: TS999, model: m as unknown as Record<string, unknown> })),
        this.controls,
      ),
    });
    const accepted = transactions.filter(
      (t, i) =>
        t.setId === '837' &&
        t.model &&
        !t.findings.some((f) => f.severity === 'error') &&
        acks.flatMap((x) => x.transactionSets ?? [])[i]?.response.acknowledgmentCode === 'A',
    );
    const byPayer = new Map<string, FrontDoorResult[]>();
    for (const t of accepted) {
      const type = t.guide?.includes('X223') ? '837I' : '837P';
      for (const raw of claimsFrom837(t.model as unknown as ClaimDocument837, type)) {
        const plan = planFor(raw.payerId, this.plans) ?? this.plan(a.payerId);
        const claim = { ...raw, payerId: plan.payerId };
        const rejection = frontDoor(claim, this.state, a.receivedDate, plan);
        if (rejection)
          (this.state.latest as Record<string, AdjudicationOutcome>)[`${plan.payerId}|${claim.patientControlNumber}`] = rejection;
        else
          this.claims.push({
            dueDate: addDays(a.receivedDate, this.adjudicateDays),
            claim,
            receivedDate: a.receivedDate,
            submitterId: sender,
          });
        byPayer.set(plan.payerId, [...(byPayer.get(plan.payerId) ?? []), rejection ? { claim, rejection } : { claim }]);
      }
    }
    for (const [payerId, results] of byPayer) {
      const plan = this.plan(payerId);
      const first = results[0]?.claim;
      const model = build277CA(
        results,
        {
          payer: { name: plan.name, id: plan.payerId },
          submitter: { name: 'SUBMITTER', id: sender },
          billingProvider: { name: first?.billingProviderName ?? 'BILLING PROVIDER', npi: first?.billingProviderNpi ?? '' },
        },
        { today: now.date, time: now.time, referenceId: `${a.batchId}`.slice(0, 50), batchTrace: a.batchId.slice(0, 50) },
      );
      out.push({
        kind: '277CA',
        payerId,
        name: this.fileName('277CA', payerId),
        sentAt: now.iso,
        x12: writeInterchange(this.parties(sender), [{ def: TS277CA, model: model as unknown as Record<string, unknown> }], this.controls),
      });
    }
    return out;
  }

  private paymentCycle(): InboxFile[] {
    const now = this.now();
    const ready = this.claims.filter((c) => c.dueDate <= now.date);
    const waiting = this.claims.filter((c) => c.dueDate > now.date);
    this.claims.length = 0;
    for (const c of waiting) this.claims.push(c);
    const done: ClaimAdjudication[] = [];
    for (const d of this.decided.splice(0)) {
      if (d.dueDate <= now.date) done.push(d.adjudication);
      else this.decided.push(d);
    }
    for (const c of ready) {
      this.submitters.set(c.claim.payerId, c.submitterId);
      const r = adjudicate(c.claim, this.plan(c.claim.payerId), this.state, {
        today: now.date,
        receivedDate: c.receivedDate,
        inPlace: true,
      });
      this.state = r.state;
      for (const o of r.outcomes) {
        if (o.kind === 'adjudicated') done.push(o);
        else if (o.kind === 'pended') this.claims.push({ ...c, dueDate: o.until });
      }
    }
    if (done.length === 0) return [];
    const out: InboxFile[] = [];
    const byPayer = new Map<string, ClaimAdjudication[]>();
    for (const a of done) byPayer.set(a.payerId, [...(byPayer.get(a.payerId) ?? []), a]);
    for (const [payerId, list] of byPayer) {
      const plan = this.plan(payerId);
      const byProvider = new Map<string, ClaimAdjudication[]>();
      for (const a of list) {
        const npi = this.state.claims[a.payerClaimControlNumber]?.claim.billingProviderNpi ?? '';
        byProvider.set(npi, [...(byProvider.get(npi) ?? []), a]);
      }
      const payments: Payment[] = [];
      for (const [npi, adjudications] of byProvider) {
        const key = `${payerId}|${npi}`;
        this.traceNumber += 1;
        const name = this.state.claims[adjudications[0]?.payerClaimControlNumber ?? '']?.claim.billingProviderName ?? 'BILLING PROVIDER';
        const p = buildPayment(adjudications, plan, {
          paymentDate: now.date,
          traceNumber: `SBX${now.date.replaceAll('-', '')}${String(this.traceNumber).padStart(6, '0')}`,
          method: 'ACH',
          payee: { name, npi },
          carriedBalanceCents: this.carried.get(key) ?? 0,
        });
        this.carried.set(key, p.carriedBalanceCents);
        payments.push(p);
      }
      out.push({
        kind: '835',
        payerId,
        name: this.fileName('835', payerId),
        sentAt: now.iso,
        x12: write835(payments, this.parties(this.submitters.get(payerId) ?? 'SUBMITTER'), this.controls),
      });
    }
    return out;
  }
}

/** Member ids (NM1 qualifier MI) anywhere in a 270/276 model. */
function memberIdsOf(model: unknown): string[] {
  const ids: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (o.idQualifier === 'MI' && typeof o.id === 'string') ids.push(o.id);
    for (const x of Object.values(o)) walk(x);
  };
  walk(model);
  return ids;
}

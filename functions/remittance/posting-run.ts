/**
 * One run of posting an 835 file: the store, the file, the payment header of the transaction set being
 * read, the outcome's counters and attention list, and a cache of patients' coverages. The file
 * reader (post-remittance-file.ts) feeds it headers, claims and trailers in file order; each claim
 * takes the reversal path (CLP02 22) or the adjudication path.
 */
import { providerAdjustmentPostings } from '#functions/accounts/clerk-postings.ts';
import { unitsFollowDecision } from '#functions/authorizations/billed-units.ts';
import { postingProblems } from '#functions/accounts/ledger.ts';
import { denialWorkItem } from '#functions/denials/denial-work.ts';
import { openWorkItem } from '#functions/queues/work-items.ts';
import { stableId } from '#functions/platform/stable-id.ts';
import { remittanceClaimOf, RemittanceClaimError } from '#functions/payers/exchange/index.ts';
import { waitsEndedBy, type ClaimHeader, type ClaimSnapshot, type RecordEventOutcome, type Store } from '#functions/store/index.ts';
import type { ClaimStatus } from '#schemas/claim.ts';
import type { Claim835, RemittanceClaimEvent, RemittanceTrailerEvent } from '#functions/x12/index.ts';
import type { ClaimItem } from './claim-items.ts';
import type { BatchReads } from './batch-reads.ts';
import type { ClaimEvent } from '#schemas/claim-event.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { PayerProfile } from '#schemas/payer-profile.ts';
import type { WorkQueue } from '#schemas/work-item.ts';
import type { Remittance, RemittanceClaim } from '#schemas/remittance.ts';
import { isSettledOrGone, pickClaim, pickReversed, responsibilitiesFor } from './claim-matching.ts';
import type { PaymentHeader } from './payment-header.ts';
import { postingsForRemittanceClaim, UnpostableRemittanceError, type RemittancePostingPlan } from './posting-plan.ts';
import type { Adjustment } from '#schemas/adjustment.ts';
import {
  emptyOutcome,
  MAX_ATTENTION,
  MAX_PAYMENTS,
  type AttentionItem,
  type AttentionReason,
  type RemittanceFile,
  type RemittanceFileOutcome,
} from './remittance-file.ts';
import { claimEventIdFor, pendingReversalId, remittanceIdFor } from './remittance-ids.ts';

/** Where a claim sits in the file and what it paid (CLP04): all an attention item says about it. */
interface ClaimPlace {
  readonly transactionSet: string;
  readonly claimIndex: number;
  readonly paidCents: number;
}

/** The 835 claim of the current payment, read into our record, with where it sits and the payment's remittance id. */
interface ClaimInPayment {
  readonly header: PaymentHeader;
  readonly remittanceId: string;
  readonly claim: RemittanceClaim;
  readonly place: ClaimPlace;
}

/** Which queue a claim the run could not post goes to, and the line a person reads first. */
const queueOf: Readonly<Record<AttentionReason, WorkQueue>> = {
  unmatched: 'unmatched-remittances',
  ambiguous: 'unmatched-remittances',
  'invalid-claim': 'unmatched-remittances',
  'no-coverage': 'unmatched-remittances',
  'reversal-without-original': 'unmatched-remittances',
  'claim-number-conflict': 'unmatched-remittances',
  'reversal-pending': 'unmatched-remittances',
  imbalanced: 'failed-postings',
  'ledger-rule': 'failed-postings',
  'status-not-moved': 'failed-postings',
};
const attentionText: Readonly<Record<AttentionReason, string>> = {
  unmatched: 'A remitted claim matches none of our claims for this payer',
  ambiguous: 'A remitted claim matches more than one of our claims',
  'invalid-claim': 'A remitted claim breaks the remittance contract',
  'no-coverage': 'A remitted claim has no coverage with this payer on the payment date',
  'reversal-without-original': 'A reversal (CLP02 22) arrived with no earlier posting to reverse',
  'claim-number-conflict': 'A remitted claim names another payer claim number than the adjudication our claim holds; nothing was posted',
  'reversal-pending': 'A reversal (CLP02 22) arrived before the adjudication it reverses; it is applied when that arrives',
  imbalanced: 'A remitted claim does not balance; nothing of it was posted',
  'ledger-rule': 'A remitted claim would break a ledger rule; nothing of it was posted',
  'status-not-moved': "A remitted claim was posted but could not move the claim's status",
};

/** What a run needs of the file besides its bytes: when it arrived, whom to tell, who raises the work items. */
export type PostingContext = Omit<RemittanceFile, 'source'>;

/** The counters posting one claim moves (summed over batches by {@link RemittancePostingRun.absorb}). */
export const CLAIM_COUNT_KEYS = [
  'claims',
  'posted',
  'alreadyPosted',
  'reversed',
  'heldAdjustments',
  'heldCents',
  'unmatched',
  'unmatchedPaidCents',
  'notPosted',
  'statusNotMoved',
  'paidCents',
  'balanceFindings',
] as const satisfies readonly (keyof RemittanceFileOutcome)[];

/** What posting some claims of one payment did: counts, cents, and the claims a person should look at. */
export type ClaimCounts = Record<(typeof CLAIM_COUNT_KEYS)[number], number> & {
  balanced: boolean;
  attentionTotal: number;
  attention: AttentionItem[];
};

/** Patients whose coverages are kept between claims; the cache starts over past this (constant memory). */
const COVERAGE_CACHE_SIZE = 1_000;

/**
 * What an adjudication (any CLP02 but 22) of our claim posts, pure: the claim's postings (and the
 * adjustments held back), and its `adjudicated` event; or why it cannot be posted (no coverage with
 * the payer on the payment date, or a ledger rule the postings would break). The posting run writes
 * it; the posting bench builds its ceiling's transactions from it, so both write the same items.
 */
export function adjudicationOf(
  header: PaymentHeader,
  remittanceId: string,
  claim: RemittanceClaim,
  ours: ClaimHeader,
  coverages: readonly Coverage[],
  receivedAt: string,
): { readonly plan: RemittancePostingPlan; readonly adjudicated: ClaimEvent } | { readonly unpostable: AttentionReason } {
  const sides = responsibilitiesFor(ours, coverages, header.paymentDate);
  if (!sides) return { unpostable: 'no-coverage' };
  let plan: RemittancePostingPlan;
  try {
    plan = postingsForRemittanceClaim({
      accountId: ours.accountId,
      claimId: ours.claimId,
      payerId: header.payerId,
      traceNumber: header.traceNumber,
      claim,
      ...sides,
      postedAt: receivedAt,
      ...(ours.priorClaimId ? { afterPriorPayer: true } : {}),
    });
  } catch (error) {
    if (error instanceof UnpostableRemittanceError) return { unpostable: 'ledger-rule' };
    throw error;
  }
  // All of the claim or none of it: a posting the ledger would refuse (e.g. a negative payment on a
  // CLP02 1) keeps the whole claim off the ledger rather than half of it.
  if (plan.postings.some((p) => postingProblems(p).length > 0)) return { unpostable: 'ledger-rule' };
  const adjudicated: ClaimEvent = {
    type: 'adjudicated',
    eventId: claimEventIdFor(remittanceId, claim.payerClaimControlNumber, 'adj'),
    claimId: ours.claimId,
    at: header.issuedAt ?? receivedAt,
    remittanceId,
    payerClaimControlNumber: claim.payerClaimControlNumber,
    claimStatusCode: claim.statusCode,
    paidCents: claim.paidCents,
    patientResponsibilityCents: claim.patientResponsibilityCents,
    // Denied: paid nothing and holding a denial (the posting plan's held adjustments). A line paid
    // nothing because the patient owes it (deductible) was processed, not denied.
    deniedLineCount: claim.lines.filter((l) => l.paidCents === 0 && plan.held.some((h) => h.line === l.lineNumber)).length,
  };
  return { plan, adjudicated };
}

/** Posts the claims and payments of one file, counting what it did in {@link RemittancePostingRun.outcome}. */
export class RemittancePostingRun {
  readonly outcome = emptyOutcome();
  readonly #store: Store;
  readonly #file: PostingContext;
  readonly #coverages = new Map<string, readonly Coverage[]>();
  readonly #profiles = new Map<string, PayerProfile | null>();
  /** What the batch read up front (absent: every claim reads its own). */
  readonly #reads: BatchReads | undefined;
  /** The counters when the current transaction set began: its own figures are the difference. */
  #atStart = emptyOutcome();
  /** The payment of the transaction set being read; claims outside one are skipped. */
  #header: PaymentHeader | undefined;

  constructor(store: Store, file: PostingContext, reads?: BatchReads) {
    this.#store = store;
    this.#file = file;
    this.#reads = reads;
  }

  /** A transaction set begins: its claims are posted against this payment. */
  beginTransactionSet(header: PaymentHeader): void {
    this.#header = header;
    this.#atStart = { ...this.outcome, attention: [], payments: [] };
    this.outcome.transactionSets += 1;
  }

  /**
   * Adds the figures batches of the split file posted for the current transaction set (see
   * `finishRemittancePosting`), so that its payment line and the file's outcome count them.
   */
  absorb(counts: ClaimCounts): void {
    const { outcome } = this;
    for (const key of CLAIM_COUNT_KEYS) outcome[key] += counts[key];
    if (!counts.balanced) outcome.balanced = false;
    outcome.attentionTotal += counts.attentionTotal;
    for (const item of counts.attention) if (outcome.attention.length < MAX_ATTENTION) outcome.attention.push(item);
  }

  /** The claims' figures counted so far (a batch's result). */
  claimCounts(): ClaimCounts {
    const { outcome } = this;
    return {
      ...(Object.fromEntries(CLAIM_COUNT_KEYS.map((k) => [k, outcome[k]])) as Record<(typeof CLAIM_COUNT_KEYS)[number], number>),
      balanced: outcome.balanced,
      attentionTotal: outcome.attentionTotal,
      attention: outcome.attention,
    };
  }

  /** Counts the transaction set's PLB and balance, and saves its Remittance record (once per payment). */
  async finishTransactionSet(event: RemittanceTrailerEvent): Promise<void> {
    const header = this.#header;
    if (!header) return;
    this.#header = undefined;
    const { outcome } = this;
    const plb = (event.providerAdjustments ?? []).flatMap((p) => p.adjustments ?? []);
    outcome.providerAdjustments += plb.length;
    outcome.providerAdjustmentCents += plb.reduce((s, a) => s + (a.amountCents ?? 0), 0);
    outcome.totalPaymentCents += header.totalPaymentCents;
    const transactionImbalances = event.balance.findings.filter((f) => f.level === 'transaction').length;
    outcome.balanceFindings += transactionImbalances;
    if (!event.balance.balanced || transactionImbalances > 0) {
      outcome.balanced = false;
      // A payment that does not add up (or pays with no claims) is in a queue, not only in a count.
      const remittanceId = remittanceIdFor(header.payerId, header.traceNumber);
      await openWorkItem(
        this.#store,
        {
          workItemId: stableId('BAL', remittanceId, event.transaction.controlNumber),
          queue: 'failed-postings',
          kind: 'payment-imbalanced',
          payerId: header.payerId,
          amountCents: header.totalPaymentCents,
          summary: `The payment (BPR02) does not equal its claims less provider adjustments (transaction set ${event.transaction.controlNumber}); reconcile it with the payer`,
          details: {
            remittanceId,
            traceNumber: header.traceNumber,
            transactionSet: event.transaction.controlNumber,
            balanceFindings: Math.max(transactionImbalances, 1),
            ...this.#fileDetails(),
          },
          actions: ['dismiss'],
          raisedBy: this.#raisedBy(),
        },
        this.#now(),
      );
    }
    const remittance: Remittance = {
      remittanceId: remittanceIdFor(header.payerId, header.traceNumber),
      payerId: header.payerId,
      traceNumber: header.traceNumber,
      totalPaymentCents: header.totalPaymentCents,
      paymentMethod: header.paymentMethod,
      paymentDate: header.paymentDate,
      receivedAt: this.#file.receivedAt,
      // Claims are not copied into the record (a transaction set may hold thousands): each claim's
      // result lives in its postings (keyed by payer and TRN02) and its `adjudicated` event (remittanceId).
      claims: [],
      providerAdjustments: plb
        .filter((a) => /^[A-Z0-9]{2}$/.test(a.reason?.code ?? ''))
        .map((a) => ({
          reasonCode: a.reason.code,
          amountCents: a.amountCents,
          ...(a.reason.referenceId ? { reference: a.reason.referenceId.slice(0, 50) } : {}),
        })),
    };
    // PLB to the payer's provider-level account, so the ledger reconciles to BPR02 to the cent.
    const plbPostings = providerAdjustmentPostings({
      payerId: header.payerId,
      traceNumber: header.traceNumber,
      postedAt: this.#file.receivedAt,
      adjustments: remittance.providerAdjustments,
    });
    for (const posting of plbPostings) {
      const result = await this.#store.ledger.post(posting);
      if (result.status === 'posted') outcome.providerAdjustmentsPosted += posting.entries.length;
    }
    const start = this.#atStart;
    if (outcome.payments.length < MAX_PAYMENTS) {
      outcome.payments.push({
        remittanceId: remittance.remittanceId,
        payerId: header.payerId,
        traceNumber: header.traceNumber,
        paymentMethod: header.paymentMethod,
        paymentDate: header.paymentDate,
        totalPaymentCents: header.totalPaymentCents,
        claims: outcome.claims - start.claims,
        claimPaidCents: outcome.paidCents - start.paidCents,
        providerAdjustmentCents: outcome.providerAdjustmentCents - start.providerAdjustmentCents,
        claimsPosted: outcome.posted - start.posted,
        claimsAlreadyPosted: outcome.alreadyPosted - start.alreadyPosted,
        claimsNotPosted: outcome.notPosted - start.notPosted + (outcome.unmatched - start.unmatched),
        unmatchedPaidCents: outcome.unmatchedPaidCents - start.unmatchedPaidCents,
        heldCents: outcome.heldCents - start.heldCents,
        // Balanced: the payment adds up and none of its claims added a balance finding.
        balanced: event.balance.balanced && transactionImbalances === 0 && outcome.balanceFindings === start.balanceFindings,
      });
    }
    const saved = await this.#store.remittances.save(remittance);
    if (saved === 'saved') outcome.remittancesSaved += 1;
    else outcome.remittancesAlreadySaved += 1;
  }

  /** Counts one 835 claim and posts it: a reversal, an adjudication, or listed for attention. */
  async postClaim(event: RemittanceClaimEvent): Promise<void> {
    const header = this.#header;
    if (!header) return;
    await this.postClaimItem({
      payment: this.outcome.transactionSets - 1,
      header,
      transactionSet: event.transaction.controlNumber,
      claimIndex: event.claimIndex,
      balanceFindings: event.balance.length,
      claim: event.claim,
    });
  }

  /**
   * Posts one claim of the split file (a Distributed Map batch) against its own payment header; the
   * run's counters then hold that claim's figures, as {@link postClaim} counts them.
   */
  async postClaimItem(item: ClaimItem): Promise<void> {
    const header = (this.#header = item.header);
    const { outcome } = this;
    const paidCents = typeof item.claim.paymentCents === 'number' ? item.claim.paymentCents : 0;
    const place: ClaimPlace = { transactionSet: item.transactionSet, claimIndex: item.claimIndex, paidCents };
    outcome.claims += 1;
    outcome.paidCents += paidCents;
    const imbalanced = item.balanceFindings > 0;
    if (imbalanced) {
      outcome.balanced = false;
      outcome.balanceFindings += item.balanceFindings;
    }

    let claim: RemittanceClaim;
    try {
      // The item lacks only fields the conversion never reads (names, references, contacts).
      claim = remittanceClaimOf(item.claim as Claim835);
    } catch (error) {
      if (!(error instanceof RemittanceClaimError)) throw error;
      if (!item.claim.patientControlNumber) await this.unmatched(place);
      else await this.notPosted(place, 'invalid-claim');
      return;
    }
    const snapshots = (
      this.#reads?.takeCandidates(claim.patientControlNumber) ??
      (await this.#store.claims.snapshotsByPatientControlNumber(claim.patientControlNumber))
    ).filter((s) => s.claim.payerId === header.payerId);
    const candidates = snapshots.map((s) => s.claim);
    const inPayment: ClaimInPayment = { header, remittanceId: remittanceIdFor(header.payerId, header.traceNumber), claim, place };
    if (claim.statusCode === '22') await this.postReversal(inPayment, candidates);
    else await this.postAdjudication(inPayment, snapshots, imbalanced);
  }

  /** CLP02 22: the payer takes back its earlier adjudication of CLP07; reverse what we posted from it. */
  async postReversal({ header, remittanceId, claim, place }: ClaimInPayment, candidates: readonly ClaimHeader[]): Promise<void> {
    const store = this.#store;
    const picked = pickReversed(candidates, claim.payerClaimControlNumber);
    const original = picked?.claim ?? (await store.claims.findByPayerClaimNumber(header.payerId, claim.payerClaimControlNumber))[0];
    if (!original) {
      // The original may still be on its way (files arrive out of order): hold the reversal, apply it then.
      this.outcome.unmatched += 1;
      this.outcome.unmatchedPaidCents += place.paidCents;
      return await this.#attention('reversal-pending', place, undefined, {
        workItemId: pendingReversalId(header.payerId, claim.payerClaimControlNumber),
        details: {
          payerClaimControlNumber: claim.payerClaimControlNumber,
          paidCents: claim.paidCents,
          patientResponsibilityCents: claim.patientResponsibilityCents,
          ...(header.issuedAt ? { issuedAt: header.issuedAt } : {}),
        },
      });
    }
    await this.#reverse(
      header,
      remittanceId,
      claim.payerClaimControlNumber,
      original,
      place,
      {
        at: header.issuedAt ?? this.#file.receivedAt,
        paidCents: claim.paidCents,
        patientResponsibilityCents: claim.patientResponsibilityCents,
      },
      picked?.holdsNumber !== false,
    );
  }

  /** Reverses the earlier postings of one payer claim number on our claim and records the reversal event. */
  async #reverse(
    header: Pick<PaymentHeader, 'payerId' | 'traceNumber'>,
    remittanceId: string,
    payerClaimControlNumber: string,
    original: ClaimHeader,
    place: ClaimPlace,
    reversal: { at: string; paidCents: number; patientResponsibilityCents: number },
    /** False when our claim went back as the replacement of this number and holds a newer one: only the money is reversed. */
    movesStatus = true,
  ): Promise<RecordEventOutcome | undefined> {
    const store = this.#store;
    const claim = { payerClaimControlNumber, ...reversal };
    const eventId = claimEventIdFor(remittanceId, claim.payerClaimControlNumber, 'rev');
    // Applied before (its event is recorded after its reversals): a second pass over its file (a
    // redelivery, a resumed posting) takes back nothing more, in particular not a re-adjudication
    // under the same CLP07 posted since.
    if (movesStatus && (await store.claims.hasEvent(original.claimId, claim.at, eventId))) {
      this.outcome.alreadyPosted += 1;
      return undefined;
    }
    // Postings of this same payment (TRN02) are not reversed: a payer may re-adjudicate under the
    // same CLP07 in the file that carries the reversal, and a redelivery must not undo that.
    const earlier = (await store.ledger.listRemittancePostings(header.payerId, claim.payerClaimControlNumber)).filter(
      (p) => p.remittance && p.remittance.traceNumber !== header.traceNumber,
    );
    let reversedNow = 0;
    for (const posting of earlier) {
      const result = await store.ledger.reverse(posting.postingKey, this.#file.receivedAt, `CLP02 22 reversal, remittance ${remittanceId}`);
      if (result.status === 'posted') reversedNow += 1;
    }
    const event = !movesStatus
      ? undefined
      : await store.claims.recordEvent({
          type: 'adjudicated',
          eventId,
          claimId: original.claimId,
          at: claim.at,
          remittanceId,
          payerClaimControlNumber: claim.payerClaimControlNumber,
          claimStatusCode: '22',
          paidCents: claim.paidCents,
          patientResponsibilityCents: claim.patientResponsibilityCents,
          deniedLineCount: 0,
        });
    // An adjudication that paid nothing and billed the patient nothing (a denial, held for the work
    // queue) posted nothing: its reversal has nothing to take back and is no anomaly.
    const heldOnly = earlier.length === 0 && reversal.paidCents === 0 && reversal.patientResponsibilityCents === 0;
    if (reversedNow > 0 || (heldOnly && event?.status === 'recorded')) this.outcome.reversed += 1;
    else if (earlier.length === 0 && !heldOnly) await this.notPosted(place, 'reversal-without-original', original.claimId);
    else this.outcome.alreadyPosted += 1;
    // A claim already corrected or voided by us stays so; the reversal of its money is what counts.
    if (event?.status === 'rejected' && !isSettledOrGone(original)) await this.statusNotMoved(place, original.claimId);
    return event;
  }

  /** After an adjudication posted: a reversal of it that came first is applied now; returns the claim's status if it moved. */
  async #applyPendingReversal(header: PaymentHeader, payerClaimControlNumber: string, ours: ClaimHeader, place: ClaimPlace) {
    const id = pendingReversalId(header.payerId, payerClaimControlNumber);
    if (this.#reads?.knowsNoHeldReversal(id)) return undefined;
    const pending = await this.#store.workItems.get(id);
    if (!pending || pending.status !== 'open') return undefined;
    const d = pending.details;
    // The reversal's own payment re-adjudicating the claim (reversal and correction in one 835) is not
    // the adjudication it reverses: it keeps waiting for that one, from another payment.
    if (String(d.traceNumber) === header.traceNumber) return undefined;
    const event = await this.#reverse(
      { payerId: header.payerId, traceNumber: String(d.traceNumber) },
      String(d.remittanceId),
      payerClaimControlNumber,
      ours,
      place,
      {
        at: typeof d.issuedAt === 'string' ? d.issuedAt : this.#file.receivedAt,
        paidCents: Number(d.paidCents),
        patientResponsibilityCents: Number(d.patientResponsibilityCents),
      },
    );
    await this.#store.workItems.resolve(pending.workItemId, {
      action: 'dismiss',
      reason: 'applied automatically when the adjudication it reverses arrived',
      decidedBy: this.#raisedBy(),
      decidedAt: this.#now().toISOString(),
    });
    return event?.status === 'recorded' ? event.claimStatus : undefined;
  }

  /** Any other CLP02: post the claim line by line (all of it or none) and record its adjudication. */
  async postAdjudication(
    { header, remittanceId, claim, place }: ClaimInPayment,
    snapshots: readonly ClaimSnapshot[],
    imbalanced: boolean,
  ): Promise<void> {
    const candidates = snapshots.map((s) => s.claim);
    const ours = pickClaim(candidates, claim.payerClaimControlNumber);
    if (ours === undefined) return await this.unmatched(place);
    if (ours === 'ambiguous') return await this.notPosted(place, 'ambiguous');
    if (ours === 'conflict') return await this.notPosted(place, 'claim-number-conflict', candidates[0]?.claimId);
    if (imbalanced) return await this.notPosted(place, 'imbalanced', ours.claimId);
    const decided = adjudicationOf(header, remittanceId, claim, ours, await this.#coveragesOf(ours.patientId), this.#file.receivedAt);
    if ('unpostable' in decided) return await this.notPosted(place, decided.unpostable, ours.claimId);
    const { plan, adjudicated } = decided;
    let postedNow = 0;
    let event: RecordEventOutcome | undefined;
    // The common case in one transaction: the claim's postings, its account's balances and its
    // adjudication, guarded by the claim's version as read. Anything else (a posting already on file, a
    // claim moved since, an account with no summary, a conflict) wrote nothing: post it step by step.
    const snapshot = snapshots.find((s) => s.claim === ours);
    const move = snapshot && plan.postings.length > 0 ? this.#store.claims.eventWrites(snapshot, adjudicated) : undefined;
    const wait = move?.ok
      ? this.#waitToTake(header, claim.payerClaimControlNumber, ours.claimId, plan.held.length, move.status)
      : undefined;
    if (move?.ok && (await this.#store.ledger.postWith(plan.postings, [...move.items, ...(wait ? [wait.write] : [])])) === 'written') {
      postedNow = plan.postings.length;
      event = { status: 'recorded', claimStatus: move.status };
      await unitsFollowDecision(this.#store, ours, ours.status, move.status);
      // Clean: nothing is left to do before the workflow hears (no denial to raise, no reversal held).
      if (wait) {
        this.outcome.posted += 1;
        if (wait.taskToken) await this.#file.resumeTask?.(wait.taskToken, ours.claimId, move.status);
        return;
      }
    } else {
      for (const posting of plan.postings) {
        const result = await this.#store.ledger.post(posting);
        if (result.status === 'posted') postedNow += 1;
      }
      event = await this.#store.claims.recordEvent(adjudicated);
      // On a redelivery (already recorded) the claim already reads the decision: `before` is unknown.
      if (event.status !== 'rejected')
        await unitsFollowDecision(
          this.#store,
          ours,
          event.status === 'recorded' ? ours.status : undefined,
          event.status === 'recorded' ? event.claimStatus : ours.status,
        );
    }
    const { outcome } = this;
    if (postedNow > 0 || event.status === 'recorded') {
      outcome.posted += 1;
      outcome.heldAdjustments += plan.held.length;
      outcome.heldCents += plan.held.reduce((s, h) => s + h.adjustment.amountCents, 0);
    } else outcome.alreadyPosted += 1;
    if (event.status === 'rejected') await this.statusNotMoved(place, ours.claimId);
    // The denial is in the queue before the claim's workflow is told, so it finds the item to wait on.
    if (plan.held.length > 0 && event.status !== 'rejected') {
      await this.#raiseDenial(
        { header, remittanceId, claim, place },
        ours,
        plan.held.map((h) => h.adjustment),
      );
    }
    // A reversal of this adjudication that arrived first is applied before the workflow hears of it.
    const afterReversal = postedNow > 0 ? await this.#applyPendingReversal(header, claim.payerClaimControlNumber, ours, place) : undefined;
    if (event.status === 'recorded') await this.#file.onClaimStatus?.(ours.claimId, afterReversal ?? event.claimStatus);
    else if (event.status === 'already-recorded' && this.#file.onClaimStatus) {
      // A run that stopped (an outage) after recording the event may not have told the claim's workflow:
      // tell it the claim's status now. Resuming a wait is exactly-once, so a plain redelivery resumes nothing.
      const current = await this.#store.claims.get(ours.claimId);
      if (current) await this.#file.onClaimStatus(ours.claimId, current.claim.status);
    }
  }

  /**
   * For a clean claim (nothing held, no held reversal to apply) whose batch read its wait, when the run
   * can resume workflows itself: the write that takes the wait in the claim's transaction (or checks
   * that none came since the read), and the token to resume after it. Undefined: tell `onClaimStatus`.
   */
  #waitToTake(header: PaymentHeader, payerClaimControlNumber: string, claimId: string, held: number, status: ClaimStatus) {
    if (!this.#reads || !this.#file.resumeTask || held > 0) return undefined;
    if (!this.#reads.knowsNoHeldReversal(pendingReversalId(header.payerId, payerClaimControlNumber))) return undefined;
    const seen = this.#reads.takeWait(claimId);
    if (seen === undefined || (seen && !waitsEndedBy(status).includes(seen.waitingFor))) return undefined;
    return { write: this.#store.remittances.waitWrite(claimId, seen), taskToken: seen?.taskToken };
  }

  async #raiseDenial({ header, remittanceId, claim }: ClaimInPayment, ours: ClaimHeader, held: readonly Adjustment[]): Promise<void> {
    if (!this.#profiles.has(header.payerId))
      this.#profiles.set(header.payerId, await this.#store.reference.getPayerProfile(header.payerId));
    const remarks = [...claim.remarks, ...claim.lines.flatMap((l) => l.remarks)];
    const item = denialWorkItem(
      {
        claimId: ours.claimId,
        payerId: header.payerId,
        remittanceId,
        payerClaimControlNumber: claim.payerClaimControlNumber,
        remitDate: header.paymentDate,
        held,
        remarks,
        raisedBy: this.#raisedBy(),
      },
      this.#profiles.get(header.payerId) ?? null,
    );
    await openWorkItem(this.#store, { ...item, details: { ...item.details, ...this.#fileDetails() } }, this.#now());
  }

  /** A claim that matches none of ours (for this payer): counted with its money, listed for attention. */
  async unmatched(place: ClaimPlace): Promise<void> {
    this.outcome.unmatched += 1;
    this.outcome.unmatchedPaidCents += place.paidCents;
    await this.#attention('unmatched', place);
  }

  /** A claim left off the ledger, and why. */
  async notPosted(place: ClaimPlace, reason: AttentionReason, claimId?: string): Promise<void> {
    this.outcome.notPosted += 1;
    await this.#attention(reason, place, claimId);
  }

  /** A claim whose status the adjudication could not move. */
  async statusNotMoved(place: ClaimPlace, claimId: string): Promise<void> {
    this.outcome.statusNotMoved += 1;
    await this.#attention('status-not-moved', place, claimId);
  }

  /** Lists the claim in the outcome and raises a work item for it, so it is in a queue a person sees. */
  async #attention(
    reason: AttentionReason,
    place: ClaimPlace,
    claimId?: string,
    raise: { workItemId?: string; details?: Record<string, string | number> } = {},
  ): Promise<void> {
    const header = this.#header;
    if (header) {
      const remittanceId = remittanceIdFor(header.payerId, header.traceNumber);
      await openWorkItem(
        this.#store,
        {
          workItemId: raise.workItemId ?? stableId('RMT', remittanceId, place.transactionSet, String(place.claimIndex), reason),
          queue: queueOf[reason],
          kind: reason,
          ...(claimId ? { claimId } : {}),
          payerId: header.payerId,
          amountCents: place.paidCents,
          summary: `${attentionText[reason]} (transaction set ${place.transactionSet}, claim ${place.claimIndex + 1} in it)`,
          details: {
            remittanceId,
            traceNumber: header.traceNumber,
            transactionSet: place.transactionSet,
            claimIndex: place.claimIndex,
            ...this.#fileDetails(),
            ...raise.details,
          },
          actions: ['dismiss'],
          raisedBy: this.#raisedBy(),
        },
        this.#now(),
      );
    }
    const item: AttentionItem = {
      reason,
      transactionSet: place.transactionSet,
      claimIndex: place.claimIndex,
      ...(claimId ? { claimId } : {}),
      paidCents: place.paidCents,
    };
    this.outcome.attentionTotal += 1;
    if (this.outcome.attention.length < MAX_ATTENTION) this.outcome.attention.push(item);
  }

  #raisedBy(): string {
    return this.#file.raisedBy ?? 'PostRemittance';
  }

  #now(): Date {
    return this.#file.now?.() ?? new Date();
  }

  #fileDetails(): Record<string, string> {
    return this.#file.fileKey ? { fileKey: this.#file.fileKey.slice(0, 200) } : {};
  }

  async #coveragesOf(patientId: string): Promise<readonly Coverage[]> {
    let found = this.#coverages.get(patientId) ?? this.#reads?.coveragesOf(patientId);
    if (!found) {
      found = (await this.#store.patients.getPatientRecord(patientId))?.coverages ?? [];
      if (this.#coverages.size > COVERAGE_CACHE_SIZE) this.#coverages.clear();
      this.#coverages.set(patientId, found);
    }
    return found;
  }
}

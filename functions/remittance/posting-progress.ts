/**
 * How far the posting of an 835 file got, read back from the store, never from the memory of the run
 * that stopped (a Lambda killed by a timeout, or one whose store calls failed past every retry, leaves
 * nothing else behind). The file is read again, claim by claim in constant memory, and each claim is
 * looked up by the idempotency records posting leaves: its postings (keyed by payer, TRN02 and CLP07)
 * and its `adjudicated` event (id from the payment and CLP07; the last thing posting writes for a claim).
 *
 * Counts and cents only: no PHI, no claim ids (the work item says how much, the file says which).
 */
import { remittanceClaimOf, RemittanceClaimError } from '#functions/payers/exchange/index.ts';
import type { Store } from '#functions/store/index.ts';
import type { RemittanceClaim } from '#schemas/remittance.ts';
import { X12Error } from '#functions/x12/index.ts';
import { eventsOf } from './post-remittance-file.ts';
import { isHeaderProblem, paymentHeader, type PaymentHeader } from './payment-header.ts';
import { claimEventIdFor, remittanceIdFor } from './remittance-ids.ts';

/** What of a file is on the books. */
export interface PostingProgress {
  /** 835 transaction sets (payments) read. */
  transactionSets: number;
  /** ΣBPR02 of those payments. */
  totalPaymentCents: number;
  claims: number;
  /** Claims whose adjudication (or CLP02 22 reversal) is recorded: posting of them is complete. */
  claimsPosted: number;
  /** Claims with some postings from this payment but no recorded adjudication: posting stopped inside them. */
  claimsPartlyPosted: number;
  /** Claims with nothing on the books from this payment (not reached, or left for a queue: unmatched, imbalanced...). */
  claimsNotPosted: number;
  /** The payer's payments on our ledgers from this file's payments (insurance-payment entries), as the store holds them. */
  postedCents: number;
  /** ΣCLP04 of the claims not completely posted (partly or not at all). */
  notPostedPaidCents: number;
}

/** The progress before anything is read. */
export const noProgress = (): PostingProgress => ({
  transactionSets: 0,
  totalPaymentCents: 0,
  claims: 0,
  claimsPosted: 0,
  claimsPartlyPosted: 0,
  claimsNotPosted: 0,
  postedCents: 0,
  notPostedPaidCents: 0,
});

/** Cents the payer paid in these postings: insurance-payment entries are negative on the payer's side. */
const paymentCentsOf = (entries: readonly { kind: string; splits: readonly { amountCents: number }[] }[]): number =>
  0 - entries.filter((e) => e.kind === 'insurance-payment').reduce((sum, e) => sum + e.splits.reduce((s, x) => s + x.amountCents, 0), 0);

/** Whether one of the payer's claims of this patient control number holds the claim's event from this payment. */
async function eventRecorded(store: Store, header: PaymentHeader, claim: RemittanceClaim): Promise<boolean> {
  const remittanceId = remittanceIdFor(header.payerId, header.traceNumber);
  const eventId = claimEventIdFor(remittanceId, claim.payerClaimControlNumber, claim.statusCode === '22' ? 'rev' : 'adj');
  const candidates = (await store.claims.findByPatientControlNumber(claim.patientControlNumber)).filter(
    (c) => c.payerId === header.payerId,
  );
  for (const candidate of candidates) {
    const record = await store.claims.get(candidate.claimId);
    if (record?.timeline.some((e) => e.eventId === eventId)) return true;
  }
  return false;
}

/**
 * Reads the file again and counts, from the store, which of its claims are posted. A file the engine
 * cannot read through (it was checked whole before posting began, so this is rare) is counted as far
 * as it reads. Store and S3 errors propagate for the caller to retry.
 */
export async function postingProgress(store: Store, source: Uint8Array | AsyncIterable<Uint8Array>): Promise<PostingProgress> {
  const progress = noProgress();
  let header: PaymentHeader | undefined;
  // Postings of one CLP07 in one payment are counted once, however many CLPs of the file name it.
  const counted = new Set<string>();
  try {
    for await (const event of eventsOf(source)) {
      if (event.type === 'header') {
        const read = paymentHeader(event);
        header = isHeaderProblem(read) ? undefined : read;
        if (header) {
          progress.transactionSets += 1;
          progress.totalPaymentCents += header.totalPaymentCents;
        }
        continue;
      }
      if (event.type === 'trailer') header = undefined;
      if (event.type !== 'claim' || !header) continue;
      progress.claims += 1;
      const paidCents = typeof event.claim.paymentCents === 'number' ? event.claim.paymentCents : 0;
      let claim: RemittanceClaim;
      try {
        claim = remittanceClaimOf(event.claim);
      } catch (error) {
        if (!(error instanceof RemittanceClaimError)) throw error;
        progress.claimsNotPosted += 1;
        progress.notPostedPaidCents += paidCents;
        continue;
      }
      const key = `${header.traceNumber}\u0000${claim.payerClaimControlNumber}`;
      const postings = counted.has(key)
        ? []
        : (await store.ledger.listRemittancePostings(header.payerId, claim.payerClaimControlNumber)).filter(
            (p) => p.remittance?.traceNumber === header!.traceNumber,
          );
      counted.add(key);
      progress.postedCents += paymentCentsOf(postings.flatMap((p) => p.entries));
      if (await eventRecorded(store, header, claim)) progress.claimsPosted += 1;
      else {
        if (postings.length > 0) progress.claimsPartlyPosted += 1;
        else progress.claimsNotPosted += 1;
        progress.notPostedPaidCents += paidCents;
      }
    }
  } catch (error) {
    // Only the engine giving up on the bytes ends the count early; anything else (the store, S3) is retried.
    if (!(error instanceof X12Error)) throw error;
  }
  return progress;
}

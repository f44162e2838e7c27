/** Reads the earlier payer's adjudication of a claim from the store: its latest `adjudicated` event, the payment and its postings. */
import { ClaimNotReadyError, RecordNotFoundError } from '#functions/errors/index.ts';
import type { ClaimRecord, Store } from '#functions/store/index.ts';
import type { ClaimEvent } from '#schemas/claim-event.ts';
import type { Claim } from '#schemas/claim.ts';
import { latestAdjudication, priorRemittanceFromPostings, type PriorRemittanceRead } from './prior-adjudication.ts';

export interface PriorAdjudicationRecord {
  /** The claim the earlier payer adjudicated. */
  readonly claim: Claim;
  readonly event: Extract<ClaimEvent, { type: 'adjudicated' }>;
  /** BPR16 of the payment (the remit date), or the adjudication's own date when the payment is not on file. */
  readonly paymentDate: string;
  /** TRN02 of the payment, when on file. */
  readonly traceNumber?: string;
}

/** The claim's latest adjudication with its payment date; a claim never adjudicated is not ready. */
export async function loadAdjudication(store: Store, claimId: string): Promise<PriorAdjudicationRecord> {
  const record = await store.claims.get(claimId);
  if (!record) throw new RecordNotFoundError('claim', 'claimId');
  return adjudicationOf(store, record);
}

/** The same, for a claim record the caller has already read. */
export async function adjudicationOf(store: Store, record: ClaimRecord): Promise<PriorAdjudicationRecord> {
  const event = latestAdjudication(record.timeline);
  if (!event) throw new ClaimNotReadyError('claimId', 'has no adjudication from its payer');
  const payment = await store.remittances.get(event.remittanceId);
  return {
    claim: record.claim,
    event,
    paymentDate: payment?.paymentDate ?? event.at.slice(0, 10),
    ...(payment ? { traceNumber: payment.traceNumber } : {}),
  };
}

/** What the earlier payer's 835 said of the claim, rebuilt from the postings of that payment. */
export async function loadPriorRemittance(store: Store, prior: PriorAdjudicationRecord): Promise<PriorRemittanceRead> {
  const postings = (await store.ledger.listRemittancePostings(prior.claim.payerId, prior.event.payerClaimControlNumber)).filter(
    (p) => prior.traceNumber === undefined || p.remittance?.traceNumber === prior.traceNumber,
  );
  return priorRemittanceFromPostings(prior.claim, postings);
}

/**
 * Remittance reconciliation summary: per 835 payment received on or before the as-of date, BPR02
 * (the money that reached the bank) against ΣCLP04 (paid per claim) and ΣPLB (provider-level
 * adjustments, positive when the payer withholds): balanced when BPR02 = ΣCLP04 − ΣPLB, as the
 * 835 guide's balancing rule says, and the posting raised no imbalance for the payment.
 *
 * The store keeps each payment's header (BPR02, TRN02, PLB), not its claims; a claim's CLP04 is in
 * its `adjudicated` event (posted claims, reversals included, by remittance id) or, for a claim the
 * posting could not post, in the work item it raised for a person (unmatched-remittances or
 * failed-postings, with the remittance id and the claim's CLP04 as its amount). A payment whose
 * claims do not add up is raised as a `payment-imbalanced` failed posting. The posting also writes
 * one reconciliation report per file under `reconciliation/` in the Reports bucket; this is the
 * roll-up across files, from the store.
 */
import { onOrBefore, type ReportBook } from './book.ts';

export interface RemittanceRow {
  readonly remittanceId: string;
  readonly payerId: string;
  readonly traceNumber: string;
  readonly paymentDate: string;
  readonly paymentMethod: string;
  readonly totalPaymentCents: number;
  readonly claimPaidCents: number;
  readonly providerAdjustmentCents: number;
  readonly balanced: boolean;
  readonly claims: number;
  /** Claims posted to one of ours (their `adjudicated` events). */
  readonly postedClaims: number;
  /** Claims left for a person (unmatched, ambiguous, failed). */
  readonly notPostedClaims: number;
  readonly notPostedPaidCents: number;
}

export interface ReconciliationReport {
  readonly remittances: readonly RemittanceRow[];
  readonly totals: Omit<RemittanceRow, 'remittanceId' | 'payerId' | 'traceNumber' | 'paymentDate' | 'paymentMethod'> & {
    readonly unbalancedRemittances: number;
  };
}

/** The kind of the failed posting a payment that does not add up raises. */
const IMBALANCED_PAYMENT = 'payment-imbalanced';

/** The reconciliation roll-up of a book's remittances, oldest payment first. */
export function reconciliationReport(book: ReportBook): ReconciliationReport {
  const posted = new Map<string, { claims: number; cents: number }>();
  for (const e of book.events) {
    if (e.type !== 'adjudicated' || !onOrBefore(e.at, book.asOf)) continue;
    const p = posted.get(e.remittanceId) ?? { claims: 0, cents: 0 };
    posted.set(e.remittanceId, { claims: p.claims + 1, cents: p.cents + e.paidCents });
  }
  const notPosted = new Map<string, { claims: number; cents: number }>();
  const imbalanced = new Set<string>();
  for (const w of book.workItems) {
    const remittanceId = w.details.remittanceId;
    if (typeof remittanceId !== 'string' || !onOrBefore(w.createdAt, book.asOf)) continue;
    if (w.queue === 'failed-postings' && w.kind === IMBALANCED_PAYMENT) imbalanced.add(remittanceId);
    else if (w.queue === 'unmatched-remittances' || w.queue === 'failed-postings') {
      const n = notPosted.get(remittanceId) ?? { claims: 0, cents: 0 };
      notPosted.set(remittanceId, { claims: n.claims + 1, cents: n.cents + w.amountCents });
    }
  }
  const rows: RemittanceRow[] = book.remittances
    .filter((r) => onOrBefore(r.receivedAt, book.asOf))
    .map((r) => {
      const p = posted.get(r.remittanceId) ?? { claims: 0, cents: 0 };
      const n = notPosted.get(r.remittanceId) ?? { claims: 0, cents: 0 };
      const claimPaidCents = p.cents + n.cents;
      const providerAdjustmentCents = r.providerAdjustments.reduce((s, a) => s + a.amountCents, 0);
      return {
        remittanceId: r.remittanceId,
        payerId: r.payerId,
        traceNumber: r.traceNumber,
        paymentDate: r.paymentDate,
        paymentMethod: r.paymentMethod,
        totalPaymentCents: r.totalPaymentCents,
        claimPaidCents,
        providerAdjustmentCents,
        balanced: r.totalPaymentCents === claimPaidCents - providerAdjustmentCents && !imbalanced.has(r.remittanceId),
        claims: p.claims + n.claims,
        postedClaims: p.claims,
        notPostedClaims: n.claims,
        notPostedPaidCents: n.cents,
      };
    })
    .sort((a, b) => (a.paymentDate < b.paymentDate ? -1 : a.paymentDate > b.paymentDate ? 1 : a.traceNumber < b.traceNumber ? -1 : 1));
  const add = (f: (r: RemittanceRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  return {
    remittances: rows,
    totals: {
      totalPaymentCents: add((r) => r.totalPaymentCents),
      claimPaidCents: add((r) => r.claimPaidCents),
      providerAdjustmentCents: add((r) => r.providerAdjustmentCents),
      balanced: rows.every((r) => r.balanced),
      claims: add((r) => r.claims),
      postedClaims: add((r) => r.postedClaims),
      notPostedClaims: add((r) => r.notPostedClaims),
      notPostedPaidCents: add((r) => r.notPostedPaidCents),
      unbalancedRemittances: rows.filter((r) => !r.balanced).length,
    },
  };
}

/**
 * Remittance reconciliation summary: per 835 payment received on or before the as-of date, BPR02
 * (the money that reached the bank) against ΣCLP04 (paid per claim) and ΣPLB (provider-level
 * adjustments, positive when the payer withholds): balanced when BPR02 = ΣCLP04 − ΣPLB, as the
 * 835 guide's balancing rule says. "Posted" claims are those whose CLP01 names a claim in the book;
 * the others are unmatched (they wait in the unmatched-remittances queue). The posting also writes
 * one reconciliation report per file under `reconciliation/` in the Reports bucket; this is the
 * roll-up across files.
 */
import type { ReportBook } from './book.ts';
import { onOrBefore } from './book.ts';

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
  readonly postedClaims: number;
  readonly unmatchedClaims: number;
  readonly unmatchedPaidCents: number;
}

export interface ReconciliationReport {
  readonly remittances: readonly RemittanceRow[];
  readonly totals: Omit<RemittanceRow, 'remittanceId' | 'payerId' | 'traceNumber' | 'paymentDate' | 'paymentMethod'> & {
    readonly unbalancedRemittances: number;
  };
}

/** The reconciliation roll-up of a book's remittances, oldest payment first. */
export function reconciliationReport(book: ReportBook): ReconciliationReport {
  const known = new Set(book.claims.map((c) => c.patientControlNumber));
  const rows: RemittanceRow[] = book.remittances
    .filter((r) => onOrBefore(r.receivedAt, book.asOf))
    .map((r) => {
      const claimPaidCents = r.claims.reduce((s, c) => s + c.paidCents, 0);
      const providerAdjustmentCents = r.providerAdjustments.reduce((s, p) => s + p.amountCents, 0);
      const unmatched = r.claims.filter((c) => !known.has(c.patientControlNumber));
      return {
        remittanceId: r.remittanceId,
        payerId: r.payerId,
        traceNumber: r.traceNumber,
        paymentDate: r.paymentDate,
        paymentMethod: r.paymentMethod,
        totalPaymentCents: r.totalPaymentCents,
        claimPaidCents,
        providerAdjustmentCents,
        balanced: r.totalPaymentCents === claimPaidCents - providerAdjustmentCents,
        claims: r.claims.length,
        postedClaims: r.claims.length - unmatched.length,
        unmatchedClaims: unmatched.length,
        unmatchedPaidCents: unmatched.reduce((s, c) => s + c.paidCents, 0),
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
      unmatchedClaims: add((r) => r.unmatchedClaims),
      unmatchedPaidCents: add((r) => r.unmatchedPaidCents),
      unbalancedRemittances: rows.filter((r) => !r.balanced).length,
    },
  };
}

/**
 * Collections: how fast and how completely the book turns into cash. A reversal counts as the kind
 * of the entry it reverses (a reversed payment lowers payments), so the figures follow the ledger.
 *
 * - Days in A/R (HFMA MAP Key "Days in Net A/R"): net A/R at the as-of date (see aging: the ledger
 *   balance, already net of the contractual adjustments posted) over the average daily net patient
 *   service revenue of the trailing 90 days (charges less contractual adjustments posted in the 90
 *   days ending on the as-of date, divided by 90).
 * - Net collection rate (HFMA MAP Key "Cash Collection as a Percentage of Net Patient Service
 *   Revenue", on the book to date): payments received (insurance and patient, less refunds) over net
 *   patient service revenue (charges less contractual adjustments), every entry posted on or before
 *   the as-of date.
 */
import type { LedgerEntry, LedgerEntryKind } from '#schemas/ledger-entry.ts';
import { daysBefore, onOrBefore, type ReportBook } from './book.ts';
import { ratio, type Ratio } from './ratio.ts';

export interface CollectionTotals {
  readonly chargesCents: number;
  /** Positive: what contracts took off the charges. */
  readonly contractualCents: number;
  readonly netRevenueCents: number;
  readonly insurancePaymentsCents: number;
  readonly patientPaymentsCents: number;
  readonly refundsCents: number;
  /** Payments less refunds. */
  readonly netPaymentsCents: number;
  /** Positive: write-offs and other adjustments. */
  readonly writeOffCents: number;
}

export interface CollectionReport {
  readonly toDate: CollectionTotals;
  readonly trailing90Days: CollectionTotals;
  readonly openArCents: number;
  /** Days in A/R as a ratio: open A/R × 90 over trailing-90-day net revenue. */
  readonly daysInAr: Ratio;
  readonly netCollectionRate: Ratio;
}

/** The window the days-in-A/R average covers. */
export const DAYS_IN_AR_WINDOW = 90;

const sum = (entry: LedgerEntry): number => entry.splits.reduce((s, x) => s + x.amountCents, 0);

/** Totals of entries by effective kind (a reversal takes the kind it reverses). */
function totals(entries: readonly LedgerEntry[], kindOf: (e: LedgerEntry) => LedgerEntryKind): CollectionTotals {
  const by = new Map<LedgerEntryKind, number>();
  for (const e of entries) by.set(kindOf(e), (by.get(kindOf(e)) ?? 0) + sum(e));
  const get = (k: LedgerEntryKind) => by.get(k) ?? 0;
  // 0 - x, not -x: a nothing stays 0, never -0.
  const minus = (x: number) => 0 - x;
  const chargesCents = get('charge');
  const contractualCents = minus(get('contractual-adjustment'));
  const insurancePaymentsCents = minus(get('insurance-payment'));
  const patientPaymentsCents = minus(get('patient-payment'));
  const refundsCents = get('refund');
  return {
    chargesCents,
    contractualCents,
    netRevenueCents: chargesCents - contractualCents,
    insurancePaymentsCents,
    patientPaymentsCents,
    refundsCents,
    netPaymentsCents: insurancePaymentsCents + patientPaymentsCents - refundsCents,
    writeOffCents: minus(get('write-off') + get('other-adjustment')),
  };
}

/** Collection figures of a book. */
export function collectionReport(book: ReportBook): CollectionReport {
  const kinds = new Map(book.ledgerEntries.map((e) => [e.entryId, e.kind]));
  const kindOf = (e: LedgerEntry): LedgerEntryKind =>
    e.kind === 'reversal' && e.reversesEntryId ? (kinds.get(e.reversesEntryId) ?? 'reversal') : e.kind;
  const posted = book.ledgerEntries.filter((e) => onOrBefore(e.postedAt, book.asOf));
  const windowStart = daysBefore(book.asOf, DAYS_IN_AR_WINDOW);
  const recent = posted.filter((e) => e.postedAt.slice(0, 10) > windowStart);
  const toDate = totals(posted, kindOf);
  const trailing90Days = totals(recent, kindOf);
  const openArCents = posted.reduce((s, e) => s + sum(e), 0);
  return {
    toDate,
    trailing90Days,
    openArCents,
    daysInAr: ratio(openArCents * DAYS_IN_AR_WINDOW, trailing90Days.netRevenueCents),
    netCollectionRate: ratio(toDate.netPaymentsCents, toDate.netRevenueCents),
  };
}

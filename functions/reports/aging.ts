/**
 * A/R aging: what is still owed at the as-of date, by how long ago the patient was discharged.
 *
 * Definition (HFMA MAP Keys, "Aged A/R as a Percentage of Total Billed A/R", AR-4/AR-5 family):
 * receivables are aged from the discharge date (see `dischargeDate`: the 837I statement-through
 * date, or the last date of service), not from the posting of each entry, into 0–30, 31–60, 61–90,
 * 91–120 and over 120 days. The amount of a claim is the sum of its ledger splits posted on or before
 * the as-of date, per responsibility (charges less payments and adjustments): so the buckets add up
 * to the open A/R to the cent, credit balances included (they lower their bucket). By payer, an
 * insurer's share counts against the payer of the claim it sits on (a secondary balance moves to
 * the secondary claim), the patient's share against "patient". An entry with no claim is aged from
 * its own posting date and listed under "no claim".
 */
import type { Claim } from '#schemas/claim.ts';
import type { Responsibility } from '#schemas/common.ts';
import { daysBetween, dischargeDate, onOrBefore, type ReportBook } from './book.ts';

export const agingBuckets = [
  { key: '0-30', label: '0–30 days', maxDays: 30 },
  { key: '31-60', label: '31–60 days', maxDays: 60 },
  { key: '61-90', label: '61–90 days', maxDays: 90 },
  { key: '91-120', label: '91–120 days', maxDays: 120 },
  { key: 'over-120', label: 'Over 120 days', maxDays: Number.POSITIVE_INFINITY },
] as const;

/** The bucket index (0..4) of an age in days; a discharge after the as-of date counts as current. */
export function bucketOf(ageDays: number): number {
  return agingBuckets.findIndex((b) => ageDays <= b.maxDays);
}

export interface AgingRow {
  /** Payer id, responsibility, "patient", "no claim" or "total". */
  readonly key: string;
  /** Cents per bucket, in `agingBuckets` order. */
  readonly bucketCents: readonly number[];
  readonly totalCents: number;
  /** Claims with a non-zero balance in this row. */
  readonly claims: number;
}

export interface ArAging {
  readonly byPayer: readonly AgingRow[];
  readonly byResponsibility: readonly AgingRow[];
  readonly total: AgingRow;
  /** Σ of every ledger split posted on or before the as-of date. */
  readonly openArCents: number;
}

const NO_CLAIM = 'no claim';

class RowBuilder {
  readonly cents = new Map<string, number[]>();
  readonly claims = new Map<string, Map<string, number>>();
  add(key: string, bucket: number, amountCents: number, claimId: string): void {
    const row = this.cents.get(key) ?? [0, 0, 0, 0, 0];
    row[bucket]! += amountCents;
    this.cents.set(key, row);
    const perClaim = this.claims.get(key) ?? new Map<string, number>();
    perClaim.set(claimId, (perClaim.get(claimId) ?? 0) + amountCents);
    this.claims.set(key, perClaim);
  }
  rows(order: (a: string, b: string) => number): AgingRow[] {
    return [...this.cents.entries()]
      .filter(([, cents]) => cents.some((c) => c !== 0))
      .sort(([a], [b]) => order(a, b))
      .map(([key, bucketCents]) => ({
        key,
        bucketCents,
        totalCents: bucketCents.reduce((s, c) => s + c, 0),
        claims: [...(this.claims.get(key)?.values() ?? [])].filter((c) => c !== 0).length,
      }));
  }
}

const responsibilityOrder: readonly Responsibility[] = ['primary', 'secondary', 'tertiary', 'patient'];

/** A/R aging at the book's as-of date, by payer and by responsibility. */
export function arAging(book: ReportBook): ArAging {
  const claims = new Map<string, Claim>(book.claims.map((c) => [c.claimId, c]));
  const byPayer = new RowBuilder();
  const byResponsibility = new RowBuilder();
  const total = new RowBuilder();
  for (const entry of book.ledgerEntries) {
    if (!onOrBefore(entry.postedAt, book.asOf)) continue;
    const claim = entry.claimId ? claims.get(entry.claimId) : undefined;
    const agedFrom = claim ? dischargeDate(claim) : entry.postedAt;
    const bucket = bucketOf(daysBetween(agedFrom, book.asOf));
    const claimKey = entry.claimId ?? `${NO_CLAIM}:${entry.accountId}`;
    for (const split of entry.splits) {
      const payer = split.responsibility === 'patient' ? 'patient' : (claim?.payerId ?? NO_CLAIM);
      byPayer.add(payer, bucket, split.amountCents, claimKey);
      byResponsibility.add(split.responsibility, bucket, split.amountCents, claimKey);
      total.add('total', bucket, split.amountCents, claimKey);
    }
  }
  const payerOrder = (a: string, b: string) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
  const rank = (key: string) => (key === 'patient' ? 1 : key === NO_CLAIM ? 2 : 0);
  const totalRow = total.rows(() => 0)[0] ?? { key: 'total', bucketCents: [0, 0, 0, 0, 0], totalCents: 0, claims: 0 };
  return {
    byPayer: byPayer.rows(payerOrder),
    byResponsibility: byResponsibility.rows(
      (a, b) => responsibilityOrder.indexOf(a as Responsibility) - responsibilityOrder.indexOf(b as Responsibility),
    ),
    total: totalRow,
    openArCents: totalRow.totalCents,
  };
}

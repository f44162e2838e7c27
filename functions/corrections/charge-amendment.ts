/**
 * The ledger's charge follows the claim's: when an amendment changes a claim's total charge, the
 * difference is posted on the claim as a charge adjustment (an `other-adjustment`, reason AMEND-CHG)
 * to the party the charge was billed to. Pure.
 *
 * The difference is measured against the ledger, not carried from the amendment: what the claim's
 * charge entries and earlier charge adjustments (less any reversal of them) add up to, against the
 * claim's total now. The posting is keyed by the claim and the number of charge adjustments it already
 * has (the n-th change of its charge), so a retried AmendClaim posts once (it finds the ledger agreeing,
 * or posts the same key), a crash between the claim's write and the ledger's is made whole by the
 * retry, and two amendments racing read the same n and post once between them (the loser reads again).
 */
import { makePosting } from '#functions/accounts/postings.ts';
import type { Claim } from '#schemas/claim.ts';
import type { LedgerEntry, Posting } from '#schemas/ledger-entry.ts';

/** The posting key prefix of charge adjustments made by amendments. */
export const CHARGE_AMENDMENT = 'charge-amendment';

/** The reason code the adjustment entries carry. */
export const CHARGE_AMENDMENT_REASON = 'AMEND-CHG';

const isChargeAdjustment = (e: LedgerEntry): boolean => e.postingKey.startsWith(`${CHARGE_AMENDMENT}|`);

/** What the ledger holds as the claim's charge: its charge entries and charge adjustments, less reversals of them. */
export function ledgerChargeOf(
  entries: readonly LedgerEntry[],
  claimId: string,
): { cents: number; billedTo?: LedgerEntry['splits'][number]['responsibility'] } {
  const charges = entries.filter((e) => e.claimId === claimId && (e.kind === 'charge' || isChargeAdjustment(e)));
  const ids = new Set(charges.map((e) => e.entryId));
  const reversals = entries.filter((e) => e.kind === 'reversal' && e.reversesEntryId !== undefined && ids.has(e.reversesEntryId));
  const cents = [...charges, ...reversals].flatMap((e) => e.splits).reduce((sum, s) => sum + s.amountCents, 0);
  const billedTo = charges.find((e) => e.kind === 'charge')?.splits[0]?.responsibility;
  return billedTo ? { cents, billedTo } : { cents };
}

/**
 * The posting that brings the ledger's charge for the claim to the claim's total, keyed by the claim's
 * n-th charge change; null when they agree, or when the claim's charge was never posted (nothing to follow).
 * `amendmentEventId` (the amendment that made the total) goes in the memo, for the audit trail.
 */
export function chargeAmendmentPosting(
  entries: readonly LedgerEntry[],
  claim: Pick<Claim, 'claimId' | 'accountId' | 'totalChargeCents'>,
  postedAt: string,
  amendmentEventId?: string,
): Posting | null {
  const charged = ledgerChargeOf(entries, claim.claimId);
  if (!charged.billedTo) return null;
  const difference = claim.totalChargeCents - charged.cents;
  if (difference === 0) return null;
  const n = new Set(entries.filter((e) => e.claimId === claim.claimId && isChargeAdjustment(e)).map((e) => e.postingKey)).size;
  return makePosting(claim.accountId, `${CHARGE_AMENDMENT}|${encodeURIComponent(claim.claimId)}|${n + 1}`, postedAt, [
    {
      kind: 'other-adjustment',
      claimId: claim.claimId,
      reasonCode: CHARGE_AMENDMENT_REASON,
      memo: `claim charge amended${amendmentEventId ? ` (${amendmentEventId})` : ''}`.slice(0, 200),
      splits: [{ responsibility: charged.billedTo, amountCents: difference }],
    },
  ]);
}

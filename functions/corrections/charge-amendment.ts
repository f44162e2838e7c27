/**
 * The ledger's charge follows the claim's: when an amendment changes a claim's total charge, the
 * difference is posted on the claim as a charge adjustment, to the party the charge was billed to,
 * keyed by the amendment (its claim event), so a retried AmendClaim posts it once. Pure.
 *
 * The difference is measured against the ledger, not against the amendment: what the claim's charge
 * entries (and earlier charge adjustments, less any reversal of them) add up to, compared with the
 * claim's total now. So an amendment whose posting was lost (a crash between the claim's write and
 * the ledger's) is made whole by the retry, and a retry after success finds nothing left to post.
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
 * The posting that brings the ledger's charge for the claim to the claim's total, keyed by the
 * amendment event; null when they agree, or when the claim's charge was never posted (nothing to follow).
 */
export function chargeAmendmentPosting(
  entries: readonly LedgerEntry[],
  claim: Pick<Claim, 'claimId' | 'accountId' | 'totalChargeCents'>,
  amendmentEventId: string,
  postedAt: string,
): Posting | null {
  const charged = ledgerChargeOf(entries, claim.claimId);
  if (!charged.billedTo) return null;
  const difference = claim.totalChargeCents - charged.cents;
  if (difference === 0) return null;
  return makePosting(claim.accountId, `${CHARGE_AMENDMENT}|${encodeURIComponent(amendmentEventId)}`, postedAt, [
    {
      kind: 'other-adjustment',
      claimId: claim.claimId,
      reasonCode: CHARGE_AMENDMENT_REASON,
      memo: 'claim charge amended',
      splits: [{ responsibility: charged.billedTo, amountCents: difference }],
    },
  ]);
}

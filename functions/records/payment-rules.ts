/**
 * The rules of patient payments and refunds, over an account's ledger entries (pure): each paymentId
 * posts once (as a payment or as a refund, never both), a refund never gives back more than the
 * patient paid and was not yet refunded (on the account, and on the claim when one is named), and
 * every amount is integer cents.
 */
import { balancesByClaim, balancesOf, zeroBalances } from '#functions/accounts/balances.ts';
import { patientPaymentPosting, refundPosting } from '#functions/accounts/clerk-postings.ts';
import type { AccountBalances, LedgerEntry, Posting } from '#schemas/ledger-entry.ts';

export interface PatientPaymentInput {
  readonly paymentId: string;
  readonly kind: 'payment' | 'refund';
  readonly method: 'card' | 'cash' | 'check';
  readonly reference?: string | undefined;
  readonly amountCents: number;
  readonly claimId?: string | undefined;
}

export type PaymentDecision =
  | { readonly status: 'post'; readonly posting: Posting }
  | { readonly status: 'duplicate'; readonly postedAt: string }
  | { readonly status: 'conflict' }
  | { readonly status: 'refund-too-large'; readonly refundableCents: number };

/** The posting keys a paymentId may have used: as a payment, and as a refund (its own namespace among refunds). */
export function paymentPostingKeys(accountId: string, paymentId: string): { payment: string; refund: string } {
  const at = '1970-01-01T00:00:00Z';
  return {
    payment: patientPaymentPosting({ accountId, receiptId: paymentId, amountCents: 1, postedAt: at }).postingKey,
    refund: refundPosting({ accountId, refundId: refundIdOf(paymentId), to: 'patient', amountCents: 1, postedAt: at }).postingKey,
  };
}

const refundIdOf = (paymentId: string): string => `patient|${paymentId}`;

/**
 * What the patient paid and what was refunded to the patient, in cents, on the account or on one claim:
 * patient-payment entries, refunds to the patient, less reversals of either.
 */
export function patientPaymentTotals(entries: readonly LedgerEntry[], claimId?: string): { paidCents: number; refundedCents: number } {
  const kindOf = new Map(entries.map((e) => [e.entryId, e.kind]));
  let paidCents = 0;
  let refundedCents = 0;
  for (const entry of entries) {
    if (claimId !== undefined && entry.claimId !== claimId) continue;
    const patientCents = entry.splits.filter((s) => s.responsibility === 'patient').reduce((sum, s) => sum + s.amountCents, 0);
    const kind = entry.kind === 'reversal' && entry.reversesEntryId ? kindOf.get(entry.reversesEntryId) : entry.kind;
    if (kind === 'patient-payment') paidCents -= patientCents;
    else if (kind === 'refund') refundedCents += patientCents;
  }
  return { paidCents, refundedCents };
}

/** Decides what a payment request does to a ledger holding `entries`; see the module comment. */
export function decidePatientPayment(
  accountId: string,
  entries: readonly LedgerEntry[],
  input: PatientPaymentInput,
  postedAt: string,
): PaymentDecision {
  const keys = paymentPostingKeys(accountId, input.paymentId);
  const ownKey = input.kind === 'payment' ? keys.payment : keys.refund;
  const earlier = entries.filter((e) => e.postingKey === keys.payment || e.postingKey === keys.refund);
  if (earlier.length > 0) {
    const same =
      earlier.every((e) => e.postingKey === ownKey && e.claimId === input.claimId) &&
      Math.abs(earlier.reduce((sum, e) => sum + e.splits.reduce((s, x) => s + x.amountCents, 0), 0)) === input.amountCents;
    return same ? { status: 'duplicate', postedAt: earlier[0]!.postedAt } : { status: 'conflict' };
  }
  if (input.kind === 'refund') {
    // A refund on a claim is within what was paid on the claim and on the whole account (an
    // account-level refund may already have given back what was paid on the claim).
    const refundable = (claimId?: string) => {
      const { paidCents, refundedCents } = patientPaymentTotals(entries, claimId);
      return Math.max(0, paidCents - refundedCents);
    };
    const refundableCents = input.claimId === undefined ? refundable() : Math.min(refundable(), refundable(input.claimId));
    if (input.amountCents > refundableCents) return { status: 'refund-too-large', refundableCents };
  }
  const memo = `${input.method}${input.reference ? ` ${input.reference}` : ''}`.slice(0, 200);
  const claim = input.claimId ? { claimId: input.claimId } : {};
  const posting =
    input.kind === 'payment'
      ? patientPaymentPosting({ accountId, receiptId: input.paymentId, amountCents: input.amountCents, postedAt, ...claim })
      : refundPosting({
          accountId,
          refundId: refundIdOf(input.paymentId),
          to: 'patient',
          amountCents: input.amountCents,
          postedAt,
          ...claim,
        });
  return { status: 'post', posting: { ...posting, entries: posting.entries.map((e) => ({ ...e, memo })) } };
}

/** The account's balances and, when a claim is named, the claim's, from the entries. */
export function balancesAfter(
  entries: readonly LedgerEntry[],
  claimId?: string,
): { balances: AccountBalances; claimBalances?: AccountBalances } {
  const balances = balancesOf(entries);
  if (claimId === undefined) return { balances };
  return { balances, claimBalances: balancesByClaim(entries).get(claimId) ?? zeroBalances() };
}

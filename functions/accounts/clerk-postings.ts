/**
 * The postings a clerk makes by hand, each keyed by the document that justifies it (claim,
 * receipt, write-off decision, refund request), so a double click or a retried request posts once.
 */
import type { Responsibility } from '#schemas/common.ts';
import type { Posting } from '#schemas/ledger-entry.ts';
import { makePosting } from './postings.ts';

const key = (kind: string, id: string): string => `${kind}|${encodeURIComponent(id)}`;

/** The charges of a claim, to the party billed first (usually primary, or patient for self-pay). */
export function chargePosting(p: {
  accountId: string;
  claimId: string;
  amountCents: number;
  to: Responsibility;
  postedAt: string;
}): Posting {
  return makePosting(p.accountId, key('charge', p.claimId), p.postedAt, [
    { kind: 'charge', claimId: p.claimId, splits: [{ responsibility: p.to, amountCents: p.amountCents }] },
  ]);
}

/** A payment the patient made, identified by its receipt. */
export function patientPaymentPosting(p: {
  accountId: string;
  receiptId: string;
  amountCents: number;
  postedAt: string;
  claimId?: string;
}): Posting {
  return makePosting(p.accountId, key('patient-payment', p.receiptId), p.postedAt, [
    {
      kind: 'patient-payment',
      ...(p.claimId ? { claimId: p.claimId } : {}),
      splits: [{ responsibility: 'patient', amountCents: -p.amountCents }],
    },
  ]);
}

/** Moves a balance between parties (insurance → patient, primary → secondary) on a recorded decision. */
export function transferPosting(p: {
  accountId: string;
  decisionId: string;
  claimId: string;
  from: Responsibility;
  to: Responsibility;
  amountCents: number;
  postedAt: string;
  reasonCode?: string;
}): Posting {
  return makePosting(p.accountId, key('transfer', p.decisionId), p.postedAt, [
    {
      kind: 'transfer',
      claimId: p.claimId,
      ...(p.reasonCode ? { reasonCode: p.reasonCode } : {}),
      splits: [
        { responsibility: p.from, amountCents: -p.amountCents },
        { responsibility: p.to, amountCents: p.amountCents },
      ],
    },
  ]);
}

/** The key of the move onto a new claim: one per new claim, so a retried settlement moves once. */
export const claimMovePostingKey = (toClaimId: string): string => key('claim-move', toClaimId);

/**
 * Moves what later parties owe on one claim onto another claim of the same account, billed to the
 * next coverage (a primary claim's patient share onto the secondary claim that bills it). Each
 * claim's balance is its own entries, and a transfer nets to zero within one claim, so the move is
 * a pair of adjustments in one posting: `COB-OUT` lowers each source share on the first claim,
 * `COB-IN` raises the next coverage's share on the new claim by their sum. Account balances by
 * responsibility change only by the shares changing hands; no cent appears or disappears.
 */
export function claimMovePosting(p: {
  accountId: string;
  /** The new claim's id: one move per new claim. */
  toClaimId: string;
  fromClaimId: string;
  from: readonly { responsibility: Responsibility; amountCents: number }[];
  to: Responsibility;
  postedAt: string;
}): Posting {
  const moved = p.from.filter((f) => f.amountCents !== 0);
  const total = moved.reduce((sum, f) => sum + f.amountCents, 0);
  return makePosting(p.accountId, claimMovePostingKey(p.toClaimId), p.postedAt, [
    ...moved.map((f) => ({
      kind: 'other-adjustment' as const,
      claimId: p.fromClaimId,
      reasonCode: 'COB-OUT',
      memo: `moved to claim ${p.toClaimId}`,
      splits: [{ responsibility: f.responsibility, amountCents: -f.amountCents }],
    })),
    {
      kind: 'other-adjustment' as const,
      claimId: p.toClaimId,
      reasonCode: 'COB-IN',
      memo: `moved from claim ${p.fromClaimId}`,
      splits: [{ responsibility: p.to, amountCents: total }],
    },
  ]);
}

/** Writes off what a party owes (e.g. a lost appeal, a timely-filing denial, charity care). */
export function writeOffPosting(p: {
  accountId: string;
  decisionId: string;
  claimId: string;
  from: Responsibility;
  amountCents: number;
  postedAt: string;
  reasonCode?: string;
}): Posting {
  return makePosting(p.accountId, key('write-off', p.decisionId), p.postedAt, [
    {
      kind: 'write-off',
      claimId: p.claimId,
      ...(p.reasonCode ? { reasonCode: p.reasonCode } : {}),
      splits: [{ responsibility: p.from, amountCents: -p.amountCents }],
    },
  ]);
}

/** Returns money to a party that overpaid (a patient's credit balance or a payer's overpayment). */
export function refundPosting(p: {
  accountId: string;
  refundId: string;
  to: Responsibility;
  amountCents: number;
  postedAt: string;
  claimId?: string;
}): Posting {
  return makePosting(p.accountId, key('refund', p.refundId), p.postedAt, [
    { kind: 'refund', ...(p.claimId ? { claimId: p.claimId } : {}), splits: [{ responsibility: p.to, amountCents: p.amountCents }] },
  ]);
}

/** The provider-level account of one payer: where its 835s' PLB adjustments are posted. */
export const providerAccountId = (payerId: string): string => `PLB-${payerId}`.slice(0, 64);

/**
 * PLB adjustments of one payment (interest L6, forward balance FB, recoveries WO, ...), posted to the
 * payer's provider-level account with the 835's own sign: positive withheld from the payment, negative
 * added to it. With the claims' payments they add up to BPR02. Keyed by payer, trace number and
 * position, so a redelivered 835 posts nothing twice; at most 25 entries a posting.
 */
export function providerAdjustmentPostings(p: {
  payerId: string;
  traceNumber: string;
  postedAt: string;
  adjustments: readonly { reasonCode: string; amountCents: number }[];
}): Posting[] {
  const accountId = providerAccountId(p.payerId);
  const postings: Posting[] = [];
  const nonZero = p.adjustments.filter((a) => a.amountCents !== 0);
  for (let start = 0; start < nonZero.length; start += 25) {
    const drafts = nonZero.slice(start, start + 25).map((a) => ({
      kind: 'other-adjustment' as const,
      reasonCode: `PLB-${a.reasonCode}`.slice(0, 10),
      splits: [{ responsibility: 'primary' as const, amountCents: a.amountCents }],
    }));
    postings.push(makePosting(accountId, key('plb', `${p.payerId}|${p.traceNumber}|${start}`), p.postedAt, drafts));
  }
  return postings;
}

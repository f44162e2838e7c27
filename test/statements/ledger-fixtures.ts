/** Hand-built ledgers for statement tests: a visit's charge, its 835 line postings, a patient payment, a second plan. */
import { chargePosting, claimMovePosting, patientPaymentPosting } from '#functions/accounts/clerk-postings.ts';
import { remittancePostingKey } from '#functions/accounts/posting-key.ts';
import { makePosting, type EntryDraft } from '#functions/accounts/postings.ts';
import type { Responsibility } from '#schemas/common.ts';
import type { Claim } from '#schemas/claim.ts';
import type { LedgerEntry, Posting } from '#schemas/ledger-entry.ts';

const AT = '2026-01-20T10:00:00.000Z';

/** One 835 service line: the payment, a CO-45 write-down and a PR amount moved to `prTo`. */
export function remitLine(
  c: Claim,
  p: { line: number | 'claim'; paid: number; co: number; pr: number; payer?: Responsibility; prTo?: Responsibility; trace?: string },
): Posting {
  const payer = p.payer ?? 'primary';
  const postingKey = remittancePostingKey({
    payerId: c.payerId,
    traceNumber: p.trace ?? 'TRN-1',
    patientControlNumber: c.patientControlNumber,
    payerClaimControlNumber: `ICN-${c.claimId}`,
    line: p.line,
  });
  const drafts: EntryDraft[] = [];
  if (p.paid) drafts.push({ kind: 'insurance-payment', claimId: c.claimId, splits: [{ responsibility: payer, amountCents: -p.paid }] });
  if (p.co)
    drafts.push({
      kind: 'contractual-adjustment',
      claimId: c.claimId,
      reasonCode: 'CO-45',
      splits: [{ responsibility: payer, amountCents: -p.co }],
    });
  if (p.pr)
    drafts.push({
      kind: 'transfer',
      claimId: c.claimId,
      reasonCode: 'PR-2',
      splits: [
        { responsibility: payer, amountCents: -p.pr },
        { responsibility: p.prTo ?? 'patient', amountCents: p.pr },
      ],
    });
  return makePosting(c.accountId, postingKey, AT, drafts);
}

export const charge = (c: Claim): Posting =>
  chargePosting({ accountId: c.accountId, claimId: c.claimId, amountCents: c.totalChargeCents, to: 'primary', postedAt: AT });

export const patientPaid = (c: Claim, receiptId: string, cents: number): Posting =>
  patientPaymentPosting({ accountId: c.accountId, receiptId, amountCents: cents, postedAt: AT, claimId: c.claimId });

/** Settlement's move of the primary claim's patient share onto the secondary claim. */
export const moveToSecondary = (primary: Claim, secondary: Claim, cents: number): Posting =>
  claimMovePosting({
    accountId: primary.accountId,
    toClaimId: secondary.claimId,
    fromClaimId: primary.claimId,
    from: [{ responsibility: 'patient', amountCents: cents }],
    to: 'secondary',
    postedAt: AT,
  });

export const entriesOf = (...postings: Posting[]): LedgerEntry[] => postings.flatMap((p) => p.entries);

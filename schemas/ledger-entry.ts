/** Append-only account ledger: every balance is derived from these entries. */
import { z } from 'zod';
import { cents, entityId, isoDateTime, responsibility } from './common.ts';

export const ledgerEntryKind = z.enum([
  'charge',
  'insurance-payment',
  'patient-payment',
  'contractual-adjustment',
  'other-adjustment',
  'write-off',
  'transfer',
  'refund',
  'reversal',
]);
export type LedgerEntryKind = z.infer<typeof ledgerEntryKind>;

/**
 * One signed effect on one responsibility's balance. Positive raises what that party owes,
 * negative lowers it. A transfer carries two splits that cancel.
 */
export const ledgerSplitSchema = z.object({
  responsibility,
  amountCents: cents,
});
export type LedgerSplit = z.infer<typeof ledgerSplitSchema>;

export const ledgerEntrySchema = z.object({
  entryId: entityId,
  accountId: entityId,
  kind: ledgerEntryKind,
  /** The idempotency key of the posting this entry belongs to. */
  postingKey: z.string().min(1).max(400),
  postedAt: isoDateTime,
  splits: z.array(ledgerSplitSchema).min(1).max(4),
  claimId: entityId.optional(),
  /** For kind "reversal": the entry whose effect this one cancels. */
  reversesEntryId: entityId.optional(),
  /** CARC group and reason for adjustments posted from an 835, e.g. "CO-45". */
  reasonCode: z.string().max(10).optional(),
  memo: z.string().max(200).optional(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

/** Where a remittance posting came from: the parts its posting key is derived from. */
export const remittanceSourceSchema = z.object({
  payerId: entityId,
  /** TRN02. */
  traceNumber: z.string().min(1).max(50),
  /** CLP01. */
  patientControlNumber: z.string().min(1).max(38),
  /** CLP07: lets a later CLP02 22 reversal find this posting. */
  payerClaimControlNumber: z.string().min(1).max(50),
  line: z.union([z.number().int().min(1), z.literal('claim')]),
});
export type RemittanceSource = z.infer<typeof remittanceSourceSchema>;

/**
 * Entries in one posting at most: a posting is written in one DynamoDB transaction with its account's
 * summary and markers. A remittance line with more adjustments than this is held for a person
 * (`ledger-rule`), not posted in part.
 */
export const MAX_POSTING_ENTRIES = 25;

/** A group of entries posted together, at most once per posting key. */
export const postingSchema = z.object({
  postingKey: z.string().min(1).max(400),
  accountId: entityId,
  entries: z.array(ledgerEntrySchema).min(1).max(MAX_POSTING_ENTRIES),
  /** Present on postings made from an 835. */
  remittance: remittanceSourceSchema.optional(),
});
export type Posting = z.infer<typeof postingSchema>;

/** Derived balances by responsibility, in cents. */
export const accountBalancesSchema = z.object({
  primary: cents,
  secondary: cents,
  tertiary: cents,
  patient: cents,
});
export type AccountBalances = z.infer<typeof accountBalancesSchema>;

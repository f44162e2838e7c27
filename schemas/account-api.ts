/**
 * The account read APIs other services call: GetAccount (an account's balances, ledger, claims and
 * statements) and BalanceInquiry (what a patient owes and what is pending with insurers), and the
 * PHI access report ListRecordAccess. Amounts are integer cents.
 */
import { z } from 'zod';
import { apiRequestBase, auditEntrySchema } from './api.ts';
import { cents, entityId, isoDateTime, nonNegativeCents } from './common.ts';
import { claimStatus } from './claim.ts';
import { accountBalancesSchema, ledgerEntrySchema } from './ledger-entry.ts';
import { statementRequestSchema } from './settlement.ts';

export const getAccountRequest = apiRequestBase.extend({ accountId: entityId });
export type GetAccountRequest = z.infer<typeof getAccountRequest>;

/** One claim of an account as GetAccount shows it: what was billed and what each party still owes on it. */
export const accountClaimSchema = z.object({
  claimId: entityId,
  status: claimStatus,
  payerId: entityId,
  totalChargeCents: nonNegativeCents,
  /** The claim's share of the account's balances, from the ledger entries that name it. */
  balances: accountBalancesSchema,
});

export const getAccountResponse = z.object({
  accountId: entityId,
  /** What each party owes on the account, in cents. */
  balances: accountBalancesSchema,
  /** Every ledger entry, oldest first. */
  ledger: z.array(ledgerEntrySchema),
  claims: z.array(accountClaimSchema),
  statements: z.array(statementRequestSchema),
});
export type GetAccountResponse = z.infer<typeof getAccountResponse>;

export const balanceInquiryRequest = apiRequestBase.extend({
  patientId: entityId,
  /** How many of the latest payments to list (default 5). */
  lastPayments: z.number().int().min(1).max(50).optional(),
});
export type BalanceInquiryRequest = z.infer<typeof balanceInquiryRequest>;

/** One payment on an account: the patient's or an insurer's, or a refund (negative). */
export const paymentSummarySchema = z.object({
  entryId: entityId,
  kind: z.enum(['patient-payment', 'insurance-payment', 'refund']),
  postedAt: isoDateTime,
  /** What the payment took off the balances (positive), or what a refund put back (negative). */
  amountCents: cents,
  claimId: entityId.optional(),
});

export const balanceInquiryResponse = z.object({
  patientId: entityId,
  accounts: z.array(
    z.object({
      accountId: entityId,
      /** What the patient owes now. */
      patientOwesCents: cents,
      /** What insurers (primary, secondary, tertiary) have yet to pay or adjust. */
      pendingWithInsurersCents: cents,
      balances: accountBalancesSchema,
      /** The latest payments, newest first. */
      lastPayments: z.array(paymentSummarySchema),
    }),
  ),
});
export type BalanceInquiryResponse = z.infer<typeof balanceInquiryResponse>;

export const listRecordAccessRequest = apiRequestBase.extend({
  patientId: entityId,
  /** Only accesses at or after this instant. */
  from: isoDateTime.optional(),
  /** Only accesses at or before this instant. */
  to: isoDateTime.optional(),
  limit: z.number().int().min(1).max(200).optional(),
  nextToken: z.string().min(1).max(2048).optional(),
});
export type ListRecordAccessRequest = z.infer<typeof listRecordAccessRequest>;

export const listRecordAccessResponse = z.object({
  patientId: entityId,
  /** Newest first. */
  entries: z.array(auditEntrySchema),
  nextToken: z.string().optional(),
});
export type ListRecordAccessResponse = z.infer<typeof listRecordAccessResponse>;

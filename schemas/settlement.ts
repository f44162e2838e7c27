/** Settling a claim after its payer paid: bill the next coverage, ask for a statement, or close it. */
import { z } from 'zod';
import { claimStatus } from './claim.ts';
import { cents, entityId, isoDate, isoDateTime, nonNegativeCents } from './common.ts';

/** What `SettleClaim` takes: the paid claim and the execution that settles it (for the log only). */
export const settleClaimRequest = z.object({
  claimId: entityId,
  /** The ClaimLifecycle execution that asks; logged, not stored. */
  executionId: z.string().min(1).max(2048).optional(),
});
export type SettleClaimRequest = z.infer<typeof settleClaimRequest>;

/**
 * Where the claim's money goes next: `secondary-claim` (the next coverage is billed), `statement`
 * (the patient owes the rest; a statement is requested), `closed` (nobody owes anything) or `open`
 * (the payer's own share is still open, e.g. a denial being worked: settle again once it is decided).
 */
export const settlementNext = z.enum(['secondary-claim', 'statement', 'closed', 'open']);
export type SettlementNext = z.infer<typeof settlementNext>;

/** What `SettleClaim` answers; ids and cents only. */
export const settleClaimResult = z.object({
  claimId: entityId,
  next: settlementNext,
  /** What the parties after the payer owe on the claim (the next coverage's or the patient's share). */
  patientBalanceCents: cents,
  secondaryClaimId: entityId.optional(),
  statementRequestId: entityId.optional(),
  /** The settled claim's status afterwards. */
  status: claimStatus,
  /** 1 when this call created the next claim (0 on a replay): a count for the metrics. */
  secondaryClaimsCreated: z.number().int().min(0).max(1),
  /** 1 when this call recorded the statement request (0 on a replay). */
  statementsRequested: z.number().int().min(0).max(1),
});
export type SettleClaimResult = z.infer<typeof settleClaimResult>;

/** A statement the patient is to be sent for what is left on a claim; the statements capability picks it up. */
export const statementRequestStatus = z.enum(['requested', 'sent']);

/** The statement produced for a request (`ProduceStatement`), recorded when the request is marked `sent`. */
export const sentStatementSchema = z.object({
  statementId: entityId,
  /** The PDF in the Reports bucket: `statements/<accountId>/<statementId>.pdf`. */
  key: z.string().min(1).max(1024),
  amountDueCents: cents,
  pages: z.number().int().min(1),
  statementDate: isoDate,
  dueDate: isoDate,
  sentAt: isoDateTime,
});
export type SentStatement = z.infer<typeof sentStatementSchema>;

export const statementRequestSchema = z.object({
  /** One per claim: `STM-` and a hash of the claim id. */
  statementRequestId: entityId,
  claimId: entityId,
  accountId: entityId,
  amountCents: nonNegativeCents,
  requestedAt: isoDateTime,
  status: statementRequestStatus,
  /** Present once `sent`. */
  sent: sentStatementSchema.optional(),
});
export type StatementRequest = z.infer<typeof statementRequestSchema>;

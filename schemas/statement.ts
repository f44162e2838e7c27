/** Patient statements: producing the PDF of one requested statement, and the sweep that sends those still waiting. */
import { z } from 'zod';
import { cents, entityId } from './common.ts';
import { sentStatementSchema } from './settlement.ts';

/**
 * What `ProduceStatement` takes: the settled claim (the lifecycle's step after `Settle`) or the request
 * itself (the sweep). Exactly one of the two.
 */
export const produceStatementRequest = z
  .object({
    claimId: entityId.optional(),
    statementRequestId: entityId.optional(),
    /** The ClaimLifecycle execution that asks; logged, not stored. */
    executionId: z.string().min(1).max(2048).optional(),
  })
  .refine((r) => (r.claimId === undefined) !== (r.statementRequestId === undefined), {
    message: 'give either claimId or statementRequestId',
    path: ['claimId'],
  });
export type ProduceStatementRequest = z.infer<typeof produceStatementRequest>;

/** What `ProduceStatement` answers; ids, the object key and cents only (the PDF itself holds the PHI). */
export const produceStatementResult = sentStatementSchema.omit({ sentAt: true }).extend({
  statementRequestId: entityId,
  claimId: entityId,
  /** 1 when this call produced the statement, 0 when it had been produced before (a replay): for the metrics. */
  statementsProduced: z.number().int().min(0).max(1),
  /** What this call billed the patient (0 on a replay): for the metrics. */
  patientBilledCents: cents,
});
export type ProduceStatementResult = z.infer<typeof produceStatementResult>;

/** What `SendStatements` (the schedule's sweep) takes. */
export const sendStatementsRequest = z.object({
  /** At most this many requests in one run (oldest first); the next run takes the rest. */
  limit: z.number().int().min(1).max(1000).default(100),
});
export type SendStatementsRequest = z.infer<typeof sendStatementsRequest>;

/** What the sweep did; counts and cents only. */
export const sendStatementsResult = z.object({
  /** Requests found waiting. */
  requested: z.number().int().min(0),
  /** Statements this run produced. */
  produced: z.number().int().min(0),
  /** Requests another run (or the lifecycle's step) had produced meanwhile. */
  alreadySent: z.number().int().min(0),
  /** Requests that failed this time; they stay `requested` for the next run. */
  failed: z.number().int().min(0),
  patientBilledCents: cents,
});
export type SendStatementsResult = z.infer<typeof sendStatementsResult>;

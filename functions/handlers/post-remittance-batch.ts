import { z } from 'zod';
import { inboundFileSchema } from '#schemas/inbound-file.ts';
import { remittanceSchema } from '#schemas/remittance.ts';
import type { ClaimItem } from '#functions/remittance/claim-items.ts';
import { postRemittanceBatch } from '#functions/remittance/post-remittance-batch.ts';
import { resumeIfWaiting, resumeWith } from '#functions/task-tokens/claim-waits.ts';
import { invocationStore, sfnClient } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { CLEAN_CLAIMS_PER_TRANSACTION } from '#functions/store/transaction-groups.ts';
import { logger } from '#functions/platform/logger.ts';

/** One line of the split file (claim-items.ts); the CLP loop itself is checked by the remittance contract as it is posted. */
const claimItemSchema = z.object({
  payment: z.number().int().min(0),
  header: z.object({
    payerId: z.string().min(1).max(64),
    ...remittanceSchema.pick({ traceNumber: true, totalPaymentCents: true, paymentMethod: true }).shape,
    paymentDate: z.string().min(10).max(10),
    issuedAt: z.string().max(40).optional(),
  }),
  transactionSet: z.string().min(1).max(9),
  claimIndex: z.number().int().min(0),
  balanceFindings: z.number().int().min(0),
  claim: z.looseObject({ patientControlNumber: z.string().max(38), statusCode: z.string().max(2) }),
});

export const postRemittanceBatchInput = z.object({
  /** The batch, as the Map's ItemBatcher gives it. */
  Items: z.array(claimItemSchema).min(1).max(1_000),
  BatchInput: z.object({
    file: inboundFileSchema,
    receivedAt: z.iso.datetime({ offset: true }),
    /** Claims of the ordered file: posted one after the other, in file order. */
    ordered: z.boolean(),
  }),
});

/**
 * Claims of the unordered file posted at once within one batch (distinct claim numbers; accounts may
 * repeat): as many as their clean postings fill one shared transaction.
 */
const IN_PARALLEL = CLEAN_CLAIMS_PER_TRANSACTION;

/**
 * Posts one batch of an 835's claims (a child of PayerFileIntake's Distributed Map), each exactly as
 * PostRemittance posts it, and tells each claim's waiting workflow. Returns the batch's counts per
 * payment, which the Map Run's ResultWriter keeps for FinishRemittancePosting.
 */
export const handler = lambdaHandler(postRemittanceBatchInput, async ({ Items, BatchInput }) => {
  logger.appendKeys({ fileKey: BatchInput.file.key });
  const store = invocationStore();
  const resume = resumeWith(sfnClient());
  const outcome = await postRemittanceBatch(
    store,
    Items as ClaimItem[],
    {
      receivedAt: BatchInput.receivedAt,
      fileKey: BatchInput.file.key,
      onClaimStatus: (claimId, status) => resumeIfWaiting(store, resume, claimId, status),
      // A clean claim's wait is taken in the claim's own transaction; only the resume is left.
      resumeTask: (taskToken, claimId, status) => resume(taskToken, { claimId, status }),
      now,
    },
    BatchInput.ordered ? 1 : IN_PARALLEL,
  );
  logger.info('Remittance batch posted', {
    claims: Items.length,
    posted: outcome.payments.reduce((n, p) => n + p.counts.posted, 0),
    attention: outcome.payments.reduce((n, p) => n + p.counts.attentionTotal, 0),
  });
  return outcome;
});

import { sfnClient, tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { requiredEnv } from '#functions/platform/env.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { CLAIM_LIFECYCLE_ARN_VARIABLE, startLifecycleWith } from '#functions/platform/start-lifecycle.ts';
import { settleClaim } from '#functions/settlement/settle-claim.ts';
import { settleClaimRequest } from '#schemas/settlement.ts';

/** After the payer paid: bill the next coverage (starting its ClaimLifecycle), request a statement, or close the claim. */
export const handler = lambdaHandler(settleClaimRequest, async (request) => {
  const startLifecycle = startLifecycleWith(sfnClient(), requiredEnv(CLAIM_LIFECYCLE_ARN_VARIABLE));
  const result = await settleClaim({ store: tableStore(), startLifecycle, now }, request);
  logger.info('Claim settled', {
    claimId: result.claimId,
    next: result.next,
    patientBalanceCents: result.patientBalanceCents,
    ...(result.secondaryClaimId ? { secondaryClaimId: result.secondaryClaimId } : {}),
    ...(request.executionId ? { executionId: request.executionId } : {}),
  });
  return result;
});

import { z } from 'zod';
import { entityId } from '#schemas/common.ts';
import { resumeWith, waitForClaim } from '#functions/task-tokens/claim-waits.ts';
import { sfnClient, tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';

export const awaitClaimUpdateInput = z.object({
  claimId: entityId,
  waitingFor: z.enum(['acknowledgement', 'adjudication']),
  taskToken: z.string().min(1).max(1024),
});

/**
 * Called with `.waitForTaskToken`: parks the workflow's token beside the claim. The function that
 * records the acknowledgement or the adjudication resumes the workflow; if it came first, this does.
 */
export const handler = lambdaHandler(awaitClaimUpdateInput, async (request) => {
  const result = await waitForClaim(tableStore(), resumeWith(sfnClient()), { ...request, now: now().toISOString() });
  logger.info('Claim wait registered', {
    claimId: result.claimId,
    waitingFor: request.waitingFor,
    status: result.status,
    resumedNow: result.resumedNow,
  });
  return result;
});

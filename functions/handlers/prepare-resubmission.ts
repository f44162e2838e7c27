import { prepareResubmission } from '#functions/corrections/prepare-resubmission.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { prepareResubmissionRequest } from '#schemas/claim-amendment.ts';

/** Sends a fixed claim back to the payer on a person's decision: a replacement (7) if adjudicated, else frequency 1 again. */
export const handler = lambdaHandler(prepareResubmissionRequest, async (request) => {
  const result = await prepareResubmission(tableStore(), request, now());
  logger.info('Claim prepared for resubmission', { ...result, workItemId: request.workItemId });
  return result;
});

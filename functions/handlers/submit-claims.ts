import { claimSubmissionRequestSchema } from '#schemas/payer-requests.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { payerGateway } from '#functions/payers/configured.ts';
import { exchangeSettings } from '#functions/payers/settings.ts';
import { submitClaims } from '#functions/submission/submit-claims.ts';

/** Submits a batch of scrubbed claims to one payer as an 837 interchange and marks them submitted. */
export const handler = lambdaHandler(claimSubmissionRequestSchema, async (request) => {
  const result = await submitClaims({ store: tableStore(), gateway: payerGateway(), settings: exchangeSettings(), now }, request);
  logger.info('SubmitClaims done', {
    batchId: result.batchId,
    payerId: result.payerId,
    claimCount: result.claimCount,
    interchangeControlNumber: result.interchangeControlNumber,
  });
  return result;
});

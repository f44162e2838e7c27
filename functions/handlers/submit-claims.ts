import { claimSubmissionRequestSchema } from '../../schemas/payer-requests.ts';
import { tableStore } from '../platform/aws-clients.ts';
import { now } from '../platform/clock.ts';
import { lambdaHandler } from '../platform/handler.ts';
import { logger } from '../platform/logger.ts';
import { payerGateway } from '../payers/configured.ts';
import { exchangeSettings } from '../payers/settings.ts';
import { submitClaims } from '../payers/tasks.ts';

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

import { claimStatusRequestSchema } from '#schemas/payer-requests.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { payerGateway } from '#functions/payers/configured.ts';
import { exchangeSettings } from '#functions/payers/settings.ts';
import { checkClaimStatus } from '#functions/follow-up/check-claim-status.ts';

/** Asks the payer where a submitted claim stands (276/277). */
export const handler = lambdaHandler(claimStatusRequestSchema, async (request) => {
  const result = await checkClaimStatus({ store: tableStore(), gateway: payerGateway(), settings: exchangeSettings(), now }, request);
  logger.info('CheckClaimStatus done', { claimId: result.claimId, payerId: result.payerId, phase: result.phase ?? 'not-found' });
  return result;
});

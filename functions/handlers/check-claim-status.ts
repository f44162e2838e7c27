import { claimStatusRequestSchema } from '../../schemas/payer-requests.ts';
import { tableStore } from '../platform/aws-clients.ts';
import { now } from '../platform/clock.ts';
import { lambdaHandler } from '../platform/handler.ts';
import { logger } from '../platform/logger.ts';
import { payerGateway } from '../payers/configured.ts';
import { exchangeSettings } from '../payers/settings.ts';
import { checkClaimStatus } from '../payers/tasks.ts';

/** Asks the payer where a submitted claim stands (276/277). */
export const handler = lambdaHandler(claimStatusRequestSchema, async (request) => {
  const result = await checkClaimStatus({ store: tableStore(), gateway: payerGateway(), settings: exchangeSettings(), now }, request);
  logger.info('CheckClaimStatus done', { claimId: result.claimId, payerId: result.payerId, phase: result.phase ?? 'not-found' });
  return result;
});

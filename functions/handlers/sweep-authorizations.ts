import { sweepAuthorizationsRequest } from '#schemas/authorization-request.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { DEFAULT_ATTENTION } from '#functions/authorizations/attention.ts';
import { sweepAuthorizations } from '#functions/authorizations/sweep.ts';

/** The daily sweep: expires authorizations past their end and queues those ending soon or running out of units. */
export const handler = lambdaHandler(sweepAuthorizationsRequest, async (request) => {
  const policy = { ...DEFAULT_ATTENTION, ...(request.expiringWithinDays ? { expiringWithinDays: request.expiringWithinDays } : {}) };
  const result = await sweepAuthorizations({ store: tableStore(), now }, { policy });
  logger.info('SweepAuthorizations done', { ...result });
  return result;
});

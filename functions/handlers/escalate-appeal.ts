import { escalateAppeal } from '#functions/appeals/escalate-appeal.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { escalateAppealRequest } from '#schemas/appeal-packet.ts';

/** The wait for an appeal's approval timed out: marks its item escalated and says how long remains to the deadline. */
export const handler = lambdaHandler(escalateAppealRequest, async (request) => {
  const result = await escalateAppeal({ store: tableStore(), now: now() }, request);
  logger.warn('Appeal approval escalated', { claimId: request.claimId, ...result });
  return result;
});

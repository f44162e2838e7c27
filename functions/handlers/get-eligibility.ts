import { apiHandler } from '#functions/api/api-handler.ts';
import { getEligibility } from '#functions/eligibility/eligibility-api.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { logger } from '#functions/platform/logger.ts';
import { getEligibilityRequest } from '#schemas/eligibility.ts';

/** GetEligibility: the payer's latest stored answer about a coverage (for a date of service, when given). */
export const handler = apiHandler(getEligibilityRequest, async (input, call) => {
  const answer = await getEligibility(tableStore(), input, call.recordAccess);
  logger.info('GetEligibility answered', { coverageStatus: answer.eligibility.coverageStatus, caller: call.caller.principal });
  return answer;
});

import { apiHandler } from '#functions/api/api-handler.ts';
import { estimateCost } from '#functions/eligibility/eligibility-api.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { logger } from '#functions/platform/logger.ts';
import { estimatePatientCostRequest } from '#schemas/eligibility.ts';

/** EstimatePatientCost: what the patient will likely owe for planned services, from the stored benefits and the payer's fee schedule. */
export const handler = apiHandler(estimatePatientCostRequest, async (input, call) => {
  const estimate = await estimateCost(tableStore(), input, call.recordAccess);
  logger.info('EstimatePatientCost answered', { lines: estimate.lines.length, caller: call.caller.principal });
  return estimate;
});

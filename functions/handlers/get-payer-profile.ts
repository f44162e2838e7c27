import { apiHandler } from '#functions/api/api-handler.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { logger } from '#functions/platform/logger.ts';
import { getPayerProfile } from '#functions/reference/get-reference-data.ts';
import { getPayerProfileRequest } from '#schemas/reference-data.ts';

/** GetPayerProfile: reads reference data back (not PHI: nothing is audited). */
export const handler = apiHandler(getPayerProfileRequest, async (request) => {
  const result = await getPayerProfile(tableStore(), request.payerId);
  logger.info('GetPayerProfile answered', { payerId: request.payerId });
  return result;
});

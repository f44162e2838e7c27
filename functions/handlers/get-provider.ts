import { apiHandler } from '#functions/api/api-handler.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { logger } from '#functions/platform/logger.ts';
import { getProvider } from '#functions/reference/get-reference-data.ts';
import { getProviderRequest } from '#schemas/reference-data.ts';

/** GetProvider: reads reference data back (not PHI: nothing is audited). */
export const handler = apiHandler(getProviderRequest, async (request) => {
  const result = await getProvider(tableStore(), request.providerId);
  logger.info('GetProvider answered', { providerId: request.providerId });
  return result;
});

import { apiHandler } from '#functions/api/api-handler.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { logger } from '#functions/platform/logger.ts';
import { registerProvider } from '#functions/reference/register-reference-data.ts';
import { registerProviderRequest } from '#schemas/reference-data.ts';

/** RegisterProvider: creates or replaces reference data (not PHI: nothing is audited); the same request twice changes nothing. */
export const handler = apiHandler(registerProviderRequest, async (request) => {
  const result = await registerProvider({ store: tableStore() }, request.provider);
  logger.info('Provider registered', { providerId: result.providerId, status: result.status, changedCount: result.changed.length });
  return result;
});

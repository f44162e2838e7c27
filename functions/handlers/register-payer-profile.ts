import { apiHandler } from '#functions/api/api-handler.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { logger } from '#functions/platform/logger.ts';
import { registerPayerProfile } from '#functions/reference/register-reference-data.ts';
import { registerPayerProfileRequest } from '#schemas/reference-data.ts';

/** RegisterPayerProfile: creates or replaces reference data (not PHI: nothing is audited); the same request twice changes nothing. */
export const handler = apiHandler(registerPayerProfileRequest, async (request) => {
  const result = await registerPayerProfile({ store: tableStore() }, request.payerProfile);
  logger.info('Payer profile registered', { payerId: result.payerId, status: result.status, changedCount: result.changed.length });
  return result;
});

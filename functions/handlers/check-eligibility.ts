import { eligibilityCheckRequestSchema } from '../../schemas/payer-requests.ts';
import { tableStore } from '../platform/aws-clients.ts';
import { now } from '../platform/clock.ts';
import { lambdaHandler } from '../platform/handler.ts';
import { logger } from '../platform/logger.ts';
import { payerGateway } from '../payers/configured.ts';
import { exchangeSettings } from '../payers/settings.ts';
import { checkEligibility } from '../payers/tasks.ts';

/** Asks the payer whether a patient's coverage is active (270/271); the result carries no PHI. */
export const handler = lambdaHandler(eligibilityCheckRequestSchema, async (request) => {
  const result = await checkEligibility({ store: tableStore(), gateway: payerGateway(), settings: exchangeSettings(), now }, request);
  logger.info('CheckEligibility done', {
    patientId: result.patientId,
    coverageId: result.coverageId,
    payerId: result.payerId,
    coverageStatus: result.coverageStatus,
  });
  return result;
});

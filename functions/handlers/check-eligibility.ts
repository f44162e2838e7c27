import { eligibilityCheckRequestSchema } from '#schemas/payer-requests.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { payerGateway } from '#functions/payers/configured.ts';
import { exchangeSettings } from '#functions/payers/settings.ts';
import { checkEligibility } from '#functions/eligibility/check-eligibility.ts';

/** Asks the payer whether a patient's coverage is active (270/271), or reuses a recent stored answer; the result carries no PHI. */
export const handler = lambdaHandler(eligibilityCheckRequestSchema, async (request) => {
  const result = await checkEligibility({ store: tableStore(), gateway: payerGateway(), settings: exchangeSettings(), now }, request);
  logger.info('CheckEligibility done', {
    patientId: result.patientId,
    coverageId: result.coverageId,
    payerId: result.payerId,
    coverageStatus: result.coverageStatus,
    source: result.source,
    traceNumber: result.traceNumber,
  });
  return result;
});

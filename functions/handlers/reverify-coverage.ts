import { reverifyCoverage } from '#functions/eligibility/reverify.ts';
import { payerGateway } from '#functions/payers/configured.ts';
import { exchangeSettings } from '#functions/payers/settings.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { reverificationCheckSchema } from '#schemas/eligibility.ts';

/** Verifies one coverage again for its date of service (a fresh 270/271) and raises holds on its claims when coverage ended or changed. */
export const handler = lambdaHandler(reverificationCheckSchema, async (check) => {
  const result = await reverifyCoverage({ store: tableStore(), gateway: payerGateway(), settings: exchangeSettings(), now }, check);
  logger.info('ReverifyCoverage done', {
    coverageId: result.coverageId,
    claims: result.claimIds.length,
    outcome: result.outcome,
    changes: result.changes,
    holdsRaised: result.workItemIds.length,
    traceNumber: result.traceNumber,
  });
  return { ...result, holdsRaised: result.workItemIds.length };
});

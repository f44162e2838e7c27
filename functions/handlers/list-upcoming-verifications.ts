import { listUpcomingVerifications } from '#functions/eligibility/reverify.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { z } from 'zod';
import { listUpcomingVerificationsRequest } from '#schemas/eligibility.ts';

/** The workflow passes its whole input (`{ days?, asOfDate? }`) and its execution id. */
export const listUpcomingInput = z.object({
  execution: listUpcomingVerificationsRequest.omit({ executionId: true }),
  executionId: listUpcomingVerificationsRequest.shape.executionId,
});

/** Lists the coverages of claims not yet sent whose date of service falls in the next days, for the nightly re-verification. */
export const handler = lambdaHandler(listUpcomingInput, async ({ execution, executionId }) => {
  const result = await listUpcomingVerifications({ store: tableStore(), now }, { ...execution, ...(executionId ? { executionId } : {}) });
  logger.info('ListUpcomingVerifications done', {
    asOfDate: result.asOfDate,
    throughDate: result.throughDate,
    checks: result.checks.length,
    truncated: result.truncated,
  });
  return { ...result, checkCount: result.checks.length };
});

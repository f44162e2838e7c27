import { z } from 'zod';
import { writeOffDenial } from '#functions/denials/write-off.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { entityId, executionArn } from '#schemas/common.ts';

export const writeOffDenialInput = z.object({ claimId: entityId, workItemId: entityId, executionId: executionArn.optional() });

/** Posts the write-off a person decided on a claim's denial and closes the claim. */
export const handler = lambdaHandler(writeOffDenialInput, async (request) => {
  const result = await writeOffDenial(tableStore(), request, now());
  logger.info('Denial written off', { ...result });
  return result;
});

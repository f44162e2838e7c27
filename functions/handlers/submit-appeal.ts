import { submitAppeal } from '#functions/appeals/submit-appeal.ts';
import { payerAppealChannel } from '#functions/payers/configured.ts';
import { bucketObjects } from '#functions/platform/bucket-objects.ts';
import { s3Client, tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { requiredEnv } from '#functions/platform/env.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { submitAppealRequest } from '#schemas/appeal-packet.ts';

/** A person approved (or edited) an appeal packet: files it with the payer through the gateway and records the answer. */
export const handler = lambdaHandler(submitAppealRequest, async (request) => {
  const result = await submitAppeal(
    {
      store: tableStore(),
      objects: bucketObjects(s3Client(), requiredEnv('REPORTS_BUCKET_NAME')),
      appeals: payerAppealChannel(),
      now: now(),
    },
    request,
  );
  logger.info('Appeal submitted', { claimId: request.claimId, ...result });
  return result;
});

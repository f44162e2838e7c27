import { draftAppeal } from '#functions/appeals/draft-appeal.ts';
import { bucketObjects } from '#functions/platform/bucket-objects.ts';
import { s3Client, tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { requiredEnv } from '#functions/platform/env.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { draftAppealRequest } from '#schemas/appeal-packet.ts';

/** A person chose to appeal a denial: drafts the packet and letter (Reports bucket) and opens its approval item. */
export const handler = lambdaHandler(draftAppealRequest, async (request) => {
  const result = await draftAppeal(
    { store: tableStore(), objects: bucketObjects(s3Client(), requiredEnv('REPORTS_BUCKET_NAME')), now: now() },
    request,
  );
  logger.info('Appeal drafted', { claimId: request.claimId, ...result });
  return result;
});

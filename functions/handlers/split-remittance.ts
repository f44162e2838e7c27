import { z } from 'zod';
import { inboundFileSchema } from '#schemas/inbound-file.ts';
import { splitRemittanceFile } from '#functions/remittance/split-remittance-file.ts';
import { s3Client } from '#functions/platform/aws-clients.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { jsonLinesObject, pinnedObject, splitKeys } from './post-remittance-s3.ts';

export const splitRemittanceInput = z.object({
  file: inboundFileSchema,
  kind: z.literal('835'),
});

/**
 * Checks an 835 from the inbox whole and writes its claims as JSON Lines under `posting/claims/` of the
 * same bucket, for PayerFileIntake's Distributed Maps to post. The object is streamed twice (check,
 * split), the second read pinned to the first's ETag; an incomplete file comes back `unreadable` with
 * nothing written. The keys depend only on the file and its ETag, so a retry writes the same objects.
 */
export const handler = lambdaHandler(splitRemittanceInput, async ({ file }) => {
  logger.appendKeys({ fileKey: file.key });
  const s3 = s3Client();
  const { open, receivedAt, etag } = await pinnedObject(s3, file);
  const keys = splitKeys(file.key, etag);
  const unordered = jsonLinesObject(s3, file.bucket, keys.unordered);
  const ordered = jsonLinesObject(s3, file.bucket, keys.ordered);
  const outcome = await splitRemittanceFile(open, { unordered, ordered });
  if (outcome.status === 'unreadable') {
    logger.warn('Remittance file not posted: unreadable', { reason: outcome.problem.reason, byteOffset: outcome.problem.byteOffset });
    return outcome;
  }
  await unordered.close();
  await ordered.close();
  logger.info('Remittance file split for posting', { ...outcome });
  return {
    ...outcome,
    bucket: file.bucket,
    unorderedKey: keys.unordered,
    orderedKey: keys.ordered,
    receivedAt,
    ...(etag ? { etag } : {}),
  };
});

import { GetObjectCommand } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { inboundFileSchema } from '#schemas/inbound-file.ts';
import { recordFailedPosting } from '#functions/remittance/failed-posting.ts';
import { postingProgress } from '#functions/remittance/posting-progress.ts';
import { s3Client, tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';

export const recordFailedPostingInput = z.object({
  file: inboundFileSchema,
  /** The execution whose posting stopped (`$$.Execution.Id`). */
  executionId: z.string().min(1).max(2048),
  /** The error name the posting's last attempt failed with (`$.failure.Error`). */
  error: z.string().min(1).max(256),
});

/**
 * Puts a posting that stopped past its retries in the failed-postings queue, with what of the file is
 * on the books as the store says (the file is read again; the stopped run's memory is gone).
 */
export const handler = lambdaHandler(recordFailedPostingInput, async ({ file, executionId, error }) => {
  logger.appendKeys({ fileKey: file.key });
  const object = await s3Client().send(new GetObjectCommand({ Bucket: file.bucket, Key: file.key }));
  const store = tableStore();
  const progress = await postingProgress(store, object.Body as AsyncIterable<Uint8Array>);
  const { item, stop, exhausted } = await recordFailedPosting(store, { fileKey: file.key, executionId, error, progress }, now());
  logger.warn('Remittance posting stopped: in the failed-postings queue', {
    workItemId: item.workItemId,
    stop,
    exhausted,
    error,
    ...progress,
  });
  return { workItemId: item.workItemId, stop, exhausted, ...progress };
});

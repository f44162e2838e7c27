import { CopyObjectCommand, DeleteObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { inboundFileSchema } from '#schemas/inbound-file.ts';
import { openWorkItem } from '#functions/queues/work-items.ts';
import { quarantineItem } from '#functions/queues/quarantined-files.ts';
import { s3Client, tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';

const quarantineRequest = z.object({
  file: inboundFileSchema,
  problem: z.object({
    reason: z.string(),
    byteOffset: z.number().int().nonnegative(),
    segment: z.string().optional(),
    segmentPosition: z.number().int().positive().optional(),
    element: z.number().int().optional(),
  }),
  executionId: z.string().optional(),
});

/**
 * Moves an unusable inbound file under `quarantine/` and writes beside it a JSON report saying what is
 * wrong and where, for a person to act on. Safe to retry at any point: the inbound file is deleted
 * last, after the copy, the report and the work item exist, and a retry that finds it gone (deleted
 * by the attempt before) goes on from the copy already in quarantine.
 */
export const handler = lambdaHandler(quarantineRequest, async ({ file, problem, executionId }) => {
  const name = file.key.replace(/^inbound\//, '');
  const quarantineKey = `quarantine/${name}`;
  const reportKey = `${quarantineKey}.report.json`;
  const s3 = s3Client();
  logger.appendKeys({ fileKey: file.key });
  try {
    await s3.send(
      new CopyObjectCommand({
        Bucket: file.bucket,
        Key: quarantineKey,
        CopySource: `${file.bucket}/${file.key.split('/').map(encodeURIComponent).join('/')}`,
      }),
    );
  } catch (error) {
    // Gone from the inbox: an earlier attempt copied it, then deleted it. Without that copy, it is lost: say so.
    if ((error as { name?: string }).name !== 'NoSuchKey') throw error;
    await s3.send(new HeadObjectCommand({ Bucket: file.bucket, Key: quarantineKey }));
  }
  const report = {
    originalKey: file.key,
    quarantineKey,
    size: file.size,
    problem,
    ...(executionId ? { executionId } : {}),
    quarantinedAt: new Date().toISOString(),
    action: 'Fix or replace the file and drop it again under inbound/; ask the payer for a resend if it came from them.',
  };
  await s3.send(
    new PutObjectCommand({ Bucket: file.bucket, Key: reportKey, Body: JSON.stringify(report, null, 2), ContentType: 'application/json' }),
  );
  // A person sees it in the quarantined-files queue, not only in the bucket.
  await openWorkItem(tableStore(), quarantineItem({ fileKey: file.key, quarantineKey, reportKey, problem, executionId }), now());
  await s3.send(new DeleteObjectCommand({ Bucket: file.bucket, Key: file.key }));
  logger.warn('Inbound file quarantined', { quarantineKey, reason: problem.reason, byteOffset: problem.byteOffset });
  return { quarantineKey, reportKey };
});

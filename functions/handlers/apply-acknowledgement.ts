import { GetObjectCommand } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { inboundFileSchema } from '#schemas/inbound-file.ts';
import { applyAcknowledgement } from '#functions/acknowledgements/apply-acknowledgement.ts';
import { resumeIfWaiting, resumeWith } from '#functions/task-tokens/claim-waits.ts';
import { s3Client, sfnClient, tableStore } from '#functions/platform/aws-clients.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';

/** Acknowledgement files are small; anything larger is not one (it stays in the inbox for ops). */
const MAX_BYTES = 64 * 1024 * 1024;

export const acknowledgementFileInput = z.object({
  file: inboundFileSchema.extend({ size: inboundFileSchema.shape.size.max(MAX_BYTES) }),
  kind: z.enum(['999', '277CA']),
});

/**
 * Records what a 999 or 277CA from the inbox says about each of our claims. A file cut short or with a
 * broken envelope comes back `unreadable` with no claim touched, for the workflow to quarantine.
 */
export const handler = lambdaHandler(acknowledgementFileInput, async ({ file, kind }) => {
  logger.appendKeys({ fileKey: file.key });
  const object = await s3Client().send(new GetObjectCommand({ Bucket: file.bucket, Key: file.key }));
  const body = await object.Body!.transformToByteArray();
  const arrivedAt = (object.LastModified ?? new Date(0)).toISOString();
  const store = tableStore();
  const resume = resumeWith(sfnClient());
  const outcome = await applyAcknowledgement(store, {
    kind,
    body,
    arrivedAt,
    onClaimStatus: (claimId, status) => resumeIfWaiting(store, resume, claimId, status),
  });
  if (outcome.status === 'unreadable')
    logger.warn('Acknowledgement file not applied: unreadable', {
      reason: outcome.problem?.reason,
      byteOffset: outcome.problem?.byteOffset,
    });
  else logger.info('Acknowledgement applied', { ...outcome });
  return outcome;
});

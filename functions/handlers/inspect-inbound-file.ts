import { GetObjectCommand } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { inboundFileSchema, type InboundFile } from '#schemas/inbound-file.ts';
import { identifyInbound } from '#functions/inbound/identify.ts';
import { s3Client } from '#functions/platform/aws-clients.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';

/** The S3 "Object Created" event EventBridge delivers (only the fields used): the inbound file, as S3 nests it. */
export const objectCreatedEvent = z.object({
  detail: z.object({
    bucket: z.object({ name: inboundFileSchema.shape.bucket }),
    object: inboundFileSchema.omit({ bucket: true }),
  }),
});

const HEAD_BYTES = 4096;

/** Reads the head of a file that landed in the inbox and says what it is. */
export const handler = lambdaHandler(objectCreatedEvent, async (event) => {
  const { bucket, object } = event.detail;
  // etag '' when the event carries none, as always: the workflow's state keeps one shape.
  const file: InboundFile = { bucket: bucket.name, key: object.key, size: object.size, etag: object.etag ?? '' };
  logger.appendKeys({ fileKey: object.key });
  if (object.size === 0) {
    logger.warn('Inbound file is empty');
    return { file, recognized: false, problem: { reason: 'the file is empty', byteOffset: 0 } };
  }
  const response = await s3Client().send(
    new GetObjectCommand({ Bucket: bucket.name, Key: object.key, Range: `bytes=0-${HEAD_BYTES - 1}` }),
  );
  const head = await response.Body!.transformToByteArray();
  const identification = identifyInbound(head);
  if (!identification.ok) {
    logger.warn('Inbound file not recognized', { reason: identification.problem.reason, byteOffset: identification.problem.byteOffset });
    return { file, recognized: false, problem: identification.problem };
  }
  logger.info('Inbound file identified', { kind: identification.kind });
  const { ok: _ok, ...what } = identification;
  return { file, recognized: true, ...what };
});

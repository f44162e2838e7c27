import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { inboundFileSchema } from '#schemas/inbound-file.ts';
import { postRemittanceFile } from '#functions/remittance/post-remittance-file.ts';
import { resumeIfWaiting, resumeWith } from '#functions/task-tokens/claim-waits.ts';
import { s3Client, sfnClient, tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { requiredEnv } from '#functions/platform/env.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { reconciliationReport, reconciliationReportKey } from '#functions/remittance/reconciliation-report.ts';
import { logger } from '#functions/platform/logger.ts';

export const remittanceFileInput = z.object({
  file: inboundFileSchema,
  kind: z.literal('835'),
});

/**
 * Posts an 835 from the inbox to our claims and ledgers. The object is streamed (constant memory)
 * twice: once to check that it is complete, once to post; the second read is pinned to the first's
 * ETag so both see the same bytes. An incomplete file comes back `unreadable` with nothing posted.
 */
export const handler = lambdaHandler(remittanceFileInput, async ({ file }) => {
  logger.appendKeys({ fileKey: file.key });
  const s3 = s3Client();
  const first = await s3.send(new GetObjectCommand({ Bucket: file.bucket, Key: file.key }));
  let opened = false;
  const open = async (): Promise<AsyncIterable<Uint8Array>> => {
    if (!opened) {
      opened = true;
      return first.Body as AsyncIterable<Uint8Array>;
    }
    const again = await s3.send(
      new GetObjectCommand({ Bucket: file.bucket, Key: file.key, ...(first.ETag ? { IfMatch: first.ETag } : {}) }),
    );
    return again.Body as AsyncIterable<Uint8Array>;
  };
  const receivedAt = (first.LastModified ?? new Date(0)).toISOString();
  const store = tableStore();
  const resume = resumeWith(sfnClient());
  const outcome = await postRemittanceFile(store, {
    source: open,
    receivedAt,
    onClaimStatus: (claimId, status) => resumeIfWaiting(store, resume, claimId, status),
    fileKey: file.key,
    now,
  });
  let reportKey: string | undefined;
  if (outcome.status === 'posted') {
    // The billing office reconciles the deposit by trace number: one report per file, JSON and CSV.
    const report = reconciliationReport(outcome, { key: file.key, receivedAt });
    const key = (reportKey = reconciliationReportKey(file.key, receivedAt));
    const Bucket = requiredEnv('REPORTS_BUCKET_NAME');
    await s3.send(new PutObjectCommand({ Bucket, Key: `${key}.json`, Body: report.json, ContentType: 'application/json' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: `${key}.csv`, Body: report.csv, ContentType: 'text/csv' }));
  }
  const { attention: _attention, payments: _payments, ...counts } = outcome;
  if (outcome.status === 'unreadable')
    logger.warn('Remittance file not posted: unreadable', { reason: outcome.problem?.reason, byteOffset: outcome.problem?.byteOffset });
  else logger.info('Remittance file posted', { ...counts });
  if (outcome.attentionTotal > 0)
    logger.warn('Remittance claims need attention', { attention: outcome.attention, attentionTotal: outcome.attentionTotal });
  // The per-payment lines are in the report; the workflow's state keeps the counts (state payloads are capped).
  return { ...counts, attention: outcome.attention, ...(reportKey ? { reconciliationReport: `${reportKey}.json` } : {}) };
});

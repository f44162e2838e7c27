import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { inboundFileSchema } from '#schemas/inbound-file.ts';
import { finishRemittancePosting, PaymentTotals } from '#functions/remittance/finish-remittance-posting.ts';
import type { BatchOutcome } from '#functions/remittance/post-remittance-batch.ts';
import { reconciliationReport, reconciliationReportKey } from '#functions/remittance/reconciliation-report.ts';
import { s3Client, tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { requiredEnv } from '#functions/platform/env.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { succeededOutputs } from './post-remittance-s3.ts';
import { PostingResultsIncompleteError } from '#functions/remittance/finish-remittance-posting.ts';

const mapRunResults = z.object({
  ResultWriterDetails: z.object({ Bucket: z.string().min(1).max(255), Key: z.string().min(1).max(1024) }),
});

export const finishRemittancePostingInput = z.object({
  file: inboundFileSchema,
  /**
   * What SplitRemittance said of the file (when it arrived, the ETag its claims were split from) and
   * the outputs of the Distributed Maps that posted them (their ResultWriter manifests); a Map that had
   * no claims to post did not run.
   */
  split: z.object({
    receivedAt: z.iso.datetime({ offset: true }),
    etag: z.string().max(200).optional(),
    claims: z.number().int().min(0),
    unorderedRun: mapRunResults.optional(),
    orderedRun: mapRunResults.optional(),
  }),
});

/**
 * Finishes an 835 once every batch of its claims is posted: sums the batches' counts from the Map Runs'
 * results, posts each payment's PLB, saves its Remittance record and reconciles it against BPR02, and
 * writes the reconciliation report. Returns what PostRemittance returns for a whole file.
 */
export const handler = lambdaHandler(finishRemittancePostingInput, async ({ file, split }) => {
  logger.appendKeys({ fileKey: file.key });
  const s3 = s3Client();
  const totals = new PaymentTotals();
  for (const run of [split.unorderedRun, split.orderedRun]) {
    if (run) for await (const output of succeededOutputs(s3, run)) totals.add(output as BatchOutcome);
  }
  // Every claim split off is counted by exactly one batch; fewer means a result went missing.
  if (totals.claims !== split.claims) throw new PostingResultsIncompleteError(split.claims, totals.claims);
  const object = await s3.send(
    new GetObjectCommand({ Bucket: file.bucket, Key: file.key, ...(split.etag ? { IfMatch: split.etag } : {}) }),
  );
  const store = tableStore();
  const outcome = await finishRemittancePosting(store, object.Body as AsyncIterable<Uint8Array>, totals, {
    receivedAt: split.receivedAt,
    fileKey: file.key,
    now,
  });
  let reportKey: string | undefined;
  if (outcome.status === 'posted') {
    // The billing office reconciles the deposit by trace number: one report per file, JSON and CSV.
    const report = reconciliationReport(outcome, { key: file.key, receivedAt: split.receivedAt });
    const key = (reportKey = reconciliationReportKey(file.key, split.receivedAt));
    const Bucket = requiredEnv('REPORTS_BUCKET_NAME');
    await s3.send(new PutObjectCommand({ Bucket, Key: `${key}.json`, Body: report.json, ContentType: 'application/json' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: `${key}.csv`, Body: report.csv, ContentType: 'text/csv' }));
  }
  const { attention: _attention, payments: _payments, ...counts } = outcome;
  logger.info('Remittance file posted', { ...counts, batches: totals.batches });
  if (outcome.attentionTotal > 0)
    logger.warn('Remittance claims need attention', { attention: outcome.attention, attentionTotal: outcome.attentionTotal });
  // The per-payment lines are in the report; the workflow's state keeps the counts (state payloads are capped).
  return { ...counts, attention: outcome.attention, ...(reportKey ? { reconciliationReport: `${reportKey}.json` } : {}) };
});

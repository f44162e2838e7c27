import { z } from 'zod';
import { inboundFileSchema } from '#schemas/inbound-file.ts';
import { finishRemittancePosting, PaymentTotals, PostingResultsIncompleteError } from '#functions/remittance/finish-remittance-posting.ts';
import type { BatchOutcome } from '#functions/remittance/post-remittance-batch.ts';
import { s3Client, tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { pinnedObject, succeededOutputs, writeReconciliationReport } from './post-remittance-s3.ts';

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
  const { open } = await pinnedObject(s3, file, split.etag);

  const store = tableStore();
  const outcome = await finishRemittancePosting(store, await open(), totals, {
    receivedAt: split.receivedAt,
    fileKey: file.key,
    now,
  });
  const reportKey =
    outcome.status === 'posted' ? await writeReconciliationReport(s3, outcome, { key: file.key, receivedAt: split.receivedAt }) : undefined;
  const { attention: _attention, payments: _payments, ...counts } = outcome;
  logger.info('Remittance file posted', { ...counts, batches: totals.batches });
  if (outcome.attentionTotal > 0)
    logger.warn('Remittance claims need attention', { attention: outcome.attention, attentionTotal: outcome.attentionTotal });
  // The per-payment lines are in the report; the workflow's state keeps the counts (state payloads are capped).
  return { ...counts, attention: outcome.attention, ...(reportKey ? { reconciliationReport: reportKey } : {}) };
});

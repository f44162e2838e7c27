import { z } from 'zod';
import { inboundFileSchema } from '#schemas/inbound-file.ts';
import { postRemittanceFile } from '#functions/remittance/post-remittance-file.ts';
import { resumeIfWaiting, resumeWith } from '#functions/task-tokens/claim-waits.ts';
import { s3Client, sfnClient, tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { pinnedObject, writeReconciliationReport } from './post-remittance-s3.ts';

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
  const { open, receivedAt } = await pinnedObject(s3, file);
  const store = tableStore();
  const resume = resumeWith(sfnClient());
  const outcome = await postRemittanceFile(store, {
    source: open,
    receivedAt,
    onClaimStatus: (claimId, status) => resumeIfWaiting(store, resume, claimId, status),
    fileKey: file.key,
    now,
  });
  const reportKey = outcome.status === 'posted' ? await writeReconciliationReport(s3, outcome, { key: file.key, receivedAt }) : undefined;
  const { attention: _attention, payments: _payments, ...counts } = outcome;
  if (outcome.status === 'unreadable')
    logger.warn('Remittance file not posted: unreadable', { reason: outcome.problem?.reason, byteOffset: outcome.problem?.byteOffset });
  else logger.info('Remittance file posted', { ...counts });
  if (outcome.attentionTotal > 0)
    logger.warn('Remittance claims need attention', { attention: outcome.attention, attentionTotal: outcome.attentionTotal });
  // The per-payment lines are in the report; the workflow's state keeps the counts (state payloads are capped).
  return { ...counts, attention: outcome.attention, ...(reportKey ? { reconciliationReport: reportKey } : {}) };
});

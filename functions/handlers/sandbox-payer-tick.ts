import { z } from 'zod';
import { s3Client } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { requiredEnv } from '#functions/platform/env.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { sandboxMemoryLocation } from '#functions/payers/configured.ts';
import { sandboxPayerTick } from '#functions/payers/sandbox/remote.ts';
import { s3InboxWriter } from '#functions/payers/sandbox/s3-inbox.ts';

/** The scheduled event (EventBridge); nothing in it is used, the payer's own memory says what is due. */
const scheduledEvent = z.object({}).loose();

/**
 * The deployed sandbox payer's clock tick (stage `sandbox` only, on a schedule): drops the 999, 277CA
 * and 835 files that are due into the inbox under `inbound/<payer>/`, where they start PayerFileIntake
 * like any payer's files.
 */
export const handler = lambdaHandler(scheduledEvent, async () => {
  const inbox = s3InboxWriter({ s3: s3Client(), bucket: requiredEnv('INBOX_BUCKET_NAME') });
  const result = await sandboxPayerTick(sandboxMemoryLocation(), now, inbox);
  logger.info('SandboxPayerTick done', { ...result });
  return result;
});

import { PutObjectCommand } from '@aws-sdk/client-s3';
import { buildReports, type ReportSink } from '#functions/reporting/build-reports.ts';
import { s3Client, tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { requiredEnv } from '#functions/platform/env.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { generateReportsRequest } from '#schemas/financial-reports.ts';

/** The Reports bucket as the run's sink (bodies are never logged). */
function reportsBucket(): ReportSink {
  const bucket = requiredEnv('REPORTS_BUCKET_NAME');
  return {
    async put(key, body, contentType) {
      await s3Client().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    },
  };
}

/** Builds the financial reports as of a date from the table and writes them under `reports/<asOf>/` in the Reports bucket. */
export const handler = lambdaHandler(generateReportsRequest, async (request) => {
  const result = await buildReports({ store: tableStore(), sink: reportsBucket(), now }, request);
  logger.info('Financial reports written', {
    asOf: result.asOf,
    files: result.keys.length,
    claims: result.claims,
    ledgerEntries: result.ledgerEntries,
  });
  return result;
});

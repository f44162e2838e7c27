import { s3Client, tableStore } from '#functions/platform/aws-clients.ts';
import { bucketObjects } from '#functions/platform/bucket-objects.ts';
import { now } from '#functions/platform/clock.ts';
import { requiredEnv } from '#functions/platform/env.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { sendStatements } from '#functions/statements/send-statements.ts';
import { statementSettingsFrom } from '#functions/statements/settings.ts';
import { sendStatementsRequest } from '#schemas/statement.ts';

/** The schedule's sweep: produces the statements still waiting to be sent; answers counts. */
export const handler = lambdaHandler(sendStatementsRequest, async (request) => {
  const deps = {
    store: tableStore(),
    objects: bucketObjects(s3Client(), requiredEnv('REPORTS_BUCKET_NAME')),
    now,
    settings: statementSettingsFrom(process.env),
  };
  const result = await sendStatements(deps, request, (failure) =>
    logger.warn('Statement not produced; it stays requested', { ...failure }),
  );
  logger.info('Statements sent', { ...result });
  return result;
});

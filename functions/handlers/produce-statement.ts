import { s3Client, tableStore } from '#functions/platform/aws-clients.ts';
import { bucketObjects } from '#functions/platform/bucket-objects.ts';
import { now } from '#functions/platform/clock.ts';
import { requiredEnv } from '#functions/platform/env.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { produceStatement } from '#functions/statements/produce-statement.ts';
import { statementSettingsFrom } from '#functions/statements/settings.ts';
import { produceStatementRequest } from '#schemas/statement.ts';

/** Renders the statement a settled claim asked for into the Reports bucket and marks its request sent (once). */
export const handler = lambdaHandler(produceStatementRequest, async (request) => {
  const deps = {
    store: tableStore(),
    objects: bucketObjects(s3Client(), requiredEnv('REPORTS_BUCKET_NAME')),
    now,
    settings: statementSettingsFrom(process.env),
  };
  const result = await produceStatement(deps, request);
  logger.info(result.statementsProduced === 1 ? 'Statement produced' : 'Statement already produced', {
    statementRequestId: result.statementRequestId,
    statementId: result.statementId,
    claimId: result.claimId,
    key: result.key,
    amountDueCents: result.amountDueCents,
    pages: result.pages,
    ...(request.executionId ? { executionId: request.executionId } : {}),
  });
  return result;
});

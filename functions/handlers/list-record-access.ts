import { listRecordAccess } from '#functions/account-inquiries/record-access.ts';
import { apiHandler } from '#functions/api/api-handler.ts';
import { auditTrailStore } from '#functions/platform/aws-clients.ts';
import { logger } from '#functions/platform/logger.ts';
import { listRecordAccessRequest } from '#schemas/account-api.ts';

/** ListRecordAccess: who read or changed a patient's record, when and why (newest first). */
export const handler = apiHandler(listRecordAccessRequest, async (input, call) => {
  const page = await listRecordAccess(auditTrailStore(), input, call.recordAccess);
  logger.info('ListRecordAccess answered', { entries: page.entries.length, caller: call.caller.principal });
  return page;
});

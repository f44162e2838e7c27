import { apiHandler } from '#functions/api/api-handler.ts';
import { recordDisclosure } from '#functions/disclosures/record-disclosure.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { logger } from '#functions/platform/logger.ts';
import { recordDisclosureRequest } from '#schemas/disclosure.ts';

/** RecordDisclosure: a view of a patient's record through a workflow execution's data, recorded in the patient's audit trail with its reason. */
export const handler = apiHandler(recordDisclosureRequest, async (request, call) => {
  const recorded = await recordDisclosure(tableStore(), request, call);
  logger.info('Disclosure recorded', { claimId: recorded.claimId, fields: recorded.fields, caller: call.caller.principal });
  return recorded;
});

import { apiHandler } from '#functions/api/api-handler.ts';
import { sfnClient, tableStore } from '#functions/platform/aws-clients.ts';
import { requiredEnv } from '#functions/platform/env.ts';
import { logger } from '#functions/platform/logger.ts';
import { CLAIM_LIFECYCLE_ARN_VARIABLE, lifecycleExecutionArn, startLifecycleWith } from '#functions/platform/start-lifecycle.ts';
import { captureEncounter } from '#functions/records/capture-encounter.ts';
import { captureEncounterRequest } from '#schemas/charge-capture.ts';

/** Charge capture: posts an encounter's charges, stores its claim and starts the claim's ClaimLifecycle; once per encounter. */
export const handler = apiHandler(captureEncounterRequest, async (request, call) => {
  const stateMachineArn = requiredEnv(CLAIM_LIFECYCLE_ARN_VARIABLE);
  const start = startLifecycleWith(sfnClient(), stateMachineArn);
  const startLifecycle = async (claimId: string, payerId?: string) => {
    await start(claimId, payerId);
    return { executionArn: lifecycleExecutionArn(stateMachineArn, claimId) };
  };
  const result = await captureEncounter({ store: tableStore(), startLifecycle }, request, call);
  logger.info('Encounter captured', {
    encounterId: result.encounterId,
    claimId: result.claimId,
    status: result.status,
    totalChargeCents: result.totalChargeCents,
  });
  return result;
});

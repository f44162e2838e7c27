import { apiHandler } from '#functions/api/api-handler.ts';
import { sfnClient, tableStore } from '#functions/platform/aws-clients.ts';
import { describeExecutionWith } from '#functions/platform/describe-execution.ts';
import { requiredEnv } from '#functions/platform/env.ts';
import { logger } from '#functions/platform/logger.ts';
import { CLAIM_LIFECYCLE_ARN_VARIABLE, lifecycleExecutionArn } from '#functions/platform/start-lifecycle.ts';
import { getClaimTimeline } from '#functions/records/claim-timeline.ts';
import { getClaimTimelineRequest } from '#schemas/claim-queries.ts';

/** A claim's events in order, with the workflow executions that recorded them and its ClaimLifecycle's status. */
export const handler = apiHandler(getClaimTimelineRequest, async (request, call) => {
  const stateMachineArn = requiredEnv(CLAIM_LIFECYCLE_ARN_VARIABLE);
  const executions = {
    lifecycleArn: (claimId: string) => lifecycleExecutionArn(stateMachineArn, claimId),
    describe: describeExecutionWith(sfnClient()),
  };
  const timeline = await getClaimTimeline({ store: tableStore(), executions }, request, call);
  logger.info('Claim timeline read', { claimId: timeline.claimId, events: timeline.events.length, executions: timeline.executions.length });
  return timeline;
});

import { awaitWorkItem } from '#functions/queues/work-items.ts';
import { sfnClient, tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { sendTaskSuccessWith } from '#functions/task-tokens/resume.ts';
import { awaitWorkItemRequest } from '#schemas/work-item.ts';

/**
 * Called with `.waitForTaskToken`: parks the workflow's token on the claim's open item in a queue (or
 * on the item named by `workItemId`) until a person decides; if the decision came first, the workflow
 * resumes at once.
 */
export const handler = lambdaHandler(awaitWorkItemRequest, async (request) => {
  const result = await awaitWorkItem(tableStore(), sendTaskSuccessWith(sfnClient()), request, now());
  logger.info('Work item wait registered', { claimId: request.claimId, queue: request.queue, hold: request.hold?.kind, ...result });
  return result;
});

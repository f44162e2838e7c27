import { resolveWorkItem } from '#functions/queues/work-items.ts';
import { sfnClient, tableStore } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { sendTaskSuccessWith } from '#functions/task-tokens/resume.ts';
import { resolveWorkItemRequest } from '#schemas/work-item.ts';

/** A person's decision on a work item: recorded once, with who and why; a workflow waiting on it resumes. */
export const handler = lambdaHandler(resolveWorkItemRequest, async (request) => {
  const result = await resolveWorkItem(tableStore(), sendTaskSuccessWith(sfnClient()), request, now());
  logger.info('Work item decided', {
    workItemId: request.workItemId,
    queue: result.item.queue,
    action: request.action,
    outcome: result.status,
    resumedWorkflow: result.resumedWorkflow,
  });
  return result;
});

import { getWorkItem } from '#functions/queues/work-items.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { getWorkItemRequest } from '#schemas/work-item.ts';

/** One work item with its details and, once decided, the decision. */
export const handler = lambdaHandler(getWorkItemRequest, async ({ workItemId }) => getWorkItem(tableStore(), workItemId));

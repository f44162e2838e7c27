import { listWorkItems } from '#functions/queues/work-items.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { listWorkItemsRequest } from '#schemas/work-item.ts';

/** A page of one work queue: open items by deadline then largest amount, or resolved items by decision time. */
export const handler = lambdaHandler(listWorkItemsRequest, async (request) => {
  const page = await listWorkItems(tableStore(), request);
  logger.info('Work items listed', {
    queue: request.queue,
    status: request.status,
    count: page.items.length,
    more: Boolean(page.nextToken),
  });
  return page;
});

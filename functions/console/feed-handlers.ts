/**
 * The console's feed in AWS, two Lambda handlers over the same ExecutionFeed the local poller uses:
 * `indexExecutionEvent` takes each EventBridge "Step Functions Execution Status Change" of the
 * application's state machines (the rule passes only ids, status and dates: never the execution's
 * input or output), and `refreshExecutionIndex` runs every minute to find running executions whose
 * events were lost and to read which state the running ones sit in.
 */
import { z } from 'zod';
import { dynamoDbClient, sfnClient } from '#functions/platform/aws-clients.ts';
import { requiredEnv } from '#functions/platform/env.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { CONSOLE_STATE_MACHINES_ENV, CONSOLE_TABLE_ENV } from './console-table.ts';
import { dynamoConsoleStores } from './console-stores.ts';
import { ExecutionFeed, observeStatusChange } from './execution-feed.ts';
import { executionStatuses } from './execution-index.ts';
import { defaultRefreshLimits, refreshExecutionIndex as refresh } from './execution-refresher.ts';

/** Epoch ms, as EventBridge sends it (a number; a string when an input transformer quoted it). */
const epochMs = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

/** The status-change event as the rule delivers it: the detail's ids, status and dates only. */
export const statusChangeEvent = z.object({
  detail: z.object({
    executionArn: z.string().startsWith('arn:'),
    stateMachineArn: z.string().startsWith('arn:'),
    name: z.string().min(1).max(80),
    status: z.enum(executionStatuses),
    startDate: epochMs,
    stopDate: z
      .union([epochMs, z.null(), z.literal('null'), z.literal('')])
      .optional()
      .transform((v) => (typeof v === 'number' ? v : null)),
  }),
});

let feed: ExecutionFeed | undefined;
/** The feed over the console's table, once per container. */
function containerFeed(): ExecutionFeed {
  feed ??= new ExecutionFeed(sfnClient(), dynamoConsoleStores(dynamoDbClient(), requiredEnv(CONSOLE_TABLE_ENV)).executions);
  return feed;
}

/** Upserts one execution from its status-change event. Output: `{ status }`. */
export const indexExecutionEvent = lambdaHandler(statusChangeEvent, async ({ detail }) => {
  await observeStatusChange(containerFeed(), detail);
  return { status: detail.status };
});

/** The schedule's tick: discovers running executions the events missed and refreshes running ones. Output: `{ discovered, refreshed }`. */
export const refreshExecutionIndex = lambdaHandler(z.unknown(), async () => {
  const stateMachineArns = z.array(z.string().startsWith('arn:')).parse(JSON.parse(requiredEnv(CONSOLE_STATE_MACHINES_ENV)));
  const result = await refresh(sfnClient(), containerFeed(), stateMachineArns, defaultRefreshLimits);
  logger.info('Execution index refreshed', { ...result });
  return result;
});

/**
 * The console in AWS: the same hono app behind API Gateway (hono/aws-lambda), with AWS's own clients
 * and clock. Two parts of the AWS seam are not built yet (see README, Ops console): the index is fed
 * by polling on a cold start rather than by EventBridge status events into a durable store, and the
 * user would come from the Cognito JWT authorizer rather than the log-on form.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import { handle } from 'hono/aws-lambda';
import { consoleApp } from './app.ts';
import { memoryConsoleAudit } from './console-audit.ts';
import { ExecutionFeed } from './execution-feed.ts';
import { ExecutionIndex } from './execution-index.ts';
import { memorySavedViews } from './saved-views.ts';

const sfn = new SFNClient({});
const feed = new ExecutionFeed(sfn, new ExecutionIndex());
const warm = feed.poll(1000).catch((error: Error) => console.error(`console: first poll failed with ${error.name}`));
const serve = handle(
  consoleApp({
    sfn,
    lambda: new LambdaClient({}),
    feed,
    views: memorySavedViews(),
    audit: memoryConsoleAudit(),
    now: async () => Date.now(),
  }),
);

/** API Gateway's request to the console app, once the first poll has filled the index. */
export async function handler(...args: Parameters<typeof serve>): Promise<Awaited<ReturnType<typeof serve>>> {
  await warm;
  return serve(...args);
}

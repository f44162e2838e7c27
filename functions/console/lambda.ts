/**
 * The console's server in AWS: the same hono app as `rcm console`, behind API Gateway (HTTP API) and
 * its JWT authorizer, reached by the browser through CloudFront at `/api/*`. The person is the Cognito
 * token's claims; the index, saved views, audit and sessions are in the console's table (fed by
 * feed-handlers.ts); the application is reached only through its Lambda functions, the APIs through
 * their `billing-office` aliases. The front end's files are served by CloudFront, not here.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { handle } from 'hono/aws-lambda';
import { z } from 'zod';
import { dynamoDbClient, sfnClient } from '#functions/platform/aws-clients.ts';
import { requiredEnv } from '#functions/platform/env.ts';
import { consoleApp } from './app.ts';
import { identityFromJwt } from './console-auth.ts';
import { dynamoConsoleStores } from './console-stores.ts';
import { CONSOLE_FUNCTIONS_ENV, CONSOLE_TABLE_ENV } from './console-table.ts';
import { ExecutionFeed } from './execution-feed.ts';

const tableName = requiredEnv(CONSOLE_TABLE_ENV);
const functionNames = z.record(z.string(), z.string().min(1)).parse(JSON.parse(requiredEnv(CONSOLE_FUNCTIONS_ENV)));
const stores = dynamoConsoleStores(dynamoDbClient(), tableName);

const app = consoleApp({
  sfn: sfnClient(),
  lambda: new LambdaClient({}),
  feed: new ExecutionFeed(sfnClient(), stores.executions),
  views: stores.views,
  audit: stores.audit,
  now: async () => Date.now(),
  identify: identityFromJwt,
  sessions: stores.sessions,
  functionName: (name) => {
    const deployed = functionNames[name];
    if (!deployed) throw new Error(`the console may not invoke ${name}`);
    return deployed;
  },
  // The minute's refresher reads the workflows' new states: a request does not list every execution.
  refreshAfterDecision: async () => undefined,
});

/** The HTTP API's Lambda integration (payload format 2.0). */
export const handler = handle(app);

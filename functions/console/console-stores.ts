/**
 * The console's three stores together: the execution index, the saved views and the audit, either in
 * the process's memory or in the console's DynamoDB table (the same code locally, against DynamoDB
 * Local, and in AWS).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { documentClient } from '#functions/store/table.ts';
import { dynamoSessionActivity, memorySessionActivity, type SessionActivity } from './console-auth.ts';
import { memoryConsoleAudit, type ConsoleAudit } from './console-audit.ts';
import { dynamoConsoleAudit, dynamoSavedViews } from './dynamo-console-state.ts';
import { dynamoExecutionStore } from './dynamo-execution-store.ts';
import { memoryExecutionStore, type ExecutionStore } from './execution-store.ts';
import { memorySavedViews, type SavedViews } from './saved-views.ts';

export interface ConsoleStores {
  readonly executions: ExecutionStore;
  readonly views: SavedViews;
  readonly audit: ConsoleAudit;
  /** When each logon was last active (idle logoff). */
  readonly sessions: SessionActivity;
}

/** All three in memory (lost when the process ends). */
export function memoryConsoleStores(): ConsoleStores {
  return { executions: memoryExecutionStore(), views: memorySavedViews(), audit: memoryConsoleAudit(), sessions: memorySessionActivity() };
}

/**
 * All three in the console's table `tableName` (see console-table.ts); `now` dates the audit's
 * reading window (the application's clock, simulated locally).
 */
export function dynamoConsoleStores(client: DynamoDBClient, tableName: string, now?: () => Promise<number>): ConsoleStores {
  const ctx = { doc: documentClient(client), tableName };
  return {
    executions: dynamoExecutionStore(ctx),
    views: dynamoSavedViews(ctx),
    audit: dynamoConsoleAudit(ctx, now),
    sessions: dynamoSessionActivity(ctx),
  };
}

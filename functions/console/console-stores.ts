/**
 * The console's three stores together: the execution index, the saved views and the audit, either in
 * the process's memory or in the console's DynamoDB table (the same code locally, against DynamoDB
 * Local, and in AWS).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { memoryConsoleAudit, type ConsoleAudit } from './console-audit.ts';
import { dynamoConsoleAudit, dynamoSavedViews } from './dynamo-console-state.ts';
import { dynamoExecutionStore } from './dynamo-execution-store.ts';
import { memoryExecutionStore, type ExecutionStore } from './execution-store.ts';
import { memorySavedViews, type SavedViews } from './saved-views.ts';

export interface ConsoleStores {
  readonly executions: ExecutionStore;
  readonly views: SavedViews;
  readonly audit: ConsoleAudit;
}

/** All three in memory (lost when the process ends). */
export function memoryConsoleStores(): ConsoleStores {
  return { executions: memoryExecutionStore(), views: memorySavedViews(), audit: memoryConsoleAudit() };
}

/**
 * All three in the console's table `tableName` (see console-table.ts); `now` dates the audit's
 * reading window (the application's clock, simulated locally).
 */
export function dynamoConsoleStores(client: DynamoDBClient, tableName: string, now?: () => Promise<number>): ConsoleStores {
  const ctx = { doc: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), tableName };
  return { executions: dynamoExecutionStore(ctx), views: dynamoSavedViews(ctx), audit: dynamoConsoleAudit(ctx, now) };
}

/** What every repository needs: the document client, the table name and an optional capacity meter. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CapacityMeter } from './capacity.ts';
import { AppError } from '#functions/errors/index.ts';

export interface TableContext {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  /** When present, every call's ConsumedCapacity (TOTAL) is added here. */
  readonly meter?: CapacityMeter;
}

/**
 * What to ask DynamoDB about consumed capacity: the total when a meter records it, nothing otherwise.
 * Asking costs DynamoDB Local about a millisecond of CPU a posted claim (measured by the posting bench).
 */
export function capacityOf(ctx: Pick<TableContext, 'meter'>): { ReturnConsumedCapacity?: 'TOTAL' } {
  return ctx.meter ? { ReturnConsumedCapacity: 'TOTAL' } : {};
}

/** Thrown when a stored item fails its contract: the store never hands back unchecked data. */
export class StoredItemError extends AppError {
  override readonly name = 'StoredItemError';
}

/** Error names DynamoDB uses for optimistic-concurrency losses that are safe to retry. */
export function isConflict(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'TransactionConflictException' || name === 'TransactionInProgressException';
}

/** Jittered exponential back-off, capped, for conflict retries. */
export function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(200, 5 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

/** The document client the store expects: undefined optional fields are dropped, not rejected. */
export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

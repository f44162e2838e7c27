/** Paged Query helper that meters capacity and returns every item. */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { capacityOf, type TableContext } from './table.ts';

/** Runs a Query to the end (following LastEvaluatedKey), recording capacity under `operation`. */
export async function queryAll(
  ctx: TableContext,
  operation: string,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'ReturnConsumedCapacity'>,
  limit?: number,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await ctx.doc.send(
      new QueryCommand({
        ...input,
        TableName: ctx.tableName,
        ExclusiveStartKey: startKey,
        ...capacityOf(ctx),
        ...(limit ? { Limit: limit - items.length } : {}),
      }),
    );
    ctx.meter?.record(operation, out.ConsumedCapacity);
    items.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey && (limit === undefined || items.length < limit));
  return items;
}

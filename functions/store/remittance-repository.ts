/** Remittances (835) as received, findable by their TRN02 trace number. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, PutCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { remittanceSchema, type Remittance } from '#schemas/remittance.ts';
import { indexKeys, indexPartitions, keys, withoutKeys } from './keys.ts';
import { queryAll } from './query.ts';
import { backoff, type TableContext } from './table.ts';

/** Creates the remittance repository. */
export function remittanceRepository(ctx: TableContext) {
  return {
    /** Stores a remittance once; a second save of the same id returns "duplicate" and writes nothing. */
    async save(remittance: Remittance): Promise<'saved' | 'duplicate'> {
      const r = remittanceSchema.parse(remittance);
      try {
        const out = await ctx.doc.send(
          new PutCommand({
            TableName: ctx.tableName,
            Item: {
              ...keys.remittance(r.remittanceId),
              itemType: 'Remittance',
              ...r,
              ...indexKeys.remittanceByTrace(r.traceNumber, r.payerId, r.remittanceId),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        ctx.meter?.record('remittances.save', out.ConsumedCapacity);
        return 'saved';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'duplicate';
        throw error;
      }
    },
    /** The remittance with this id, or null. */
    async get(remittanceId: string): Promise<Remittance | null> {
      const out = await ctx.doc.send(
        new GetCommand({ TableName: ctx.tableName, Key: keys.remittance(remittanceId), ReturnConsumedCapacity: 'TOTAL' }),
      );
      ctx.meter?.record('remittances.get', out.ConsumedCapacity);
      return out.Item ? remittanceSchema.parse(withoutKeys(out.Item)) : null;
    },
    /**
     * Which of these work items are open, read consistently 100 keys a BatchGetItem (posting asks this
     * once per batch of claims for the reversals held before their adjudication, instead of once a claim).
     */
    async openWorkItemIds(workItemIds: readonly string[]): Promise<Set<string>> {
      const open = new Set<string>();
      const unique = [...new Set(workItemIds)];
      for (let i = 0; i < unique.length; i += 100) {
        let keysLeft: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map((id) => ({ ...keys.workItem(id) }));
        for (let attempt = 1; keysLeft?.length; attempt += 1) {
          if (attempt > 1) await backoff(attempt - 1);
          const out: BatchGetCommandOutput = await ctx.doc.send(
            new BatchGetCommand({
              RequestItems: {
                [ctx.tableName]: {
                  Keys: keysLeft,
                  ConsistentRead: true,
                  ProjectionExpression: 'workItemId, #status',
                  ExpressionAttributeNames: { '#status': 'status' },
                },
              },
              ReturnConsumedCapacity: 'TOTAL',
            }),
          );
          ctx.meter?.record('remittances.openWorkItemIds', out.ConsumedCapacity);
          for (const item of out.Responses?.[ctx.tableName] ?? []) if (item.status === 'open') open.add(String(item.workItemId));
          keysLeft = out.UnprocessedKeys?.[ctx.tableName]?.Keys;
        }
      }
      return open;
    },
    /** Remittances carrying this TRN02 (one per payer, normally). */
    async findByTraceNumber(traceNumber: string): Promise<Remittance[]> {
      const items = await queryAll(ctx, 'remittances.findByTraceNumber', {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': indexPartitions.traceNumber(traceNumber) },
      });
      return items.map((item) => remittanceSchema.parse(withoutKeys(item)));
    },
  };
}

export type RemittanceRepository = ReturnType<typeof remittanceRepository>;

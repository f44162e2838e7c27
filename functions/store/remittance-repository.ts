/** Remittances (835) as received, findable by their TRN02 trace number. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { remittanceSchema, type Remittance } from '#schemas/remittance.ts';
import { indexKeys, indexPartitions, keys, withoutKeys } from './keys.ts';
import { queryAll } from './query.ts';
import type { TableContext } from './table.ts';

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

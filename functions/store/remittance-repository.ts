/** Remittances (835) as received, findable by their TRN02 trace number. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { remittanceSchema, type Remittance } from '#schemas/remittance.ts';
import { indexKeys, indexPartitions, keys, withoutKeys } from './keys.ts';
import { storedKeys } from './batch-writes.ts';
import { queryAll } from './query.ts';
import { capacityOf, type TableContext } from './table.ts';
import type { TransactItem } from './claim-repository.ts';
import type { ClaimWaitFor } from './wait-repository.ts';

/** A claim's wait as a read saw it: what the workflow waits for and its task token. */
export interface ClaimWaitSeen {
  readonly waitingFor: ClaimWaitFor;
  readonly taskToken: string;
}

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
            ...capacityOf(ctx),
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
      const out = await ctx.doc.send(new GetCommand({ TableName: ctx.tableName, Key: keys.remittance(remittanceId), ...capacityOf(ctx) }));
      ctx.meter?.record('remittances.get', out.ConsumedCapacity);
      return out.Item ? remittanceSchema.parse(withoutKeys(out.Item)) : null;
    },
    /**
     * What posting a batch of claims reads once for all of them, consistently, 100 keys a BatchGetItem:
     * which of these work items are open (reversals held before their adjudication) and which of these
     * claims a workflow waits on (null: none), instead of a read of each a claim.
     */
    async postingReads(
      workItemIds: readonly string[],
      claimIds: readonly string[],
    ): Promise<{ openWorkItems: Set<string>; waits: Map<string, ClaimWaitSeen | null> }> {
      const openWorkItems = new Set<string>();
      const waits = new Map<string, ClaimWaitSeen | null>([...new Set(claimIds)].map((id) => [id, null]));
      const wanted = [
        ...[...new Set(workItemIds)].map((id) => ({ ...keys.workItem(id) })),
        ...[...waits.keys()].map((id) => ({ ...keys.claimWait(id) })),
      ];
      // One consistent BatchGetItem per 100 keys, unprocessed keys read again (batch-writes.ts).
      const found = await storedKeys(ctx, wanted, { attributes: ['workItemId', 'status', 'claimId', 'waitingFor', 'taskToken'] });
      for (const item of found.values()) {
        if (item.sk === '#WAIT')
          waits.set(String(item.claimId), { waitingFor: item.waitingFor as ClaimWaitFor, taskToken: String(item.taskToken) });
        else if (item.status === 'open') openWorkItems.add(String(item.workItemId));
      }
      return { openWorkItems, waits };
    },
    /**
     * The write that goes in a claim's posting transaction about its wait as `postingReads` saw it: the
     * wait taken (deleted only while it holds that token: exactly one party resumes it), or, when none
     * was seen, a check that none came since (a workflow that registers meanwhile makes the transaction
     * fail, and the step-by-step posting tells it).
     */
    waitWrite(claimId: string, seen: ClaimWaitSeen | null): TransactItem {
      return seen
        ? {
            Delete: {
              TableName: ctx.tableName,
              Key: keys.claimWait(claimId),
              ConditionExpression: 'taskToken = :t',
              ExpressionAttributeValues: { ':t': seen.taskToken },
            },
          }
        : { ConditionCheck: { TableName: ctx.tableName, Key: keys.claimWait(claimId), ConditionExpression: 'attribute_not_exists(pk)' } };
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

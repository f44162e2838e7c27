/**
 * Statement requests: what is left on a claim for the patient, waiting for the statements capability
 * to send it. One per claim (a conditional put), listed oldest first while `requested` (sparse gsi3).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { sentStatementSchema, statementRequestSchema, type SentStatement, type StatementRequest } from '#schemas/settlement.ts';
import { indexKeys, indexPartitions, keys, withoutKeys } from './keys.ts';
import { queryAll } from './query.ts';
import { StoredItemError, type TableContext, capacityOf } from './table.ts';

/** Creates the statement-request repository. */
export function statementRepository(ctx: TableContext) {
  const parse = (item: Record<string, unknown>): StatementRequest => {
    const parsed = statementRequestSchema.safeParse(withoutKeys(item));
    if (!parsed.success) throw new StoredItemError(`statement request ${String(item.statementRequestId)} fails its contract`);
    return parsed.data;
  };

  async function get(statementRequestId: string): Promise<StatementRequest | null> {
    const out = await ctx.doc.send(
      new GetCommand({
        TableName: ctx.tableName,
        Key: keys.statementRequest(statementRequestId),
        ConsistentRead: true,
        ...capacityOf(ctx),
      }),
    );
    ctx.meter?.record('statements.get', out.ConsumedCapacity);
    return out.Item ? parse(out.Item) : null;
  }

  return {
    /** Stores the request once; a second request with the same id writes nothing and says `exists`. */
    async request(request: StatementRequest): Promise<'created' | 'exists'> {
      const r = statementRequestSchema.parse(request);
      try {
        const out = await ctx.doc.send(
          new PutCommand({
            TableName: ctx.tableName,
            Item: {
              ...keys.statementRequest(r.statementRequestId),
              itemType: 'StatementRequest',
              ...r,
              ...(r.status === 'requested' ? indexKeys.requestedStatement(r.requestedAt, r.statementRequestId) : {}),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
            ...capacityOf(ctx),
          }),
        );
        ctx.meter?.record('statements.request', out.ConsumedCapacity);
        return 'created';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'exists';
        throw error;
      }
    },
    /** The request with this id, or null. */
    get,
    /**
     * Marks a `requested` request `sent` with the statement produced for it, and takes it off the
     * waiting list. Conditional: a request already sent keeps what it recorded (`already-sent`), so a
     * retry neither re-marks it nor replaces its statement.
     */
    async markSent(statementRequestId: string, sent: SentStatement): Promise<'sent' | 'already-sent'> {
      const s = sentStatementSchema.parse(sent);
      try {
        const out = await ctx.doc.send(
          new UpdateCommand({
            TableName: ctx.tableName,
            Key: keys.statementRequest(statementRequestId),
            UpdateExpression: 'SET #status = :sent, #detail = :detail REMOVE gsi3pk, gsi3sk',
            ConditionExpression: 'attribute_exists(pk) AND #status = :requested',
            ExpressionAttributeNames: { '#status': 'status', '#detail': 'sent' },
            ExpressionAttributeValues: { ':sent': 'sent', ':requested': 'requested', ':detail': s },
            ...capacityOf(ctx),
          }),
        );
        ctx.meter?.record('statements.markSent', out.ConsumedCapacity);
        return 'sent';
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const stored = await get(statementRequestId);
        if (stored?.status === 'sent') return 'already-sent';
        throw new StoredItemError(`statement request ${statementRequestId} is missing; it cannot be marked sent`);
      }
    },
    /** Requests still waiting to be sent, oldest first. */
    async listRequested(options: { readonly limit?: number } = {}): Promise<StatementRequest[]> {
      const items = await queryAll(
        ctx,
        'statements.listRequested',
        {
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :pk',
          ExpressionAttributeValues: { ':pk': indexPartitions.requestedStatements },
          ScanIndexForward: true,
        },
        options.limit,
      );
      return items.map(parse);
    },
  };
}

export type StatementRepository = ReturnType<typeof statementRepository>;

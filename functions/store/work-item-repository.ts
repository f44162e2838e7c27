/**
 * Work items: one item per thing a person must decide, listed per queue by deadline then amount.
 * A waiting workflow's task token is kept on the item (never returned to callers); resolving takes it
 * in the same conditional write that closes the item, so exactly one decision resumes the workflow.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { workItemSchema, type WorkItem, type WorkItemResolution, type WorkQueue } from '#schemas/work-item.ts';
import { InputValidationError, RecordNotFoundError } from '#functions/errors/index.ts';
import { indexKeys, indexPartitions, keys, withoutKeys } from './keys.ts';
import { queryAll } from './query.ts';
import { StoredItemError, type TableContext, capacityOf } from './table.ts';

export type OpenOutcome = { readonly status: 'opened' | 'already-open'; readonly item: WorkItem };
export type ResolveOutcome =
  | { readonly status: 'resolved'; readonly item: WorkItem; readonly taskToken?: string }
  | { readonly status: 'already-resolved'; readonly item: WorkItem };
export type AttachOutcome = { readonly status: 'waiting' } | { readonly status: 'already-resolved'; readonly item: WorkItem };

export interface WorkItemPage {
  readonly items: readonly WorkItem[];
  readonly nextToken?: string;
}

export interface ListWorkItemsQuery {
  readonly queue: WorkQueue;
  readonly status: 'open' | 'resolved';
  readonly payerId?: string;
  readonly kind?: string;
  readonly dueBy?: string;
  readonly limit: number;
  readonly nextToken?: string;
}

const encodeToken = (key: Record<string, unknown> | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

/** A page token this API minted for this queue: the gsi3 start key, nothing else; anything else is the caller's mistake. */
function decodeToken(token: string | undefined, partition: string): Record<string, unknown> | undefined {
  if (!token) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const fields = key && typeof key === 'object' && !Array.isArray(key) ? Object.entries(key) : [];
  const shaped =
    fields.length === 4 &&
    fields.every(([name, value]) => ['pk', 'sk', 'gsi3pk', 'gsi3sk'].includes(name) && typeof value === 'string') &&
    (key as Record<string, unknown>).gsi3pk === partition;
  if (!shaped) throw new InputValidationError([{ path: 'nextToken', message: 'is not a token this API returned for this queue' }]);
  return key as Record<string, unknown>;
}

/** Creates the work-item repository. */
export function workItemRepository(ctx: TableContext) {
  const parse = (raw: Record<string, unknown>): WorkItem => {
    const parsed = workItemSchema.safeParse({ ...withoutKeys(raw), awaited: typeof raw.taskToken === 'string' });
    if (!parsed.success) throw new StoredItemError(`work item ${String(raw.workItemId)} fails its contract`);
    return parsed.data;
  };

  return {
    /** Stores a new open item; the same id again returns the stored item unchanged. */
    async open(item: WorkItem): Promise<OpenOutcome> {
      const stored = workItemSchema.parse({ ...item, status: 'open', awaited: false, resolution: undefined });
      // `awaited` is derived on every read from the token's presence; it is not stored.
      const { awaited: _awaited, ...attributes } = stored;
      try {
        const out = await ctx.doc.send(
          new PutCommand({
            TableName: ctx.tableName,
            Item: {
              ...attributes,
              ...keys.workItem(stored.workItemId),
              ...indexKeys.openWorkItem(stored.queue, stored.deadline, stored.amountCents, stored.workItemId),
              ...(stored.claimId ? indexKeys.workItemOfClaim(stored.claimId, stored.queue, stored.workItemId) : {}),
              itemType: 'WorkItem',
            },
            ConditionExpression: 'attribute_not_exists(pk)',
            ...capacityOf(ctx),
          }),
        );
        ctx.meter?.record('work.open', out.ConsumedCapacity);
        return { status: 'opened', item: stored };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const existing = await this.get(stored.workItemId);
        if (!existing) throw error;
        return { status: 'already-open', item: existing };
      }
    },

    /** One item, or null. */
    async get(workItemId: string): Promise<WorkItem | null> {
      const out = await ctx.doc.send(
        new GetCommand({ TableName: ctx.tableName, Key: keys.workItem(workItemId), ConsistentRead: true, ...capacityOf(ctx) }),
      );
      ctx.meter?.record('work.get', out.ConsumedCapacity);
      return out.Item ? parse(out.Item) : null;
    },

    /** A queue's items, open ones by deadline then largest amount, resolved ones by decision time. */
    async list(query: ListWorkItemsQuery): Promise<WorkItemPage> {
      const filters: string[] = [];
      const values: Record<string, unknown> = { ':pk': indexPartitions.queue(query.queue, query.status) };
      if (query.payerId) {
        filters.push('payerId = :payerId');
        values[':payerId'] = query.payerId;
      }
      if (query.kind) {
        filters.push('kind = :kind');
        values[':kind'] = query.kind;
      }
      let condition = 'gsi3pk = :pk';
      if (query.dueBy && query.status === 'open') {
        condition += ' AND gsi3sk < :due';
        values[':due'] = `${query.dueBy}#~`;
      }
      const items: WorkItem[] = [];
      let startKey = decodeToken(query.nextToken, values[':pk'] as string);
      // A filter can leave a page short: keep reading until the page is full or the queue ends.
      do {
        const out = await ctx.doc.send(
          new QueryCommand({
            TableName: ctx.tableName,
            IndexName: 'gsi3',
            KeyConditionExpression: condition,
            ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
            ExpressionAttributeValues: values,
            Limit: query.limit - items.length,
            ExclusiveStartKey: startKey,
            ...capacityOf(ctx),
          }),
        );
        ctx.meter?.record('work.list', out.ConsumedCapacity);
        items.push(...(out.Items ?? []).map(parse));
        startKey = out.LastEvaluatedKey;
      } while (startKey && items.length < query.limit);
      const nextToken = encodeToken(startKey);
      return nextToken ? { items, nextToken } : { items };
    },

    /** The claim's items in one queue, open ones first. */
    async forClaim(claimId: string, queue: WorkQueue): Promise<WorkItem[]> {
      const raw = await queryAll(ctx, 'work.forClaim', {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :queue)',
        ExpressionAttributeValues: { ':pk': indexPartitions.workOfClaim(claimId), ':queue': `${queue}#` },
      });
      const items = raw.map(parse);
      return [...items.filter((i) => i.status === 'open'), ...items.filter((i) => i.status !== 'open')];
    },

    /**
     * Rewrites the summary and details of an item still open (e.g. an escalation); its queue position,
     * its decision and a waiting workflow's token are untouched. Null when the item is no longer open.
     */
    async annotateOpen(workItemId: string, change: Pick<WorkItem, 'summary' | 'details'>): Promise<WorkItem | null> {
      const checked = workItemSchema.pick({ summary: true, details: true }).parse(change);
      try {
        const out = await ctx.doc.send(
          new UpdateCommand({
            TableName: ctx.tableName,
            Key: keys.workItem(workItemId),
            UpdateExpression: 'SET summary = :summary, details = :details',
            ConditionExpression: 'attribute_exists(pk) AND #status = :open',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':summary': checked.summary, ':details': checked.details, ':open': 'open' },
            ReturnValues: 'ALL_NEW',
            ...capacityOf(ctx),
          }),
        );
        ctx.meter?.record('work.annotate', out.ConsumedCapacity);
        return out.Attributes ? parse(out.Attributes) : null;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return null;
        throw error;
      }
    },

    /** Parks a workflow's token on an open item; an item resolved meanwhile is returned instead. */
    async attachToken(workItemId: string, taskToken: string): Promise<AttachOutcome> {
      try {
        const out = await ctx.doc.send(
          new UpdateCommand({
            TableName: ctx.tableName,
            Key: keys.workItem(workItemId),
            UpdateExpression: 'SET taskToken = :token',
            ConditionExpression: 'attribute_exists(pk) AND #status = :open',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':token': taskToken, ':open': 'open' },
            ...capacityOf(ctx),
          }),
        );
        ctx.meter?.record('work.attach', out.ConsumedCapacity);
        return { status: 'waiting' };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const item = await this.get(workItemId);
        if (!item) throw new RecordNotFoundError('work item', 'workItemId');
        return { status: 'already-resolved', item };
      }
    },

    /** Closes an open item with its decision, once; returns the waiting workflow's token, taken. */
    async resolve(workItemId: string, resolution: WorkItemResolution): Promise<ResolveOutcome> {
      const current = await this.get(workItemId);
      if (!current) throw new RecordNotFoundError('work item', 'workItemId');
      if (current.status === 'resolved') return { status: 'already-resolved', item: current };
      try {
        const out = await ctx.doc.send(
          new UpdateCommand({
            TableName: ctx.tableName,
            Key: keys.workItem(workItemId),
            UpdateExpression: 'SET #status = :resolved, resolution = :resolution, gsi3pk = :gsi3pk, gsi3sk = :gsi3sk REMOVE taskToken',
            ConditionExpression: '#status = :open',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':resolved': 'resolved',
              ':open': 'open',
              ':resolution': resolution,
              ...Object.fromEntries(
                Object.entries(indexKeys.resolvedWorkItem(current.queue, resolution.decidedAt, workItemId)).map(([k, v]) => [`:${k}`, v]),
              ),
            },
            ReturnValues: 'ALL_OLD',
            ...capacityOf(ctx),
          }),
        );
        ctx.meter?.record('work.resolve', out.ConsumedCapacity);
        const token = out.Attributes?.taskToken;
        const item: WorkItem = { ...current, status: 'resolved', awaited: false, resolution };
        return typeof token === 'string' ? { status: 'resolved', item, taskToken: token } : { status: 'resolved', item };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const item = await this.get(workItemId);
        if (!item) throw error;
        return { status: 'already-resolved', item };
      }
    },
  };
}

export type WorkItemRepository = ReturnType<typeof workItemRepository>;

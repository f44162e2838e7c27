/** Reference data the domain needs as input: payer profiles and providers; and numbering counters. */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { payerProfileSchema, type PayerProfile } from '#schemas/payer-profile.ts';
import { providerSchema, type Provider } from '#schemas/provider.ts';
import { keys, withoutKeys, type Key } from './keys.ts';
import { StoredItemError, type TableContext, capacityOf } from './table.ts';

/** Creates the reference-data repository. */
export function referenceRepository(ctx: TableContext) {
  async function get(operation: string, key: Key): Promise<Record<string, unknown> | null> {
    const out = await ctx.doc.send(new GetCommand({ TableName: ctx.tableName, Key: key, ...capacityOf(ctx) }));
    ctx.meter?.record(operation, out.ConsumedCapacity);
    return out.Item ? withoutKeys(out.Item) : null;
  }
  async function put(operation: string, item: Record<string, unknown>): Promise<void> {
    const out = await ctx.doc.send(new PutCommand({ TableName: ctx.tableName, Item: item, ...capacityOf(ctx) }));
    ctx.meter?.record(operation, out.ConsumedCapacity);
  }
  return {
    /**
     * Reserves `count` consecutive numbers of the named counter (one atomic ADD), e.g. X12 interchange
     * control numbers; concurrent callers never get the same number. Returns the first and the last.
     */
    async reserveNumbers(name: string, count = 1): Promise<{ first: number; last: number }> {
      if (!Number.isSafeInteger(count) || count < 1) throw new RangeError('count: a positive integer');
      const out = await ctx.doc.send(
        new UpdateCommand({
          TableName: ctx.tableName,
          Key: keys.counter(name),
          UpdateExpression: 'ADD #value :count SET itemType = :type',
          ExpressionAttributeNames: { '#value': 'value' },
          ExpressionAttributeValues: { ':count': count, ':type': 'Counter' },
          ReturnValues: 'UPDATED_NEW',
          ...capacityOf(ctx),
        }),
      );
      ctx.meter?.record('reference.reserveNumbers', out.ConsumedCapacity);
      const last = Number(out.Attributes?.value);
      return { first: last - count + 1, last };
    },
    async putPayerProfile(profile: PayerProfile): Promise<void> {
      const p = payerProfileSchema.parse(profile);
      await put('reference.putPayerProfile', { ...keys.payerProfile(p.payerId), itemType: 'PayerProfile', ...p });
    },
    async getPayerProfile(payerId: string): Promise<PayerProfile | null> {
      const item = await get('reference.getPayerProfile', keys.payerProfile(payerId));
      if (!item) return null;
      const parsed = payerProfileSchema.safeParse(item);
      if (!parsed.success) throw new StoredItemError(`payer profile ${payerId} fails its contract`);
      return parsed.data;
    },
    async putProvider(provider: Provider): Promise<void> {
      const p = providerSchema.parse(provider);
      await put('reference.putProvider', { ...keys.provider(p.providerId), itemType: 'Provider', ...p });
    },
    async getProvider(providerId: string): Promise<Provider | null> {
      const item = await get('reference.getProvider', keys.provider(providerId));
      if (!item) return null;
      const parsed = providerSchema.safeParse(item);
      if (!parsed.success) throw new StoredItemError(`provider ${providerId} fails its contract`);
      return parsed.data;
    },
  };
}

export type ReferenceRepository = ReturnType<typeof referenceRepository>;

/**
 * Prior authorizations: kept in the patient's partition (read with the patient record), listed by the
 * day they end while live (gsi3 AUTHS#LIVE) for the sweep that warns ahead of expiry, and charged
 * units per claim with a map update that is idempotent per claim; a claim denied whole or voided gives
 * its units back by leaving the map.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { authorizationSchema, type Authorization } from '#schemas/authorization.ts';
import { indexKeys, keys, withoutKeys } from './keys.ts';
import { queryAll } from './query.ts';
import { StoredItemError, type TableContext, capacityOf } from './table.ts';

const LIVE = new Set<Authorization['status']>(['requested', 'pended', 'approved', 'partially-approved']);

/** The stored item of an authorization: its keys, and the live index keys while it can still authorize. */
export function authorizationItem(a: Authorization): Record<string, unknown> {
  return {
    ...keys.authorization(a.patientId, a.authorizationId),
    ...(LIVE.has(a.status) ? indexKeys.liveAuthorization(a.validThrough, a.patientId, a.authorizationId) : {}),
    itemType: 'Authorization',
    ...a,
  };
}

function parse(item: Record<string, unknown>): Authorization {
  const parsed = authorizationSchema.safeParse(withoutKeys(item));
  if (!parsed.success) throw new StoredItemError('a stored authorization fails its contract');
  return parsed.data;
}

/** Creates the authorization repository. */
export function authorizationRepository(ctx: TableContext) {
  return {
    /** One authorization; null if unknown. */
    async get(patientId: string, authorizationId: string): Promise<Authorization | null> {
      const out = await ctx.doc.send(
        new GetCommand({
          TableName: ctx.tableName,
          Key: keys.authorization(patientId, authorizationId),
          ConsistentRead: true,
          ...capacityOf(ctx),
        }),
      );
      ctx.meter?.record('authorizations.get', out.ConsumedCapacity);
      return out.Item ? parse(out.Item) : null;
    },
    /** Creates or replaces one authorization (its billed units included: read it first). */
    async put(authorization: Authorization): Promise<void> {
      const a = authorizationSchema.parse(authorization);
      const out = await ctx.doc.send(new PutCommand({ TableName: ctx.tableName, Item: authorizationItem(a), ...capacityOf(ctx) }));
      ctx.meter?.record('authorizations.put', out.ConsumedCapacity);
    },
    /**
     * Sets the units one claim bills against an authorization (set, not added: a retry or a
     * replacement claim leaves one entry). False when the authorization does not exist.
     */
    async recordBilledUnits(patientId: string, authorizationId: string, claimId: string, units: number): Promise<boolean> {
      const Key = keys.authorization(patientId, authorizationId);
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          const out = await ctx.doc.send(
            new UpdateCommand({
              TableName: ctx.tableName,
              Key,
              UpdateExpression: 'SET billedUnits.#claim = :units',
              ConditionExpression: 'attribute_exists(billedUnits)',
              ExpressionAttributeNames: { '#claim': claimId },
              ExpressionAttributeValues: { ':units': units },
              ...capacityOf(ctx),
            }),
          );
          ctx.meter?.record('authorizations.recordBilledUnits', out.ConsumedCapacity);
          return true;
        } catch (error) {
          if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
        }
        try {
          // The first claim billed: create the map (only if no other claim created it meanwhile).
          const out = await ctx.doc.send(
            new UpdateCommand({
              TableName: ctx.tableName,
              Key,
              UpdateExpression: 'SET billedUnits = :map',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(billedUnits)',
              ExpressionAttributeValues: { ':map': { [claimId]: units } },
              ...capacityOf(ctx),
            }),
          );
          ctx.meter?.record('authorizations.recordBilledUnits', out.ConsumedCapacity);
          return true;
        } catch (error) {
          if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
          if (!(await this.get(patientId, authorizationId))) return false;
        }
      }
      throw new StoredItemError('billed units could not be recorded after 3 attempts');
    },
    /**
     * Gives back the units one claim billed against an authorization (its entry leaves the map): the
     * claim was denied whole or voided. Returns the units given back, 0 when the claim had none there
     * (never billed, or already given back: a second call changes nothing).
     */
    async releaseBilledUnits(patientId: string, authorizationId: string, claimId: string): Promise<number> {
      try {
        const out = await ctx.doc.send(
          new UpdateCommand({
            TableName: ctx.tableName,
            Key: keys.authorization(patientId, authorizationId),
            UpdateExpression: 'REMOVE billedUnits.#claim',
            ConditionExpression: 'attribute_exists(billedUnits.#claim)',
            ExpressionAttributeNames: { '#claim': claimId },
            ReturnValues: 'UPDATED_OLD',
            ...capacityOf(ctx),
          }),
        );
        ctx.meter?.record('authorizations.releaseBilledUnits', out.ConsumedCapacity);
        return Number((out.Attributes?.billedUnits as Record<string, unknown> | undefined)?.[claimId] ?? 0);
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return 0;
        throw error;
      }
    },
    /**
     * Marks a live authorization expired and takes it out of the live index, changing nothing else (a
     * claim's units charged or given back meanwhile stay). False when it is no longer live or unknown.
     */
    async expire(patientId: string, authorizationId: string): Promise<boolean> {
      try {
        const out = await ctx.doc.send(
          new UpdateCommand({
            TableName: ctx.tableName,
            Key: keys.authorization(patientId, authorizationId),
            UpdateExpression: 'SET #status = :expired REMOVE gsi3pk, gsi3sk',
            ConditionExpression: '#status IN (' + [...LIVE].map((_, i) => `:live${i}`).join(', ') + ')',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':expired': 'expired',
              ...Object.fromEntries([...LIVE].map((status, i) => [`:live${i}`, status])),
            },
            ...capacityOf(ctx),
          }),
        );
        ctx.meter?.record('authorizations.expire', out.ConsumedCapacity);
        return true;
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },
    /** Live authorizations (asked, pended, approved) that end on or before `date`, soonest first. */
    async listLiveEndingBy(date: string): Promise<Authorization[]> {
      const items = await queryAll(ctx, 'authorizations.listLiveEndingBy', {
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk <= :until',
        ExpressionAttributeValues: { ':pk': 'AUTHS#LIVE', ':until': `${date}#\uffff` },
      });
      return items.map(parse);
    },
  };
}

export type AuthorizationRepository = ReturnType<typeof authorizationRepository>;

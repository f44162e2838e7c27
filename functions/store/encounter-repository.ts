/**
 * Captured encounters, one item each: the encounter as captured, the claim built from it and a
 * fingerprint of the capture request. The item is the idempotency record of charge capture: it is
 * written once (conditional put), and a retry finds it and finishes what the first attempt started.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { encounterSchema } from '#schemas/encounter.ts';
import { entityId, isoDateTime } from '#schemas/common.ts';
import { keys, withoutKeys } from './keys.ts';
import { StoredItemError, type TableContext, capacityOf } from './table.ts';

export const capturedEncounterSchema = z.object({
  encounter: encounterSchema,
  claimId: entityId,
  /** SHA-256 of the capture request's encounter and billing provider: a retry carries the same. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  capturedAt: isoDateTime,
});
export type CapturedEncounter = z.infer<typeof capturedEncounterSchema>;

/** Creates the encounter repository. */
export function encounterRepository(ctx: TableContext) {
  async function get(encounterId: string): Promise<CapturedEncounter | null> {
    const out = await ctx.doc.send(
      new GetCommand({ TableName: ctx.tableName, Key: keys.encounter(encounterId), ConsistentRead: true, ...capacityOf(ctx) }),
    );
    ctx.meter?.record('encounters.get', out.ConsumedCapacity);
    if (!out.Item) return null;
    const parsed = capturedEncounterSchema.safeParse(withoutKeys(out.Item));
    if (!parsed.success) throw new StoredItemError('a stored encounter fails its contract');
    return parsed.data;
  }

  return {
    get,
    /** Records a captured encounter once; when one with its id exists, returns that one and writes nothing. */
    async capture(captured: CapturedEncounter): Promise<{ readonly status: 'created' | 'exists'; readonly captured: CapturedEncounter }> {
      const c = capturedEncounterSchema.parse(captured);
      try {
        const out = await ctx.doc.send(
          new PutCommand({
            TableName: ctx.tableName,
            Item: { ...keys.encounter(c.encounter.encounterId), itemType: 'Encounter', ...c },
            ConditionExpression: 'attribute_not_exists(pk)',
            ...capacityOf(ctx),
          }),
        );
        ctx.meter?.record('encounters.capture', out.ConsumedCapacity);
        return { status: 'created', captured: c };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const existing = await get(c.encounter.encounterId);
        if (!existing) throw error;
        return { status: 'exists', captured: existing };
      }
    },
  };
}

export type EncounterRepository = ReturnType<typeof encounterRepository>;

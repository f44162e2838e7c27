/**
 * Where a claim's workflow waits for the payer: the Step Functions task token of the execution that
 * waits for the claim's acknowledgement or adjudication, kept beside the claim. Whoever records the
 * awaited event takes the token (an atomic delete, so exactly one party resumes the workflow).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ClaimStatus } from '#schemas/claim.ts';
import { keys } from './keys.ts';
import { capacityOf, type TableContext } from './table.ts';

export type ClaimWaitFor = 'acknowledgement' | 'adjudication';

/** Which waits a claim status ends: an acknowledgement is over once the claim is accepted or further. */
export function waitsEndedBy(status: ClaimStatus): ClaimWaitFor[] {
  if (status === 'accepted') return ['acknowledgement'];
  if (['rejected', 'paid', 'partially-paid', 'denied', 'corrected', 'voided', 'closed'].includes(status))
    return ['acknowledgement', 'adjudication'];
  return [];
}

/** Creates the claim-wait repository. */
export function waitRepository(ctx: TableContext) {
  return {
    /** Registers (or replaces) the token of the execution waiting on the claim. */
    async put(claimId: string, waitingFor: ClaimWaitFor, taskToken: string, since: string): Promise<void> {
      const out = await ctx.doc.send(
        new PutCommand({
          TableName: ctx.tableName,
          Item: { ...keys.claimWait(claimId), itemType: 'ClaimWait', claimId, waitingFor, taskToken, since },
          ...capacityOf(ctx),
        }),
      );
      ctx.meter?.record('waits.put', out.ConsumedCapacity);
    },
    /** Takes the token if the claim's new status ends what it waits for; null when nobody waits for that. */
    async takeIfEnded(claimId: string, status: ClaimStatus): Promise<{ waitingFor: ClaimWaitFor; taskToken: string } | null> {
      const ended = waitsEndedBy(status);
      if (ended.length === 0) return null;
      try {
        const out = await ctx.doc.send(
          new DeleteCommand({
            TableName: ctx.tableName,
            Key: keys.claimWait(claimId),
            ConditionExpression: `attribute_exists(pk) AND waitingFor IN (${ended.map((_, i) => `:w${i}`).join(', ')})`,
            ExpressionAttributeValues: Object.fromEntries(ended.map((w, i) => [`:w${i}`, w])),
            ReturnValues: 'ALL_OLD',
            ...capacityOf(ctx),
          }),
        );
        ctx.meter?.record('waits.take', out.ConsumedCapacity);
        const old = out.Attributes;
        return old ? { waitingFor: old.waitingFor as ClaimWaitFor, taskToken: String(old.taskToken) } : null;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return null;
        throw error;
      }
    },
  };
}

export type WaitRepository = ReturnType<typeof waitRepository>;

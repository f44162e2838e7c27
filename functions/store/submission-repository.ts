/**
 * Claim submission batches: what was sent under which interchange control number, fixed on the first
 * attempt so that a retried submission writes the very same 837 (the gateway is idempotent by batch id
 * and refuses a batch id whose content changed).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { isoDateTime } from '#schemas/common.ts';
import { keys, withoutKeys } from './keys.ts';
import { referenceRepository } from './reference-repository.ts';
import { StoredItemError, type TableContext, capacityOf } from './table.ts';

export const submissionBatchSchema = z.object({
  batchId: z.string().min(1).max(64),
  payerId: z.string().min(1),
  claimIds: z.array(z.string().min(1)).min(1),
  /** ISA13, nine digits; the claims' `submitted` events carry it. */
  interchangeControlNumber: z.string().regex(/^\d{9}$/),
  /** When the batch was first prepared; the 837's ISA/GS/BHT dates and times come from it. */
  preparedAt: isoDateTime,
  /**
   * GS06 of the batch's first functional group (an 837P and an 837I each get one; two are reserved).
   * Unique across batches, because the 999 names only the group and set control numbers it answers.
   */
  firstGroupControlNumber: z.number().int().min(1).max(999_999_999),
  /** Set once the 837 is written: the group and transaction set control numbers each claim went under, which the 999 refers to. */
  transactionSets: z
    .array(
      z.object({
        claimType: z.enum(['837P', '837I']),
        groupControlNumber: z.string().regex(/^\d{1,9}$/),
        controlNumber: z.string().regex(/^\d{4,9}$/),
        patientControlNumbers: z.array(z.string().min(1)),
      }),
    )
    .optional(),
  /** When the gateway queued it, and where (outbox manifest key). */
  queuedAt: isoDateTime.optional(),
  manifestKey: z.string().optional(),
});
export type SubmissionBatch = z.infer<typeof submissionBatchSchema>;

/** A counter value as a nine-digit control number: 1..999999999, wrapping. */
export function controlNumberOf(n: number): number {
  return ((n - 1) % 999_999_999) + 1;
}

/** ISA13 from a counter value: 1..999999999, wrapping, zero-padded. */
export function interchangeControlNumberOf(n: number): string {
  return String(controlNumberOf(n)).padStart(9, '0');
}

/** Group control numbers an 837 batch may use: one per functional group (837P, 837I). */
export const GROUPS_PER_BATCH = 2;

/** Creates the submission-batch repository. */
export function submissionRepository(ctx: TableContext) {
  const reference = referenceRepository(ctx);
  async function get(batchId: string): Promise<SubmissionBatch | null> {
    const out = await ctx.doc.send(
      new GetCommand({
        TableName: ctx.tableName,
        Key: keys.submissionBatch(batchId),
        ConsistentRead: true,
        ...capacityOf(ctx),
      }),
    );
    ctx.meter?.record('submissions.get', out.ConsumedCapacity);
    if (!out.Item) return null;
    const parsed = submissionBatchSchema.safeParse(withoutKeys(out.Item));
    if (!parsed.success) throw new StoredItemError(`submission batch ${batchId} fails its contract`);
    return parsed.data;
  }
  return {
    get,
    /** The batch whose 837 went out under this GS06 (what a 999's AK1 names), if it was ours. */
    async findByGroupControlNumber(groupControlNumber: number): Promise<SubmissionBatch | null> {
      const out = await ctx.doc.send(
        new GetCommand({ TableName: ctx.tableName, Key: keys.groupControl(groupControlNumber), ...capacityOf(ctx) }),
      );
      ctx.meter?.record('submissions.findByGroupControlNumber', out.ConsumedCapacity);
      const batchId = out.Item?.batchId;
      return typeof batchId === 'string' ? get(batchId) : null;
    },
    /**
     * The batch as first prepared: on the first call a control number is reserved and the batch stored;
     * later calls (retries, concurrent starts) get the stored batch back, whatever they pass.
     */
    /** Records what was written and where the gateway queued it (idempotent: same values each retry). */
    async recordQueued(
      batchId: string,
      written: Required<Pick<SubmissionBatch, 'transactionSets' | 'queuedAt' | 'manifestKey'>>,
    ): Promise<void> {
      const out = await ctx.doc.send(
        new UpdateCommand({
          TableName: ctx.tableName,
          Key: keys.submissionBatch(batchId),
          UpdateExpression: 'SET transactionSets = :sets, queuedAt = if_not_exists(queuedAt, :at), manifestKey = :manifest',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':sets': written.transactionSets, ':at': written.queuedAt, ':manifest': written.manifestKey },
          ...capacityOf(ctx),
        }),
      );
      ctx.meter?.record('submissions.recordQueued', out.ConsumedCapacity);
    },
    async prepare(batch: Pick<SubmissionBatch, 'batchId' | 'payerId' | 'claimIds'>, preparedAt: string): Promise<SubmissionBatch> {
      const existing = await get(batch.batchId);
      if (existing) return existing;
      const { first } = await reference.reserveNumbers('x12-interchange');
      const groups = await reference.reserveNumbers('x12-group', GROUPS_PER_BATCH);
      const record = submissionBatchSchema.parse({
        ...batch,
        interchangeControlNumber: interchangeControlNumberOf(first),
        firstGroupControlNumber: controlNumberOf(groups.first),
        preparedAt,
      });
      // Pointers first: a 999 names a group control number, and must find its batch. A pointer of a
      // batch that loses the race below points at numbers nobody uses.
      for (let i = 0; i < GROUPS_PER_BATCH; i++) {
        const out = await ctx.doc.send(
          new PutCommand({
            TableName: ctx.tableName,
            Item: { ...keys.groupControl(controlNumberOf(groups.first + i)), itemType: 'GroupControl', batchId: record.batchId },
            ...capacityOf(ctx),
          }),
        );
        ctx.meter?.record('submissions.prepare', out.ConsumedCapacity);
      }
      try {
        const out = await ctx.doc.send(
          new PutCommand({
            TableName: ctx.tableName,
            Item: { ...keys.submissionBatch(record.batchId), itemType: 'SubmissionBatch', ...record },
            ConditionExpression: 'attribute_not_exists(pk)',
            ...capacityOf(ctx),
          }),
        );
        ctx.meter?.record('submissions.prepare', out.ConsumedCapacity);
        return record;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const winner = await get(batch.batchId);
        if (!winner) throw error;
        return winner;
      }
    },
  };
}

export type SubmissionRepository = ReturnType<typeof submissionRepository>;

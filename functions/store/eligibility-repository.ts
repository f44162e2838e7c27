/**
 * Eligibility answers: what a payer said about a coverage for a date of service (270/271), one item
 * per answer (the history is kept: the nightly re-verification compares the newest with the one
 * before), plus a copy of the newest answer of the coverage for a one-GetItem read.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { eligibilityAnswerSchema, type EligibilityAnswer } from '#schemas/eligibility.ts';
import { indexPartitions, keys, withoutKeys } from './keys.ts';
import { queryAll } from './query.ts';
import { StoredItemError, type TableContext, capacityOf } from './table.ts';

const parse = (item: Record<string, unknown>): EligibilityAnswer => {
  const parsed = eligibilityAnswerSchema.safeParse(withoutKeys(item));
  if (!parsed.success) throw new StoredItemError('a stored eligibility answer fails its contract');
  return parsed.data;
};

/** Creates the eligibility repository. */
export function eligibilityRepository(ctx: TableContext) {
  return {
    /** Stores an answer once (the same coverage, date, time and trace again writes nothing) and moves the coverage's newest copy forward. */
    async save(answer: EligibilityAnswer): Promise<'saved' | 'duplicate'> {
      const a = eligibilityAnswerSchema.parse(answer);
      try {
        const out = await ctx.doc.send(
          new PutCommand({
            TableName: ctx.tableName,
            Item: {
              ...keys.eligibilityAnswer(a.patientId, a.coverageId, a.dateOfService, a.checkedAt, a.traceNumber),
              itemType: 'EligibilityAnswer',
              ...a,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
            ...capacityOf(ctx),
          }),
        );
        ctx.meter?.record('eligibility.save', out.ConsumedCapacity);
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'duplicate';
        throw error;
      }
      try {
        // Only ever forward: a slower writer with an older answer leaves the newer copy in place.
        const out = await ctx.doc.send(
          new PutCommand({
            TableName: ctx.tableName,
            Item: { ...keys.latestEligibility(a.patientId, a.coverageId), itemType: 'LatestEligibility', ...a },
            ConditionExpression: 'attribute_not_exists(pk) OR checkedAt <= :at',
            ExpressionAttributeValues: { ':at': a.checkedAt },
            ...capacityOf(ctx),
          }),
        );
        ctx.meter?.record('eligibility.saveLatest', out.ConsumedCapacity);
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      return 'saved';
    },

    /** The coverage's answers for one date of service, newest check first (at most `limit`). */
    async forDate(patientId: string, coverageId: string, dateOfService: string, limit = 10): Promise<EligibilityAnswer[]> {
      const items = await queryAll(
        ctx,
        'eligibility.forDate',
        {
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: {
            ':pk': keys.latestEligibility(patientId, coverageId).pk,
            ':prefix': indexPartitions.eligibilityAnswersOn(dateOfService),
          },
          ScanIndexForward: false,
        },
        limit,
      );
      return items.map(parse);
    },

    /** The coverage's newest answer of any date of service, or null. */
    async latest(patientId: string, coverageId: string): Promise<EligibilityAnswer | null> {
      const out = await ctx.doc.send(
        new GetCommand({ TableName: ctx.tableName, Key: keys.latestEligibility(patientId, coverageId), ...capacityOf(ctx) }),
      );
      ctx.meter?.record('eligibility.latest', out.ConsumedCapacity);
      return out.Item ? parse(out.Item) : null;
    },
  };
}

export type EligibilityRepository = ReturnType<typeof eligibilityRepository>;

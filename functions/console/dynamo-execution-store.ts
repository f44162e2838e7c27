/**
 * The execution index in the console's DynamoDB table (layout in console-table.ts), built to answer at
 * the scale of hundreds of thousands of executions without a scan:
 * - "where do the claims sit" and "how do they fail" are counters, moved in the same transaction that
 *   moves an execution from one status or state to another, so the counts are one Query of a few items;
 * - a search reads one sorted index range per workflow: by claim id or name prefix (gsi3), by state
 *   (gsi2) or by status (gsi1), the age bounds narrowing the range of `startedAt`; what the index key
 *   does not narrow (error, the other fields) is checked with the same `matches` the memory index uses.
 * Each execution is stored whole (`execution`), so fields added to IndexedExecution are kept.
 */
import { createHash } from 'node:crypto';
import { GetCommand, TransactWriteCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  executionStatuses,
  matches,
  payerCounts,
  searchKeyOf,
  textKeyOf,
  type ExecutionQuery,
  type FailureGroup,
  type IndexedExecution,
} from './execution-index.ts';
import { queryAll } from '#functions/store/query.ts';
import type { TableContext } from '#functions/store/table.ts';
import type { ExecutionPage, ExecutionStore } from './execution-store.ts';

/** Where the store is: the console's table, as the application's store reaches its own. */
export type ConsoleTableContext = TableContext;

const DAY = 86_400_000;
const SK = 'EXECUTION';
const COUNTS = 'COUNTS';
const FAILURES = 'FAILURES';
/** Optimistic-concurrency retries of one upsert (the status event and the refresher may race). */
const MAX_ATTEMPTS = 8;

interface StoredExecution {
  readonly execution: IndexedExecution;
  readonly version: number;
}

/** The counter an execution adds 1 to: its workflow, status and state (`''` before its first state). */
function countKey(e: IndexedExecution): string {
  return `${e.workflow}#${e.status}#${e.currentState ?? ''}`;
}

/** A stopped-unsuccessfully execution's failure: the error (its status when none) and cause. */
function failureOf(e: IndexedExecution): { error: string; cause: string } | undefined {
  if (e.status === 'RUNNING' || e.status === 'SUCCEEDED') return undefined;
  return { error: e.error ?? e.status, cause: e.cause ?? '' };
}

/** The failure counter's sort key: causes can be long, so the pair is hashed. */
function failureKey(e: IndexedExecution): string | undefined {
  const failure = failureOf(e);
  if (!failure) return undefined;
  return `${e.workflow}#${createHash('sha256').update(`${failure.error}\u0000${failure.cause}`).digest('hex').slice(0, 32)}`;
}

/** Whether two reports of an execution say the same (DynamoDB hands a map's fields back in any order). */
function sameExecution(a: IndexedExecution, b: IndexedExecution): boolean {
  const fields = (e: IndexedExecution) => Object.entries(e).sort(([x], [y]) => x.localeCompare(y));
  return JSON.stringify(fields(a)) === JSON.stringify(fields(b));
}

/** Whether a query narrows by nothing but workflow and status: the counters answer it alone. */
const countersAnswer = (q: ExecutionQuery): boolean =>
  !q.text?.trim() && !q.payerId && !q.state && !q.error && q.minAgeDays === undefined && q.maxAgeDays === undefined;

/** The execution index in DynamoDB. */
export function dynamoExecutionStore(ctx: ConsoleTableContext): ExecutionStore {
  const { doc, tableName } = ctx;

  const read = async (executionArn: string): Promise<StoredExecution | undefined> => {
    const out = await doc.send(
      new GetCommand({ TableName: tableName, Key: { pk: `EXECUTION#${executionArn}`, sk: SK }, ConsistentRead: true }),
    );
    return out.Item ? { execution: out.Item.execution as IndexedExecution, version: out.Item.version as number } : undefined;
  };

  /** Every page of a query. */
  const queryEvery = (input: Omit<QueryCommandInput, 'TableName'>) => queryAll(ctx, 'console.executions', input);

  const counters = async (): Promise<{ workflow: string; status: string; state: string; n: number }[]> =>
    (await queryEvery({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': COUNTS } }))
      .map((i) => ({ workflow: i.workflow as string, status: i.status as string, state: i.state as string, n: i.n as number }))
      .filter((c) => c.n > 0);

  const workflows = async (): Promise<string[]> => [...new Set((await counters()).map((c) => c.workflow))].sort();

  /** The range of `startedAt` a query's age bounds allow. */
  const startedRange = (q: ExecutionQuery, now: number) => ({
    ':from': q.maxAgeDays !== undefined ? now - q.maxAgeDays * DAY : 0,
    ':to': q.minAgeDays !== undefined ? now - q.minAgeDays * DAY : Number.MAX_SAFE_INTEGER,
  });

  /** Every execution matching the query, newest first: one index range per workflow (and status). */
  const matching = async (q: ExecutionQuery, now: number): Promise<IndexedExecution[]> => {
    const range = startedRange(q, now);
    if (range[':from'] > range[':to']) return [];
    const flows = q.workflow ? [q.workflow] : await workflows();
    const text = q.text ? textKeyOf(q.text) : '';
    const ranges: Omit<QueryCommandInput, 'TableName'>[] = [];
    for (const workflow of flows) {
      if (text)
        ranges.push({
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :pk AND begins_with(gsi3sk, :text)',
          ExpressionAttributeValues: { ':pk': `NAME#${workflow}`, ':text': text },
        });
      else if (q.state)
        ranges.push({
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': `STATE#${workflow}#${q.state}`, ...range },
        });
      else
        for (const status of q.status ? [q.status] : executionStatuses)
          ranges.push({
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':pk': `WF#${workflow}#${status}`, ...range },
          });
    }
    const found = (await Promise.all(ranges.map((range) => queryEvery({ ...range, ScanIndexForward: false }))))
      .flat()
      .map((item) => item.execution as IndexedExecution)
      .filter((e) => matches(e, q, now));
    return found.sort((a, b) => b.startedAt - a.startedAt || a.executionArn.localeCompare(b.executionArn));
  };

  return {
    async upsert(execution) {
      for (let attempt = 1; ; attempt += 1) {
        const known = await read(execution.executionArn);
        if (known && sameExecution(known.execution, execution)) return;
        const item: Record<string, unknown> = {
          pk: `EXECUTION#${execution.executionArn}`,
          sk: SK,
          execution,
          version: (known?.version ?? 0) + 1,
          gsi1pk: `WF#${execution.workflow}#${execution.status}`,
          gsi1sk: execution.startedAt,
          ...(execution.currentState
            ? { gsi2pk: `STATE#${execution.workflow}#${execution.currentState}`, gsi2sk: execution.startedAt }
            : {}),
          gsi3pk: `NAME#${execution.workflow}`,
          gsi3sk: `${searchKeyOf(execution)}#${execution.executionArn}`,
        };
        const moves: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [];
        const move = (pk: string, sk: string | undefined, by: number, attributes: Record<string, string>) => {
          if (!sk) return;
          const names = Object.keys(attributes);
          moves.push({
            Update: {
              TableName: tableName,
              Key: { pk, sk },
              UpdateExpression: `ADD n :by${names.length ? ` SET ${names.map((n) => `#${n} = :${n}`).join(', ')}` : ''}`,
              ExpressionAttributeNames: names.length ? Object.fromEntries(names.map((n) => [`#${n}`, n])) : undefined,
              ExpressionAttributeValues: { ':by': by, ...Object.fromEntries(names.map((n) => [`:${n}`, attributes[n]])) },
            },
          });
        };
        const before = known?.execution;
        if (!before || countKey(before) !== countKey(execution)) {
          if (before) move(COUNTS, countKey(before), -1, {});
          move(COUNTS, countKey(execution), 1, {
            workflow: execution.workflow,
            status: execution.status,
            state: execution.currentState ?? '',
          });
        }
        const [oldFailure, newFailure] = [before ? failureKey(before) : undefined, failureKey(execution)];
        if (oldFailure !== newFailure) {
          move(FAILURES, oldFailure, -1, {});
          move(FAILURES, newFailure, 1, { workflow: execution.workflow, ...failureOf(execution)! });
        }
        try {
          await doc.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Put: {
                    TableName: tableName,
                    Item: item,
                    ConditionExpression: known ? 'version = :version' : 'attribute_not_exists(pk)',
                    ...(known ? { ExpressionAttributeValues: { ':version': known.version } } : {}),
                  },
                },
                ...moves,
              ],
            }),
          );
          return;
        } catch (error) {
          const name = (error as { name?: string }).name;
          // Another writer moved the execution first: read it again and redo the move.
          if ((name !== 'TransactionCanceledException' && name !== 'TransactionConflictException') || attempt >= MAX_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** attempt)));
        }
      }
    },

    async get(executionArn) {
      return (await read(executionArn))?.execution;
    },

    async search(query, now): Promise<ExecutionPage> {
      const found = await matching(query, now);
      return { total: found.length, executions: found.slice(0, query.limit ?? 100) };
    },

    async countsByState(query, now) {
      const counts: Record<string, number> = {};
      if (countersAnswer(query)) {
        for (const c of await counters())
          if (c.state && (!query.workflow || c.workflow === query.workflow) && (!query.status || c.status === query.status))
            counts[c.state] = (counts[c.state] ?? 0) + c.n;
        return counts;
      }
      for (const e of await matching({ ...query, state: undefined }, now))
        if (e.currentState) counts[e.currentState] = (counts[e.currentState] ?? 0) + 1;
      return counts;
    },

    // No counters per payer yet: this reads every match, like a count with an age filter.
    async countsByPayer(query, now) {
      return payerCounts(await matching({ ...query, payerId: undefined }, now));
    },

    async failureGroups(query, now): Promise<FailureGroup[]> {
      const groups = new Map<string, { error: string; cause: string; count: number; workflows: Set<string> }>();
      const add = (workflow: string, error: string, cause: string, n: number) => {
        const key = `${error}\u0000${cause}`;
        const group = groups.get(key) ?? { error, cause, count: 0, workflows: new Set<string>() };
        group.count += n;
        group.workflows.add(workflow);
        groups.set(key, group);
      };
      if (countersAnswer({ ...query, status: undefined })) {
        const items = await queryEvery({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': FAILURES } });
        for (const i of items)
          if ((i.n as number) > 0 && (!query.workflow || i.workflow === query.workflow))
            add(i.workflow as string, i.error as string, i.cause as string, i.n as number);
      } else {
        for (const e of await matching({ ...query, status: undefined }, now)) {
          const failure = failureOf(e);
          if (failure) add(e.workflow, failure.error, failure.cause, 1);
        }
      }
      return [...groups.values()]
        .map((g) => ({ error: g.error, cause: g.cause, count: g.count, workflows: [...g.workflows].sort() }))
        .sort((a, b) => b.count - a.count || a.error.localeCompare(b.error));
    },

    workflows,

    async count() {
      return (await counters()).reduce((sum, c) => sum + c.n, 0);
    },
  };
}

/**
 * Counts the DynamoDB calls a piece of work makes, by command, on the real client (a middleware on its
 * stack), and the transactions DynamoDB cancelled: what posting a claim costs in round trips, counted
 * rather than timed, so the figure does not depend on the machine's load.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Calls by command name (`TransactWriteItemsCommand`, `QueryCommand`...) and cancelled transactions. */
export interface CallCounts {
  readonly calls: Map<string, number>;
  cancelled: number;
  /** Every call counted. */
  total(): number;
  /** The calls of one command (0 when none). */
  of(command: string): number;
  /** Starts counting again from zero. */
  reset(): void;
}

/** Adds a counting middleware to `client` (once per client); counts every call made through it from now on. */
export function countCalls(client: DynamoDBClient): CallCounts {
  const counts: CallCounts = {
    calls: new Map(),
    cancelled: 0,
    total: () => [...counts.calls.values()].reduce((a, b) => a + b, 0),
    of: (command) => counts.calls.get(command) ?? 0,
    reset: () => {
      counts.calls.clear();
      counts.cancelled = 0;
    },
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      counts.calls.set(name, (counts.calls.get(name) ?? 0) + 1);
      try {
        return await next(args);
      } catch (error) {
        if ((error as Error).name === 'TransactionCanceledException') counts.cancelled += 1;
        throw error;
      }
    },
    { step: 'initialize', name: 'countCalls' },
  );
  return counts;
}

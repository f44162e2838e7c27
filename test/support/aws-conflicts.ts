/**
 * DynamoDB's transaction conflicts, on DynamoDB Local. DynamoDB Local takes transactions one at a
 * time, so two that touch the same item never meet there; in AWS the second is cancelled
 * (`TransactionConflict` on that item), and a single-item write to an item in a transaction fails with
 * `TransactionConflictException`. This middleware on the real client does the same for writes sent
 * through it, so a test can show what a hot item does to a workload in AWS.
 */
import { TransactionCanceledException, TransactionConflictException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** What the middleware did: transactions it cancelled and single writes it refused. */
export interface ConflictCounts {
  cancelled: number;
  refused: number;
}

type Key = Record<string, unknown> | undefined;

/** The item a marshalled operation or single write touches, as one string. */
function keyOf(table: unknown, key: Key): string {
  const text = (v: unknown) => (v && typeof v === 'object' && 'S' in v ? String((v as { S: unknown }).S) : String(v));
  return `${String(table)}\u0000${text(key?.pk)}\u0000${text(key?.sk)}`;
}

interface Operation {
  TableName?: string;
  Key?: Key;
  Item?: Key;
}

const WRITES: Record<string, (input: Record<string, unknown>) => string[]> = {
  TransactWriteItemsCommand: (input) =>
    ((input.TransactItems ?? []) as Record<string, Operation | undefined>[]).map((op) => {
      const o = (op.Put ?? op.Update ?? op.Delete ?? op.ConditionCheck)!;
      return keyOf(o.TableName, o.Key ?? o.Item);
    }),
  PutItemCommand: (input) => [keyOf(input.TableName, input.Item as Key)],
  UpdateItemCommand: (input) => [keyOf(input.TableName, input.Key as Key)],
  DeleteItemCommand: (input) => [keyOf(input.TableName, input.Key as Key)],
};

/** Makes writes through `client` meet each other as they would in AWS (see the module comment). */
export function conflictLikeAws(client: DynamoDBClient): ConflictCounts {
  const counts: ConflictCounts = { cancelled: 0, refused: 0 };
  const inTransaction = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const keysOf = WRITES[context.commandName ?? ''];
      if (!keysOf) return next(args);
      const keys = keysOf(args.input as Record<string, unknown>);
      const transaction = context.commandName === 'TransactWriteItemsCommand';
      if (keys.some((k) => inTransaction.has(k))) {
        if (!transaction) {
          counts.refused += 1;
          throw new TransactionConflictException({ message: 'Transaction is ongoing for the item', $metadata: {} });
        }
        counts.cancelled += 1;
        throw new TransactionCanceledException({
          message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
          $metadata: {},
          CancellationReasons: keys.map((k) => ({ Code: inTransaction.has(k) ? 'TransactionConflict' : 'None' })),
        });
      }
      if (!transaction) return next(args);
      for (const k of keys) inTransaction.set(k, (inTransaction.get(k) ?? 0) + 1);
      try {
        return await next(args);
      } finally {
        for (const k of keys) {
          const n = inTransaction.get(k)! - 1;
          if (n === 0) inTransaction.delete(k);
          else inTransaction.set(k, n);
        }
      }
    },
    { step: 'serialize', priority: 'low', name: 'conflictLikeAws' },
  );
  return counts;
}

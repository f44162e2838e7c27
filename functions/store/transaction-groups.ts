/**
 * Independent all-or-nothing writes sent together: writers that each want one TransactWriteItems
 * (one clean claim's posting, typically) hand their items in; those that arrive in the same turn of
 * the event loop, touch no item in common and fit in DynamoDB's 100 items go out as ONE transaction.
 * DynamoDB Local commits a 14-claim transaction for far less than 14 one-claim transactions, and in
 * AWS it is one request instead of fourteen.
 *
 * Each writer still gets its own verdict. A group that DynamoDB cancels says, item by item, why
 * (CancellationReasons): the writers whose items failed a condition or met another transaction hear
 * `not-written` (and take their own slower path, as before); the others did nothing wrong and are
 * sent again together. A cancellation without reasons is retried one writer at a time, so every
 * verdict is the one that writer's own transaction would have had.
 */
import { TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from './claim-repository.ts';
import { isConflict, type TableContext } from './table.ts';

/** DynamoDB's limit on the items of one TransactWriteItems. */
export const MAX_TRANSACTION_ITEMS = 100;

/** Clean claims one shared transaction holds (a clean claim's posting writes seven items, see `ledger.postWith`). */
export const CLEAN_CLAIMS_PER_TRANSACTION = Math.floor(MAX_TRANSACTION_ITEMS / 7);

export type GroupedWriteResult = 'written' | 'not-written';

interface Writer {
  readonly items: readonly TransactItem[];
  readonly settle: (result: GroupedWriteResult) => void;
  readonly fail: (error: unknown) => void;
}

/** The item a transaction operation touches, as one string (table, then its key attributes). */
function itemKey(op: TransactItem): string {
  const [table, key] = op.Put
    ? [op.Put.TableName, op.Put.Item]
    : [(op.Update ?? op.Delete ?? op.ConditionCheck)?.TableName, (op.Update ?? op.Delete ?? op.ConditionCheck)?.Key];
  return `${table}\u0000${String(key?.pk)}\u0000${String(key?.sk)}`;
}

/** Writes grouped into shared transactions (see the module comment); one per store. */
export interface TransactionGroups {
  /** Writes `items` all or nothing, possibly in one transaction with other writers' items. */
  write(items: readonly TransactItem[], meterName: string): Promise<GroupedWriteResult>;
}

/** Groups over one table context; `maxItems` below 100 only for tests. */
export function transactionGroups(ctx: TableContext, maxItems = MAX_TRANSACTION_ITEMS): TransactionGroups {
  let open: { writers: Writer[]; keys: Set<string>; size: number; meterName: string }[] = [];
  let scheduled = false;

  async function send(writers: readonly Writer[], meterName: string): Promise<void> {
    try {
      const out = await ctx.doc.send(
        new TransactWriteCommand({ TransactItems: writers.flatMap((w) => w.items), ReturnConsumedCapacity: 'TOTAL' }),
      );
      ctx.meter?.record(meterName, out.ConsumedCapacity);
      for (const w of writers) w.settle('written');
    } catch (error) {
      if (!(error instanceof TransactionCanceledException) && !isConflict(error)) {
        for (const w of writers) w.fail(error);
        return;
      }
      if (writers.length === 1) return writers[0]!.settle('not-written');
      const reasons: readonly CancellationReason[] | undefined = (error as TransactionCanceledException).CancellationReasons;
      const total = writers.reduce((n, w) => n + w.items.length, 0);
      if (!reasons || reasons.length !== total) {
        await Promise.all(writers.map((w) => send([w], meterName)));
        return;
      }
      const innocent: Writer[] = [];
      let at = 0;
      for (const w of writers) {
        const own = reasons.slice(at, at + w.items.length);
        at += w.items.length;
        if (own.some((r) => r.Code && r.Code !== 'None')) w.settle('not-written');
        else innocent.push(w);
      }
      // Every writer innocent means the reasons named nothing: one at a time, so the loop ends.
      if (innocent.length === writers.length) await Promise.all(writers.map((w) => send([w], meterName)));
      else if (innocent.length > 0) await send(innocent, meterName);
    }
  }

  function flush(): void {
    scheduled = false;
    const groups = open;
    open = [];
    for (const g of groups) void send(g.writers, g.meterName);
  }

  return {
    write(items, meterName) {
      if (items.length === 0 || items.length > maxItems) return Promise.resolve('not-written');
      const keys = items.map(itemKey);
      // A writer touching one item twice is refused by DynamoDB whatever the company: send it alone.
      const alone = new Set(keys).size !== keys.length;
      return new Promise<GroupedWriteResult>((settle, fail) => {
        const writer: Writer = { items, settle, fail };
        let group = alone
          ? undefined
          : open.find((g) => g.meterName === meterName && g.size + items.length <= maxItems && !keys.some((k) => g.keys.has(k)));
        if (!group) open.push((group = { writers: [], keys: new Set(), size: 0, meterName }));
        group.writers.push(writer);
        group.size += items.length;
        for (const k of keys) group.keys.add(k);
        if (alone) group.size = maxItems; // nothing joins it
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}

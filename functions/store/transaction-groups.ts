/**
 * Independent all-or-nothing writes sent together: writers that each want one TransactWriteItems
 * (one clean claim's posting, typically) hand their items in; those that arrive in the same turn of
 * the event loop and fit in DynamoDB's 100 items go out as ONE transaction. DynamoDB Local commits a
 * 14-claim transaction for far less than 14 one-claim transactions, and in AWS it is one request
 * instead of fourteen.
 *
 * Writers may share an item only through an {@link AdditiveUpdate} (an account's balances, added to in
 * place): the writers of one account send one update adding their sum, so a hot account's claims share
 * transactions instead of racing each other for its summary. Any other item in common keeps writers
 * apart (DynamoDB refuses a transaction that touches one item twice).
 *
 * Each writer still gets its own verdict. A group that DynamoDB cancels says, item by item, why
 * (CancellationReasons): the writers whose items failed a condition hear `not-written` (and take their
 * own slower path, as before); the others did nothing wrong and are sent again together. Writers whose
 * items only met another transaction or a throttle (a hot item in AWS) are sent again after a jittered
 * back-off, a few times, before they hear `not-written`. A cancellation without reasons is retried one
 * writer at a time. A writer hears `written` only when its items were written; `not-written` means
 * nothing of it was, and its caller takes the slower path (an update the writers share that fails
 * fails them all, as each one's own would have).
 */
import { TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from './claim-repository.ts';
import { backoff, isConflict, type TableContext, capacityOf } from './table.ts';

/** DynamoDB's limit on the items of one TransactWriteItems. */
export const MAX_TRANSACTION_ITEMS = 100;

/** Clean claims one shared transaction holds (a clean claim's posting writes seven items, see `ledger.postWith`). */
export const CLEAN_CLAIMS_PER_TRANSACTION = Math.floor(MAX_TRANSACTION_ITEMS / 7);

/** How many times writers that only met other transactions (or throttling) are sent again before they give up. */
const CONFLICT_RETRIES = 4;

/** Cancellation reasons that say nothing against the writer: the item was busy, so try again later. */
const BUSY: ReadonlySet<string> = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

export type GroupedWriteResult = 'written' | 'not-written';

/**
 * An update that only adds to numbers of an existing item and sets attributes any writer may set last
 * (an account summary: its balances and version, and its last posting's key). Writers with the same
 * key and condition share one, adding their sums; the last writer's `set` values win.
 */
export interface AdditiveUpdate {
  readonly tableName: string;
  readonly key: { readonly pk: string; readonly sk: string };
  /** Amounts added, by attribute path (`balances.primary`, `version`); a nested attribute must exist. */
  readonly add: Readonly<Record<string, number>>;
  readonly set?: Readonly<Record<string, unknown>>;
  /** Must hold for the update to apply, e.g. `attribute_exists(balances)`. */
  readonly condition: string;
}

/** The TransactWriteItems update of an {@link AdditiveUpdate}: nested paths `SET a.b = a.b + :v`, top-level ones `ADD`. */
export function additiveUpdateItem(update: AdditiveUpdate): TransactItem {
  const names = new Map<string, string>();
  const values: Record<string, unknown> = {};
  const name = (path: string) =>
    path
      .split('.')
      .map((part) => {
        if (!names.has(part)) names.set(part, `#n${names.size}`);
        return names.get(part)!;
      })
      .join('.');
  const value = (v: unknown) => {
    const placeholder = `:v${Object.keys(values).length}`;
    values[placeholder] = v;
    return placeholder;
  };
  const sets: string[] = [];
  const adds: string[] = [];
  for (const [path, amount] of Object.entries(update.add)) {
    if (amount === 0) continue;
    const p = name(path);
    if (path.includes('.')) sets.push(`${p} = ${p} + ${value(amount)}`);
    else adds.push(`${p} ${value(amount)}`);
  }
  for (const [path, v] of Object.entries(update.set ?? {})) sets.push(`${name(path)} = ${value(v)}`);
  const expression = [sets.length ? `SET ${sets.join(', ')}` : '', adds.length ? `ADD ${adds.join(', ')}` : ''].filter(Boolean).join(' ');
  if (!expression) throw new RangeError('an additive update that changes nothing');
  return {
    Update: {
      TableName: update.tableName,
      Key: update.key,
      UpdateExpression: expression,
      ConditionExpression: update.condition,
      ...(names.size ? { ExpressionAttributeNames: Object.fromEntries([...names].map(([part, p]) => [p, part])) } : {}),
      ExpressionAttributeValues: values,
    },
  };
}

/** One update adding what all of `updates` add (same key and condition); the last one's `set` wins. */
function merged(updates: readonly AdditiveUpdate[]): AdditiveUpdate {
  const add: Record<string, number> = {};
  for (const u of updates) for (const [path, amount] of Object.entries(u.add)) add[path] = (add[path] ?? 0) + amount;
  return { ...updates[0]!, add, set: Object.assign({}, ...updates.map((u) => u.set ?? {})) };
}

interface Writer {
  readonly items: readonly TransactItem[];
  readonly additive: AdditiveUpdate | undefined;
  readonly settle: (result: GroupedWriteResult) => void;
  readonly fail: (error: unknown) => void;
}

/** The item a transaction operation touches, as one string (table, then its key attributes). */
function itemKey(op: TransactItem): string {
  const [table, key] = op.Put
    ? [op.Put.TableName, op.Put.Item]
    : [(op.Update ?? op.Delete ?? op.ConditionCheck)?.TableName, (op.Update ?? op.Delete ?? op.ConditionCheck)?.Key];
  return keyString(table, key);
}

const keyString = (table: string | undefined, key: Record<string, unknown> | undefined) =>
  `${table}\u0000${String(key?.pk)}\u0000${String(key?.sk)}`;

/** The item an additive update touches (writers of one group share it only under the same condition, see `fits`). */
const additiveItem = (u: AdditiveUpdate) => keyString(u.tableName, u.key);

/** The transaction of several writers: their items, then one update per shared additive item, and who owns each item. */
function transactionOf(writers: readonly Writer[]): { items: TransactItem[]; owners: Writer[][] } {
  const items: TransactItem[] = [];
  const owners: Writer[][] = [];
  const shared = new Map<string, Writer[]>();
  for (const w of writers) {
    for (const item of w.items) {
      items.push(item);
      owners.push([w]);
    }
    if (w.additive) {
      const k = additiveItem(w.additive);
      const sharing = shared.get(k);
      if (sharing) sharing.push(w);
      else shared.set(k, [w]);
    }
  }
  for (const sharing of shared.values()) {
    items.push(additiveUpdateItem(merged(sharing.map((w) => w.additive!))));
    owners.push(sharing);
  }
  return { items, owners };
}

/** Writes grouped into shared transactions (see the module comment); one per store. */
export interface TransactionGroups {
  /**
   * Writes `items` and `additive` all or nothing, possibly in one transaction with other writers' items
   * (and with their additive updates of the same item, summed into one).
   */
  write(items: readonly TransactItem[], meterName: string, additive?: AdditiveUpdate): Promise<GroupedWriteResult>;
}

interface OpenGroup {
  writers: Writer[];
  /** Items only one writer may touch. */
  keys: Set<string>;
  /** Items of additive updates, which writers share, with the condition they are shared under. */
  additives: Map<string, string>;
  size: number;
  meterName: string;
}

/** Groups over one table context; `maxItems` below 100 only for tests. */
export function transactionGroups(ctx: TableContext, maxItems = MAX_TRANSACTION_ITEMS): TransactionGroups {
  let open: OpenGroup[] = [];
  let scheduled = false;

  async function send(writers: readonly Writer[], meterName: string, conflicts = 0): Promise<void> {
    let items: TransactItem[] = [];
    let owners: Writer[][] = [];
    try {
      // Inside the try: an update that cannot be built fails its writers instead of leaving them waiting.
      ({ items, owners } = transactionOf(writers));
      const out = await ctx.doc.send(new TransactWriteCommand({ TransactItems: items, ...capacityOf(ctx) }));
      ctx.meter?.record(meterName, out.ConsumedCapacity);
      for (const w of writers) w.settle('written');
    } catch (error) {
      if (!(error instanceof TransactionCanceledException) && !isConflict(error)) {
        for (const w of writers) w.fail(error);
        return;
      }
      const reasons: readonly CancellationReason[] | undefined = (error as TransactionCanceledException).CancellationReasons;
      if (!reasons || reasons.length !== items.length) {
        // No reasons to tell writers apart: a conflict is retried whole, anything else one writer at a time.
        if (isConflict(error) && conflicts < CONFLICT_RETRIES) return later(writers, meterName, conflicts + 1);
        return oneByOne(writers, meterName);
      }
      const failed = new Set<Writer>();
      const met = new Set<Writer>();
      reasons.forEach((reason, i) => {
        const code = reason.Code ?? 'None';
        if (code !== 'None') for (const w of owners[i]!) (BUSY.has(code) ? met : failed).add(w);
      });
      // The reasons named nothing: one at a time, so the loop ends.
      if (failed.size === 0 && met.size === 0) return oneByOne(writers, meterName);
      for (const w of failed) w.settle('not-written');
      // Writers that only met another transaction or a throttle (a hot item in AWS) try again after a pause, a few times.
      const again = [...met].filter((w) => !failed.has(w));
      if (conflicts >= CONFLICT_RETRIES) for (const w of again) w.settle('not-written');
      const innocent = writers.filter((w) => !failed.has(w) && !met.has(w));
      await Promise.all([
        innocent.length > 0 ? send(innocent, meterName) : undefined,
        again.length > 0 && conflicts < CONFLICT_RETRIES ? later(again, meterName, conflicts + 1) : undefined,
      ]);
    }
  }

  /** Each writer in its own transaction, so that each verdict is its own; a lone writer hears not-written. */
  async function oneByOne(writers: readonly Writer[], meterName: string): Promise<void> {
    if (writers.length === 1) return writers[0]!.settle('not-written');
    await Promise.all(writers.map((w) => send([w], meterName)));
  }

  /** Sends the writers again after a jittered pause: they met another transaction `conflicts` times. */
  async function later(writers: readonly Writer[], meterName: string, conflicts: number): Promise<void> {
    await backoff(conflicts);
    return send(writers, meterName, conflicts);
  }

  function flush(): void {
    scheduled = false;
    const groups = open;
    open = [];
    for (const g of groups) void send(g.writers, g.meterName);
  }

  /** Whether a writer with these item keys and this additive update may join the group. */
  function fits(g: OpenGroup, meterName: string, keys: readonly string[], additive: AdditiveUpdate | undefined): boolean {
    if (g.meterName !== meterName || g.size >= maxItems || keys.some((k) => g.keys.has(k) || g.additives.has(k))) return false;
    if (!additive) return g.size + keys.length <= maxItems;
    const item = additiveItem(additive);
    const condition = g.additives.get(item);
    if ((condition !== undefined && condition !== additive.condition) || g.keys.has(item)) return false;
    return g.size + keys.length + (condition === undefined ? 1 : 0) <= maxItems;
  }

  return {
    write(items, meterName, additive) {
      const count = items.length + (additive ? 1 : 0);
      if (count === 0 || count > maxItems) return Promise.resolve('not-written');
      const keys = items.map(itemKey);
      const all = additive ? [...keys, additiveItem(additive)] : keys;
      // A writer touching one item twice is refused by DynamoDB whatever the company: send it alone.
      const alone = new Set(all).size !== all.length;
      return new Promise<GroupedWriteResult>((settle, fail) => {
        const writer: Writer = { items, additive, settle, fail };
        let group = alone ? undefined : open.find((g) => fits(g, meterName, keys, additive));
        if (!group) {
          group = { writers: [], keys: new Set(), additives: new Map(), size: 0, meterName };
          open.push(group);
        }
        group.writers.push(writer);
        for (const k of keys) group.keys.add(k);
        group.size += keys.length;
        if (additive && !group.additives.has(additiveItem(additive))) {
          group.additives.set(additiveItem(additive), additive.condition);
          group.size += 1;
        }
        if (alone) group.size = maxItems; // nothing joins it
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}

/**
 * BatchWriteItem and BatchGetItem for bulk loads: 25 puts (100 key reads) per request, a bounded number
 * of requests in flight, and what DynamoDB hands back unprocessed (throttling, a partition's throughput)
 * sent again with jittered exponential back-off until it is written or the attempts run out, which
 * ends in a typed error saying how many items were left. BatchWriteItem has no conditions: callers use
 * it for items that replace themselves harmlessly or whose keys they checked first (see bulk-load.ts).
 */
import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { AppError } from '#functions/errors/index.ts';
import { eachBounded } from '#functions/platform/bounded.ts';
import type { Key } from './keys.ts';
import { capacityOf, type TableContext } from './table.ts';

/** The most puts one BatchWriteItem request takes. */
export const BATCH_WRITE_LIMIT = 25;
/** The most keys one BatchGetItem request takes. */
const BATCH_GET_LIMIT = 100;

/** A bulk write (or read) still had unprocessed items after every attempt; the message says how many, never which. */
export class BatchWriteIncompleteError extends AppError {
  override readonly name = 'BatchWriteIncompleteError';
  readonly left: number;
  readonly attempts: number;
  constructor(
    /** Items (or keys) not written (read): unprocessed ones and those of requests never sent. */
    left: number,
    attempts: number,
  ) {
    super(`${left} items were left unprocessed after ${attempts} attempts of a batch request`);
    this.left = left;
    this.attempts = attempts;
  }
}

export interface BatchOptions {
  /** Requests in flight at once (default 8). */
  readonly concurrency?: number;
  /** Attempts per request, the first included, before giving up on its unprocessed items (default 10). */
  readonly maxAttempts?: number;
  /** Waits before attempt `attempt + 1`; default full-jitter exponential back-off (50 ms doubling, capped at 2 s). */
  readonly pause?: (attempt: number) => Promise<void>;
}

/** What a batch write did. */
export interface BatchWriteReport {
  /** Distinct items written. */
  readonly items: number;
  /** BatchWriteItem requests sent, retries of unprocessed items included. */
  readonly requests: number;
  /** Requests that only re-sent unprocessed items. */
  readonly retries: number;
}

/** Full jitter: a random wait up to a ceiling that doubles with each attempt, so retrying writers spread out. */
function jitteredPause(attempt: number): Promise<void> {
  const ceiling = Math.min(2_000, 50 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

const keyOf = (item: Record<string, unknown>): string => `${String(item.pk)}\u0000${String(item.sk)}`;

function chunked<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));
}

/**
 * Sends each chunk with `send`, which returns what came back unprocessed; that is sent again with
 * back-off until none is left or `maxAttempts` ran out (then {@link BatchWriteIncompleteError} with
 * what is left, the chunks never sent included). Returns the requests sent and how many were retries.
 */
async function sendUntilProcessed<T>(
  chunks: readonly (readonly T[])[],
  options: BatchOptions,
  send: (pending: readonly T[]) => Promise<readonly T[]>,
): Promise<{ requests: number; retries: number }> {
  const { concurrency = 8, maxAttempts = 10, pause = jitteredPause } = options;
  let requests = 0;
  let retries = 0;
  let left = 0;
  const never = await eachBounded(
    chunks,
    concurrency,
    async (chunk) => {
      let pending = chunk;
      for (let attempt = 1; pending.length > 0; attempt += 1) {
        if (attempt > 1) retries += 1;
        requests += 1;
        pending = await send(pending);
        if (pending.length === 0) return;
        if (attempt >= maxAttempts) {
          left += pending.length;
          return;
        }
        await pause(attempt);
      }
    },
    () => left > 0,
  );
  if (left > 0) throw new BatchWriteIncompleteError(left + chunks.slice(chunks.length - never).flat().length, maxAttempts);
  return { requests, retries };
}

/**
 * Puts every item with BatchWriteItem, unconditionally. Two items with the same key would make DynamoDB
 * refuse the request, so only the last of them is written, as consecutive puts would leave it.
 * Throws {@link BatchWriteIncompleteError} when items are still unprocessed after `maxAttempts`.
 */
export async function batchPutItems(
  ctx: TableContext,
  items: readonly Record<string, unknown>[],
  options: BatchOptions = {},
): Promise<BatchWriteReport> {
  const distinct = [...new Map(items.map((item) => [keyOf(item), item])).values()];
  const { requests, retries } = await sendUntilProcessed(chunked(distinct, BATCH_WRITE_LIMIT), options, async (pending) => {
    const out = await ctx.doc.send(
      new BatchWriteCommand({
        RequestItems: { [ctx.tableName]: pending.map((Item) => ({ PutRequest: { Item } })) },
        ...capacityOf(ctx),
      }),
    );
    ctx.meter?.record('batch.put', out.ConsumedCapacity);
    return (out.UnprocessedItems?.[ctx.tableName] ?? []).flatMap((r) => (r.PutRequest?.Item ? [r.PutRequest.Item] : []));
  });
  return { items: distinct.length, requests, retries };
}

/**
 * Which of `keys` are stored, read with BatchGetItem (strongly consistent; the key attributes and those
 * named in `attributes` only, or whole items with `'all'`), unprocessed keys read again with back-off. Returns the items found by
 * {@link storedKeyId}.
 */
export async function storedKeys(
  ctx: TableContext,
  keys: readonly Key[],
  options: BatchOptions & { readonly attributes?: readonly string[] | 'all' } = {},
): Promise<Map<string, Record<string, unknown>>> {
  const distinct = [...new Map(keys.map((k) => [storedKeyId(k), k])).values()];
  const found = new Map<string, Record<string, unknown>>();
  const projectionOf = (names: readonly string[]) => ({
    ProjectionExpression: names.map((_, i) => `#a${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#a${i}`, n])),
  });
  const projection = options.attributes === 'all' ? {} : projectionOf(['pk', 'sk', ...(options.attributes ?? [])]);
  const chunks = chunked(
    distinct.map((k): Record<string, unknown> => ({ pk: k.pk, sk: k.sk })),
    BATCH_GET_LIMIT,
  );
  await sendUntilProcessed(chunks, options, async (pending) => {
    const out = await ctx.doc.send(
      new BatchGetCommand({
        RequestItems: { [ctx.tableName]: { Keys: [...pending], ...projection, ConsistentRead: true } },
        ...capacityOf(ctx),
      }),
    );
    ctx.meter?.record('batch.get', out.ConsumedCapacity);
    for (const item of out.Responses?.[ctx.tableName] ?? []) found.set(keyOf(item), item);
    return out.UnprocessedKeys?.[ctx.tableName]?.Keys ?? [];
  });
  return found;
}

/** How {@link storedKeys} names a key in the set it returns. */
export function storedKeyId(key: Key): string {
  return keyOf(key as unknown as Record<string, unknown>);
}

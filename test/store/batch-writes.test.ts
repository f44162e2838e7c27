import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BATCH_WRITE_LIMIT, BatchWriteIncompleteError, batchPutItems } from '#functions/store/batch-writes.ts';

type Item = Record<string, unknown>;
interface Request {
  input: { RequestItems: Record<string, { PutRequest: { Item: Item } }[]> };
}

/**
 * A table in memory answering BatchWriteItem as DynamoDB may under load: `unprocessed(request, items)`
 * picks which puts of each request it hands back instead of writing.
 */
function fakeTable(unprocessed: (request: number, items: Item[]) => Item[]) {
  const stored = new Map<string, Item>();
  const sizes: number[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const doc = {
    async send(command: Request) {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      const items = command.input.RequestItems.T!.map((r) => r.PutRequest.Item);
      const keys = new Set(items.map((i) => `${String(i.pk)}|${String(i.sk)}`));
      if (keys.size !== items.length || items.length > BATCH_WRITE_LIMIT) throw new Error('ValidationException');
      sizes.push(items.length);
      const left = unprocessed(sizes.length, items);
      for (const item of items) if (!left.includes(item)) stored.set(`${String(item.pk)}|${String(item.sk)}`, item);
      return { UnprocessedItems: left.length ? { T: left.map((Item) => ({ PutRequest: { Item } })) } : {} };
    },
  };
  return {
    ctx: { doc: doc as unknown as DynamoDBDocumentClient, tableName: 'T' },
    stored,
    sizes,
    mostInFlight: () => mostInFlight,
  };
}

const item = (n: number, version = 0): Item => ({ pk: `P#${n % 97}`, sk: `S#${n}`, version });
const noWait = async () => {};

describe('batchPutItems', () => {
  it('writes every item once, however DynamoDB hands items back, in requests of at most 25, the last of a repeated key winning (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.double({ min: 0, max: 0.9, noNaN: true }), { minLength: 1, maxLength: 8 }),
        async (ns, concurrency, dropRates) => {
          // each request drops a share of its items, never all of them forever: the retries get through
          const table = fakeTable((request, items) =>
            items.filter((_, i) => (i * 7 + request) % 10 < 10 * dropRates[request % dropRates.length]!),
          );
          const items = ns.map((n, i) => item(n, i));
          const report = await batchPutItems(table.ctx, items, { concurrency, maxAttempts: 100, pause: noWait });
          const expected = new Map(items.map((i) => [`${String(i.pk)}|${String(i.sk)}`, i]));
          expect(table.stored).toEqual(expected);
          expect(report.items).toBe(expected.size);
          expect(report.requests).toBe(table.sizes.length);
          expect(table.mostInFlight()).toBeLessThanOrEqual(concurrency);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('backs off between attempts and, when items stay unprocessed, says how many were left (those never sent included)', async () => {
    const pauses: number[] = [];
    // the second request's items are never processed; the first was written
    const table = fakeTable((request, items) => (request >= 2 ? items : []));
    const items = Array.from({ length: 100 }, (_, i) => item(i));
    const error = await batchPutItems(table.ctx, items, {
      concurrency: 1,
      maxAttempts: 4,
      pause: async (attempt) => void pauses.push(attempt),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchWriteIncompleteError);
    expect((error as BatchWriteIncompleteError).left).toBe(75);
    expect((error as BatchWriteIncompleteError).retryable).toBe(true);
    expect(pauses).toEqual([1, 2, 3]);
    expect(table.stored.size).toBe(25);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, documentClient, interchangeControlNumberOf, type Store } from '#functions/store/index.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';

let table: TestTable;
let store: Store;
beforeAll(async () => {
  table = await createTestTable();
  store = createStore(documentClient(table.client), table.tableName);
});
afterAll(async () => {
  await table.drop();
});

describe('numbering counters on DynamoDB Local', () => {
  it('hands out consecutive ranges, starting at 1, per counter name', async () => {
    expect(await store.reference.reserveNumbers('x12-interchange')).toEqual({ first: 1, last: 1 });
    expect(await store.reference.reserveNumbers('x12-interchange', 3)).toEqual({ first: 2, last: 4 });
    expect(await store.reference.reserveNumbers('x12-group')).toEqual({ first: 1, last: 1 });
  });

  it('never gives the same number twice to concurrent callers', async () => {
    const ranges = await Promise.all(Array.from({ length: 20 }, () => store.reference.reserveNumbers('concurrent', 2)));
    const numbers = ranges.flatMap((r) => [r.first, r.last]).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('refuses a count that is not a positive integer', async () => {
    await expect(store.reference.reserveNumbers('x', 0)).rejects.toBeInstanceOf(RangeError);
  });
});

describe('submission batches', () => {
  it('fix the control number and time on the first prepare; a retry gets the same batch back', async () => {
    const first = await store.submissions.prepare({ batchId: 'B-1', payerId: 'P', claimIds: ['C-1', 'C-2'] }, '2026-03-02T09:00:00Z');
    expect(first.interchangeControlNumber).toMatch(/^\d{9}$/);
    const again = await store.submissions.prepare({ batchId: 'B-1', payerId: 'P', claimIds: ['C-9'] }, '2026-03-02T10:00:00Z');
    expect(again).toEqual(first);
    const other = await store.submissions.prepare({ batchId: 'B-2', payerId: 'P', claimIds: ['C-3'] }, '2026-03-02T09:00:00Z');
    expect(other.interchangeControlNumber).not.toBe(first.interchangeControlNumber);
    // Each batch owns two group control numbers (837P, 837I), never shared, and a 999 finds its batch by them.
    expect(Math.abs(other.firstGroupControlNumber - first.firstGroupControlNumber)).toBeGreaterThanOrEqual(2);
    expect((await store.submissions.findByGroupControlNumber(first.firstGroupControlNumber + 1))?.batchId).toBe('B-1');
    expect((await store.submissions.findByGroupControlNumber(other.firstGroupControlNumber))?.batchId).toBe('B-2');
    expect(await store.submissions.findByGroupControlNumber(999_999_998)).toBeNull();
  });

  it('concurrent first attempts agree on one batch', async () => {
    const all = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        store.submissions.prepare({ batchId: 'B-RACE', payerId: 'P', claimIds: [`C-${i}`] }, '2026-03-02T09:00:00Z'),
      ),
    );
    expect(new Set(all.map((b) => JSON.stringify(b))).size).toBe(1);
  });

  it('control numbers wrap within nine digits and never use zero', () => {
    expect(interchangeControlNumberOf(1)).toBe('000000001');
    expect(interchangeControlNumberOf(999_999_999)).toBe('999999999');
    expect(interchangeControlNumberOf(1_000_000_000)).toBe('000000001');
  });
});

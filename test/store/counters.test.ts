import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, documentClient, type Store } from '../../functions/store/index.ts';
import { createTestTable, type TestTable } from '../support/dynamodb.ts';

let table: TestTable;
let store: Store;
beforeAll(async () => {
  table = await createTestTable();
  store = createStore(documentClient(table.client), table.tableName);
});
afterAll(async () => { await table.drop(); });

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

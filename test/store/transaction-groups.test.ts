/**
 * Writers that each want one all-or-nothing transaction, grouped into shared TransactWriteItems on
 * DynamoDB Local: the number of transactions falls, and every writer's verdict (and what it left in the
 * table) is still the one its own transaction would have had.
 */
import { PutCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient, type TransactItem } from '#functions/store/index.ts';
import { transactionGroups } from '#functions/store/transaction-groups.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';
import { countCalls, type CallCounts } from '#test/remittance/call-counter.ts';

let table: TestTable;
let doc: DynamoDBDocumentClient;
let counts: CallCounts;
beforeAll(async () => {
  table = await createTestTable();
  doc = documentClient(table.client);
  counts = countCalls(table.client);
});
afterAll(async () => table.drop());

/** A writer's transaction: put its marker only if absent, and add to an account's total only if the account exists. */
function writer(tableName: string, marker: string, account: string, cents: number): TransactItem[] {
  return [
    { Put: { TableName: tableName, Item: { pk: `M#${marker}`, sk: '#M', cents }, ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Update: {
        TableName: tableName,
        Key: { pk: `A#${account}`, sk: '#A' },
        UpdateExpression: 'ADD cents :c',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':c': cents },
      },
    },
  ];
}

const openAccount = (id: string) => doc.send(new PutCommand({ TableName: table.tableName, Item: { pk: `A#${id}`, sk: '#A', cents: 0 } }));
const totalOf = async (id: string) =>
  ((await doc.send(new GetCommand({ TableName: table.tableName, Key: { pk: `A#${id}`, sk: '#A' }, ConsistentRead: true }))).Item?.cents as
    number | undefined) ?? null;
const markerOf = async (id: string) =>
  (await doc.send(new GetCommand({ TableName: table.tableName, Key: { pk: `M#${id}`, sk: '#M' }, ConsistentRead: true }))).Item ?? null;

describe('clean postings of different accounts written at the same moment', () => {
  it('share one transaction, and each writer hears written', async () => {
    const groups = transactionGroups({ doc, tableName: table.tableName });
    for (let i = 0; i < 10; i++) await openAccount(`SHARE-${i}`);
    counts.reset();
    const verdicts = await Promise.all(
      Array.from({ length: 10 }, (_, i) => groups.write(writer(table.tableName, `SHARE-${i}`, `SHARE-${i}`, 100 + i), 'test')),
    );
    expect(verdicts).toEqual(Array(10).fill('written'));
    expect(counts.of('TransactWriteItemsCommand')).toBe(1);
    for (let i = 0; i < 10; i++) expect(await totalOf(`SHARE-${i}`)).toBe(100 + i);
  });

  it('a writer whose condition fails hears not-written and leaves nothing; the others are written in a second transaction', async () => {
    const groups = transactionGroups({ doc, tableName: table.tableName });
    for (const id of ['OK-1', 'OK-2']) await openAccount(id);
    counts.reset();
    const verdicts = await Promise.all([
      groups.write(writer(table.tableName, 'OK-1', 'OK-1', 500), 'test'),
      groups.write(writer(table.tableName, 'NO-ACCOUNT', 'NEVER-OPENED', 700), 'test'),
      groups.write(writer(table.tableName, 'OK-2', 'OK-2', 900), 'test'),
    ]);
    expect(verdicts).toEqual(['written', 'not-written', 'written']);
    expect(counts.of('TransactWriteItemsCommand')).toBe(2);
    expect(counts.cancelled).toBe(1);
    expect(await markerOf('NO-ACCOUNT')).toBeNull();
    expect([await totalOf('OK-1'), await totalOf('OK-2')]).toEqual([500, 900]);
  });

  it('writers touching the same account go in separate transactions, so both are added', async () => {
    const groups = transactionGroups({ doc, tableName: table.tableName });
    await openAccount('HOT');
    counts.reset();
    const verdicts = await Promise.all([1, 2, 3].map((n) => groups.write(writer(table.tableName, `HOT-${n}`, 'HOT', n * 100), 'test')));
    expect(verdicts).toEqual(['written', 'written', 'written']);
    expect(counts.of('TransactWriteItemsCommand')).toBe(3);
    expect(await totalOf('HOT')).toBe(600);
  });

  it('never sends more than the limit of items in one transaction, and refuses a writer over it without a call', async () => {
    const groups = transactionGroups({ doc, tableName: table.tableName }, 6);
    for (let i = 0; i < 7; i++) await openAccount(`LIMIT-${i}`);
    counts.reset();
    const verdicts = await Promise.all(
      Array.from({ length: 7 }, (_, i) => groups.write(writer(table.tableName, `LIMIT-${i}`, `LIMIT-${i}`, 1), 'test')),
    );
    expect(verdicts).toEqual(Array(7).fill('written'));
    expect(counts.of('TransactWriteItemsCommand')).toBe(3);
    counts.reset();
    const big = [
      ...writer(table.tableName, 'BIG-1', 'LIMIT-0', 1),
      ...writer(table.tableName, 'BIG-2', 'LIMIT-1', 1),
      ...writer(table.tableName, 'BIG-3', 'LIMIT-2', 1),
      ...writer(table.tableName, 'BIG-4', 'LIMIT-3', 1),
    ];
    expect(await groups.write(big, 'test')).toBe('not-written');
    expect(counts.total()).toBe(0);
  });
});

describe('property: grouped verdicts are the verdicts of writing alone', () => {
  it('for any mix of writers (repeated markers, missing accounts, shared accounts), each is written exactly when its conditions hold, and every account total is the sum of its written writers', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            marker: fc.integer({ min: 0, max: 7 }),
            account: fc.integer({ min: 0, max: 4 }),
            cents: fc.integer({ min: 1, max: 10_000 }),
          }),
          {
            minLength: 1,
            maxLength: 20,
          },
        ),
        async (writes) => {
          round += 1;
          const id = (kind: string, n: number) => `P${round}-${kind}${n}`;
          // Accounts 0..2 exist; 3 and 4 do not (their writers must fail).
          for (let a = 0; a < 3; a++) await openAccount(id('A', a));
          const groups = transactionGroups({ doc, tableName: table.tableName });
          const verdicts = await Promise.all(
            writes.map((w) => groups.write(writer(table.tableName, id('M', w.marker), id('A', w.account), w.cents), 'test')),
          );
          // Each marker is written at most once, only by a writer on an existing account.
          const winners = new Map<number, number>();
          verdicts.forEach((v, i) => {
            const w = writes[i]!;
            if (v === 'written') {
              expect(w.account).toBeLessThan(3);
              expect(winners.has(w.marker)).toBe(false);
              winners.set(w.marker, i);
            }
          });
          // A marker no writer wrote was wanted only by writers on missing accounts.
          for (const w of writes)
            if (!winners.has(w.marker)) expect(writes.filter((x) => x.marker === w.marker).every((x) => x.account >= 3)).toBe(true);
          for (let a = 0; a < 3; a++) {
            const expected = [...winners.values()]
              .map((i) => writes[i]!)
              .filter((w) => w.account === a)
              .reduce((s, w) => s + w.cents, 0);
            expect(await totalOf(id('A', a))).toBe(expected);
          }
          for (let m = 0; m < 8; m++)
            expect((await markerOf(id('M', m)))?.cents ?? null).toBe(winners.has(m) ? writes[winners.get(m)!]!.cents : null);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});

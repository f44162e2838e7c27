/**
 * Writers that each want one all-or-nothing transaction, grouped into shared TransactWriteItems on
 * DynamoDB Local: the number of transactions falls, and every writer's verdict (and what it left in the
 * table) is still the one its own transaction would have had.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient, type TransactItem } from '#functions/store/index.ts';
import { transactionGroups, type AdditiveUpdate, type TransactionGroups } from '#functions/store/transaction-groups.ts';
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

/** A writer's marker, put only if absent, and its addition to an account's total, only if the account exists. */
function writer(tableName: string, marker: string, account: string, cents: number): [TransactItem[], AdditiveUpdate] {
  return [
    [{ Put: { TableName: tableName, Item: { pk: `M#${marker}`, sk: '#M', cents }, ConditionExpression: 'attribute_not_exists(pk)' } }],
    {
      tableName,
      key: { pk: `A#${account}`, sk: '#A' },
      add: { cents, writes: 1 },
      set: { last: marker },
      condition: 'attribute_exists(pk)',
    },
  ];
}
const write = (groups: TransactionGroups, [items, additive]: [TransactItem[], AdditiveUpdate]) => groups.write(items, 'test', additive);
/** Writers (marker, account, cents) arriving at the same moment; their verdicts in order. */
const writeAll = (groups: TransactionGroups, ...writers: [string, string, number][]) =>
  Promise.all(writers.map(([marker, account, cents]) => write(groups, writer(table.tableName, marker, account, cents))));

const openAccount = (id: string) =>
  doc.send(new PutCommand({ TableName: table.tableName, Item: { pk: `A#${id}`, sk: '#A', cents: 0, writes: 0 } }));
const totalOf = async (id: string) =>
  ((await doc.send(new GetCommand({ TableName: table.tableName, Key: { pk: `A#${id}`, sk: '#A' }, ConsistentRead: true }))).Item?.cents as
    number | undefined) ?? null;
const accountOf = async (id: string) =>
  (await doc.send(new GetCommand({ TableName: table.tableName, Key: { pk: `A#${id}`, sk: '#A' }, ConsistentRead: true }))).Item ?? null;
const markerOf = async (id: string) =>
  (await doc.send(new GetCommand({ TableName: table.tableName, Key: { pk: `M#${id}`, sk: '#M' }, ConsistentRead: true }))).Item ?? null;

describe('clean postings of different accounts written at the same moment', () => {
  it('share one transaction, and each writer hears written', async () => {
    const groups = transactionGroups({ doc, tableName: table.tableName });
    for (let i = 0; i < 10; i++) await openAccount(`SHARE-${i}`);
    counts.reset();
    const verdicts = await Promise.all(
      Array.from({ length: 10 }, (_, i) => write(groups, writer(table.tableName, `SHARE-${i}`, `SHARE-${i}`, 100 + i))),
    );
    expect(verdicts).toEqual(Array(10).fill('written'));
    expect(counts.of('TransactWriteItemsCommand')).toBe(1);
    for (let i = 0; i < 10; i++) expect(await totalOf(`SHARE-${i}`)).toBe(100 + i);
  });

  it('a writer whose condition fails hears not-written and leaves nothing; the others are written in a second transaction', async () => {
    const groups = transactionGroups({ doc, tableName: table.tableName });
    for (const id of ['OK-1', 'OK-2']) await openAccount(id);
    counts.reset();
    const verdicts = await writeAll(groups, ['OK-1', 'OK-1', 500], ['NO-ACCOUNT', 'NEVER-OPENED', 700], ['OK-2', 'OK-2', 900]);
    expect(verdicts).toEqual(['written', 'not-written', 'written']);
    expect(counts.of('TransactWriteItemsCommand')).toBe(2);
    expect(counts.cancelled).toBe(1);
    expect(await markerOf('NO-ACCOUNT')).toBeNull();
    expect([await totalOf('OK-1'), await totalOf('OK-2')]).toEqual([500, 900]);
  });

  it('writers of the same account share one transaction and one update of it, which adds their sum', async () => {
    const groups = transactionGroups({ doc, tableName: table.tableName });
    await openAccount('HOT');
    counts.reset();
    const verdicts = await Promise.all([1, 2, 3].map((n) => write(groups, writer(table.tableName, `HOT-${n}`, 'HOT', n * 100))));
    expect(verdicts).toEqual(['written', 'written', 'written']);
    expect(counts.of('TransactWriteItemsCommand')).toBe(1);
    expect(await totalOf('HOT')).toBe(600);
    expect(await accountOf('HOT')).toMatchObject({ writes: 3, last: 'HOT-3' });
  });

  it('a writer of a shared account whose marker is taken hears not-written; the account adds only the others', async () => {
    const groups = transactionGroups({ doc, tableName: table.tableName });
    await openAccount('HOT-2');
    expect(await write(groups, writer(table.tableName, 'TAKEN', 'HOT-2', 1))).toBe('written');
    counts.reset();
    const verdicts = await writeAll(groups, ['FRESH-1', 'HOT-2', 10], ['TAKEN', 'HOT-2', 1_000], ['FRESH-2', 'HOT-2', 20]);
    expect(verdicts).toEqual(['written', 'not-written', 'written']);
    expect(counts.of('TransactWriteItemsCommand')).toBe(2);
    expect(await accountOf('HOT-2')).toMatchObject({ cents: 31, writes: 3 });
  });

  it('writers whose shared update would change nothing hear an error, and none is left waiting', async () => {
    const groups = transactionGroups({ doc, tableName: table.tableName });
    await openAccount('ZERO');
    const [items, additive] = writer(table.tableName, 'ZERO-1', 'ZERO', 5);
    const plain = (cents: number) => ({ ...additive, add: { cents }, set: {} });
    const outcomes = await Promise.allSettled([
      groups.write(items, 'test', plain(5)),
      groups.write(writer(table.tableName, 'ZERO-2', 'ZERO', -5)[0], 'test', plain(-5)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(await markerOf('ZERO-1')).toBeNull();
  });

  it('a group that met another transaction is sent again after a pause, and its writers hear written', async () => {
    // DynamoDB Local takes transactions one at a time; AWS cancels one that meets another on a hot item.
    let met = 0;
    const meeting = {
      send: async (command: Parameters<typeof doc.send>[0]) => {
        if (command instanceof TransactWriteCommand && met++ === 0) {
          const items = command.input.TransactItems ?? [];
          throw new TransactionCanceledException({
            message: 'Transaction cancelled',
            $metadata: {},
            CancellationReasons: items.map((_, i) => ({ Code: i === items.length - 1 ? 'TransactionConflict' : 'None' })),
          });
        }
        return doc.send(command);
      },
    } as unknown as DynamoDBDocumentClient;
    const groups = transactionGroups({ doc: meeting, tableName: table.tableName });
    await openAccount('MET');
    const verdicts = await Promise.all([1, 2].map((n) => write(groups, writer(table.tableName, `MET-${n}`, 'MET', n))));
    expect(verdicts).toEqual(['written', 'written']);
    expect(met).toBe(2);
    expect(await accountOf('MET')).toMatchObject({ cents: 3, writes: 2 });
  });

  it('never sends more than the limit of items in one transaction, and refuses a writer over it without a call', async () => {
    const groups = transactionGroups({ doc, tableName: table.tableName }, 6);
    for (let i = 0; i < 7; i++) await openAccount(`LIMIT-${i}`);
    counts.reset();
    const verdicts = await Promise.all(
      Array.from({ length: 7 }, (_, i) => write(groups, writer(table.tableName, `LIMIT-${i}`, `LIMIT-${i}`, 1))),
    );
    expect(verdicts).toEqual(Array(7).fill('written'));
    expect(counts.of('TransactWriteItemsCommand')).toBe(3);
    counts.reset();
    // Six items and the account's update: seven, over the limit of six.
    const big = ['BIG-1', 'BIG-2', 'BIG-3', 'BIG-4', 'BIG-5', 'BIG-6'].flatMap((m) => writer(table.tableName, m, 'LIMIT-0', 1)[0]);
    expect(await groups.write(big, 'test', writer(table.tableName, 'BIG-7', 'LIMIT-0', 1)[1])).toBe('not-written');
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
            writes.map((w) => write(groups, writer(table.tableName, id('M', w.marker), id('A', w.account), w.cents))),
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

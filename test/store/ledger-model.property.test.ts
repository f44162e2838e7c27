import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPosting, balancesOf, buildReversal, emptyLedger, makePosting, type Ledger } from '#functions/accounts/index.ts';
import { documentClient, ledgerRepository, LedgerRuleError, type LedgerRepository } from '#functions/store/index.ts';
import type { Posting } from '#schemas/ledger-entry.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';

let table: TestTable;
let repo: LedgerRepository;
beforeAll(async () => {
  table = await createTestTable();
  repo = ledgerRepository({ doc: documentClient(table.client), tableName: table.tableName });
});
afterAll(async () => {
  await table.drop();
});

type Op = { kind: 'post'; key: number; cents: number; payment: boolean } | { kind: 'reverse'; pick: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('post' as const),
      key: fc.integer({ min: 0, max: 5 }),
      cents: fc.integer({ min: 1, max: 1_000_000 }),
      payment: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }) },
);

describe('DynamoDB ledger agrees with the in-memory ledger model (fast-check)', () => {
  let run = 0;
  it('any sequence of postings, replays and reversals ends with the same entries and balances', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        const accountId = `ACC-P${++run}`;
        let model: Ledger = emptyLedger(accountId);
        const firstByKey = new Map<string, Posting>();
        const at = '2026-02-01T00:00:00Z';
        for (const o of ops) {
          let posting: Posting;
          if (o.kind === 'post') {
            const key = `835|P|${accountId}|${o.key}`;
            posting =
              firstByKey.get(key) ??
              makePosting(accountId, key, at, [
                o.payment
                  ? { kind: 'insurance-payment', splits: [{ responsibility: 'primary', amountCents: -o.cents }] }
                  : { kind: 'charge', splits: [{ responsibility: 'primary', amountCents: o.cents }] },
              ]);
            firstByKey.set(key, posting);
            const stored = await repo.post(posting);
            const expected = applyPosting(model, posting);
            expect(stored.status).toBe(expected.status);
            if (expected.status === 'posted') model = expected.ledger;
          } else {
            const originals = [...firstByKey.values()].filter((p) => model.postingKeys.has(p.postingKey));
            const target = originals[o.pick % Math.max(originals.length, 1)];
            if (!target) continue;
            const stored = await repo.reverse(target.postingKey, at);
            const expected = applyPosting(model, buildReversal(target, at));
            expect(stored.status).toBe(expected.status);
            if (expected.status === 'posted') model = expected.ledger;
          }
        }
        const read = await repo.getLedger(accountId);
        expect(read.balances).toEqual(model.balances);
        expect(read.balances).toEqual(balancesOf(read.entries));
        expect(read.entries.map((e) => e.entryId).sort()).toEqual(model.entries.map((e) => e.entryId).sort());
      }),
      { numRuns: 15 },
    );
  });

  it('refuses hand-made reversal entries: reversals go through reverse()', async () => {
    const fake = makePosting('ACC-F', 'fake', '2026-02-01T00:00:00Z', [
      { kind: 'reversal', splits: [{ responsibility: 'primary', amountCents: -5 }] },
    ]);
    await expect(repo.post({ ...fake, entries: fake.entries.map((e) => ({ ...e, reversesEntryId: 'x' })) })).rejects.toBeInstanceOf(
      LedgerRuleError,
    );
  });
});

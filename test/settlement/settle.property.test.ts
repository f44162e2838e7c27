/**
 * Settlement over DynamoDB Local, for any paid claim: whatever the primary paid, adjusted and left
 * to the patient, and whichever coverages follow it, settling (twice, as a retried step would) keeps
 * the ledger balanced and moves every cent of the later share exactly once: to the claim billing the
 * next coverage, or to the patient with one statement request; a claim nobody owes on is closed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balancesByClaim, balancesOf, totalBalance, zeroBalances } from '#functions/accounts/balances.ts';
import { settleClaim, type StartLifecycle } from '#functions/settlement/settle-claim.ts';
import { createStore, documentClient, type Store } from '#functions/store/index.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';
import { seedPaidClaim } from './paid-claim.ts';

let table: TestTable;
let store: Store;
beforeAll(async () => {
  table = await createTestTable();
  store = createStore(documentClient(table.client), table.tableName);
});
afterAll(async () => table?.drop());

const lineArb = fc
  .record({
    charge: fc.integer({ min: 100, max: 500_000 }),
    prShare: fc.double({ min: 0, max: 1, noNaN: true }),
    coShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ charge, prShare, coShare }) => {
    const pr = Math.floor(charge * prShare);
    const co = Math.floor((charge - pr) * coShare);
    return { charge, pr, co, paid: charge - pr - co };
  });
const caseArb = fc.record({
  lines: fc.array(lineArb, { minLength: 1, maxLength: 3 }).filter((ls) => ls.some((l) => l.paid + l.pr > 0)),
  secondary: fc.constantFrom('none', 'active', 'ended-before-payment', 'added-after-posting'),
});

let run = 0;

describe('settling a paid claim', () => {
  it('keeps the ledger balanced and moves the later share once, however often it runs', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ lines, secondary }) => {
        run += 1;
        const { visit, remitted } = await seedPaidClaim(store, { run, lines, secondary });
        const before = await store.ledger.getLedger(visit.accountId);
        const share = remitted.patientResponsibilityCents;
        const started = new Set<string>();
        const startLifecycle: StartLifecycle = async (id) => (started.has(id) ? 'already-started' : (started.add(id), 'started'));
        const deps = { store, startLifecycle, now: () => new Date('2026-01-29T10:00:00Z') };
        const first = await settleClaim(deps, { claimId: visit.claimId });
        const afterFirst = await store.ledger.getLedger(visit.accountId);
        const second_ = await settleClaim(deps, { claimId: visit.claimId });
        const after = await store.ledger.getLedger(visit.accountId);

        // The replay changes nothing and says the same thing (only the "created now" counts drop to 0).
        expect(after.entries).toHaveLength(afterFirst.entries.length);
        expect({ ...second_, secondaryClaimsCreated: 0, statementsRequested: 0 }).toEqual({
          ...first,
          secondaryClaimsCreated: 0,
          statementsRequested: 0,
        });
        // Balanced: the stored summary is what the entries say; no cent appeared or disappeared.
        expect(after.balances).toEqual(balancesOf(after.entries));
        expect(totalBalance(after.balances)).toBe(totalBalance(before.balances));
        const byClaim = balancesByClaim(after.entries);
        const mine = byClaim.get(visit.claimId) ?? zeroBalances();
        expect(mine.primary).toBe(0);
        expect(first.patientBalanceCents).toBe(share);
        if (share === 0) {
          expect(first).toMatchObject({ next: 'closed', status: 'closed' });
          expect((await store.claims.get(visit.claimId))?.claim.status).toBe('closed');
        } else if (secondary === 'active' || secondary === 'added-after-posting') {
          expect(first).toMatchObject({ next: 'secondary-claim', secondaryClaimId: `${visit.claimId}-S`, secondaryClaimsCreated: 1 });
          expect(mine).toEqual(zeroBalances());
          expect(byClaim.get(`${visit.claimId}-S`)).toEqual({ ...zeroBalances(), secondary: share });
          expect([...started]).toEqual([`${visit.claimId}-S`]);
          expect((await store.claims.get(`${visit.claimId}-S`))?.claim).toMatchObject({
            status: 'draft',
            priorPayerPaidCents: remitted.paidCents,
          });
        } else {
          expect(first).toMatchObject({ next: 'statement', statementsRequested: 1 });
          expect(mine).toEqual({ ...zeroBalances(), patient: share });
          expect(await store.statements.get(first.statementRequestId!)).toMatchObject({ amountCents: share, status: 'requested' });
          expect(started.size).toBe(0);
        }
      }),
      { numRuns: 15 },
    );
  }, 240_000);
});

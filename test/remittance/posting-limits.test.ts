/**
 * A claim the ledger cannot take in one posting (a line with more adjustments than a posting holds)
 * is held for a person, and the rest of the payment posts: it used to throw from the posting's
 * contract, fail the batch on every retry and hold up the whole payment.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ClaimStatus } from '#schemas/claim.ts';
import { MAX_POSTING_ENTRIES } from '#schemas/ledger-entry.ts';
import { postRemittanceBatch } from '#functions/remittance/post-remittance-batch.ts';
import { createStore, documentClient } from '#functions/store/index.ts';
import { payerProfile } from '#test/fixtures/accounts/builders.ts';
import { acmeEra } from '#test/support/acme-era.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';
import { splitClaims } from '#test/support/split-claims.ts';
import { putSubmittedClaim } from '#test/support/submitted-claim.ts';

const RECEIVED = '2026-04-02T00:00:00Z';
const tables: TestTable[] = [];
afterAll(async () => {
  for (const table of tables) await table.drop();
});

/** One payment: `MANY` paid $75 of $100 with 25 separate $1 reductions, `PLAIN` paid $80 (CO-45 $20). */
const era = (): Uint8Array =>
  acmeEra(
    'EFT-LIMITS-1',
    15_500,
    [
      'CLP*PCN-MANY*1*100*75*0*12*ICN-MANY*11*1',
      ...Array.from({ length: MAX_POSTING_ENTRIES }, () => 'CAS*CO*45*1'),
      'NM1*QC*1*LIMITS*PAT****MI*M1',
      'CLP*PCN-PLAIN*1*100*80*0*12*ICN-PLAIN*11*1',
      'CAS*CO*45*20',
      'NM1*QC*1*LIMITS*PAT****MI*M2',
    ],
    911,
  );

describe('a claim line with more adjustments than one posting holds', () => {
  it('is held under attention as a ledger rule, and the other claims of the payment post', async () => {
    const table = await createTestTable();
    tables.push(table);
    const store = createStore(documentClient(table.client), table.tableName);
    await store.reference.putPayerProfile(payerProfile());
    await putSubmittedClaim(store, 'MANY');
    await putSubmittedClaim(store, 'PLAIN');
    const { unordered, ordered } = await splitClaims(era());
    const context = { receivedAt: RECEIVED, now: () => new Date(RECEIVED), onClaimStatus: async (_id: string, _s: ClaimStatus) => {} };

    const outcome = await postRemittanceBatch(store, [...unordered, ...ordered], context, 8);
    expect(outcome.payments[0]!.counts).toMatchObject({ claims: 2, posted: 1, attentionTotal: 1 });
    expect(JSON.stringify(outcome)).toContain('ledger-rule');
    // Nothing of the held claim reached the ledger; the plain one is paid to the cent.
    expect((await store.ledger.getLedger('ACC-MANY')).entries).toHaveLength(1);
    expect((await store.ledger.getLedger('ACC-PLAIN')).balances).toEqual({ primary: 0, secondary: 0, tertiary: 0, patient: 0 });
  }, 60_000);
});

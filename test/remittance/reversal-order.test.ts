/**
 * A payer's reversal (CLP02 22) takes back the adjudication it reverses, and no other: not a
 * re-adjudication under the same payer claim number (CLP07) posted after it, when the reversal's file
 * is posted again (dropped twice, or a stopped posting resumed); and a held reversal (it came before
 * its original) is not used up by its own payment's re-adjudication. Both used to move money: a
 * payment wiped off the ledger with nobody told, or an original payment left standing beside its
 * correction.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { postRemittanceFile } from '#functions/remittance/post-remittance-file.ts';
import { createStore, documentClient, type Store } from '#functions/store/index.ts';
import { payerProfile } from '#test/fixtures/accounts/builders.ts';
import { acmeEra } from '#test/support/acme-era.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';
import { putSubmittedClaim } from '#test/support/submitted-claim.ts';

const tables: TestTable[] = [];
afterAll(async () => {
  for (const table of tables) await table.drop();
});

async function freshStore(): Promise<Store> {
  const table = await createTestTable();
  tables.push(table);
  const store = createStore(documentClient(table.client), table.tableName);
  await store.reference.putPayerProfile(payerProfile());
  await putSubmittedClaim(store, 'X');
  return store;
}

/** One 835 payment `trace` with these CLP loops (each: its CLP and CAS segments). */
const era = (trace: string, paidCents: number, claims: readonly string[][], control: number): Uint8Array =>
  acmeEra(trace, paidCents, claims.flat(), control);

const NAME = 'NM1*QC*1*ORDER*PAT****MI*M1';
/** T1: the original adjudication of ICN-X, $80 paid of $100 (CO-45 $20). */
const original = era('EFT-T1', 8_000, [['CLP*PCN-X*1*100*80*0*12*ICN-X*11*1', 'CAS*CO*45*20', NAME]], 921);
/** T2: the payer reverses it. */
const reversal = era('EFT-T2', -8_000, [['CLP*PCN-X*22*-100*-80*0*12*ICN-X*11*1', 'CAS*CO*45*-20', NAME]], 922);
/** T3: re-adjudicated under the same CLP07: $60 paid, CO-45 $40. */
const readjudication = era('EFT-T3', 6_000, [['CLP*PCN-X*1*100*60*0*12*ICN-X*11*1', 'CAS*CO*45*40', NAME]], 923);
/** T2': reversal and re-adjudication in one payment (net -$20). */
const reversalWithCorrection = era(
  'EFT-T2',
  -2_000,
  [
    ['CLP*PCN-X*22*-100*-80*0*12*ICN-X*11*1', 'CAS*CO*45*-20', NAME],
    ['CLP*PCN-X*1*100*60*0*12*ICN-X*11*1', 'CAS*CO*45*40', NAME],
  ],
  922,
);

/** What the primary insurer owes on the claim's account, in cents, and how many entries the account holds. */
async function insurer(store: Store): Promise<{ primary: number; entries: number }> {
  const { balances, entries } = await store.ledger.getLedger('ACC-X');
  return { primary: balances.primary, entries: entries.length };
}

const post = (store: Store, source: Uint8Array, receivedAt: string) =>
  postRemittanceFile(store, { source, receivedAt, now: () => new Date(receivedAt) });

describe('a reversal takes back the adjudication it reverses, and no other', () => {
  it('posted again after a re-adjudication under the same CLP07, it leaves that re-adjudication standing', async () => {
    const store = await freshStore();
    await post(store, original, '2026-04-02T00:00:00Z');
    await post(store, reversal, '2026-04-03T00:00:00Z');
    expect(await insurer(store)).toMatchObject({ primary: 10_000 });
    await post(store, readjudication, '2026-04-04T00:00:00Z');
    const settled = await insurer(store);
    expect(settled.primary).toBe(0);

    // The reversal's file dropped again (or its posting resumed): nothing moves.
    const again = await post(store, reversal, '2026-04-05T00:00:00Z');
    expect(again).toMatchObject({ reversed: 0, attentionTotal: 0 });
    expect(await insurer(store)).toEqual(settled);
  }, 60_000);

  it('held because it came first and applied when the original came, posted again it changes nothing and raises nothing', async () => {
    const store = await freshStore();
    expect(await post(store, reversal, '2026-04-03T00:00:00Z')).toMatchObject({ unmatched: 1 });
    await post(store, original, '2026-04-04T00:00:00Z');
    const reversed = await insurer(store);
    expect(reversed.primary).toBe(10_000);
    expect(await post(store, reversal, '2026-04-05T00:00:00Z')).toMatchObject({ reversed: 0, alreadyPosted: 1, attentionTotal: 0 });
    expect(await insurer(store)).toEqual(reversed);
  }, 60_000);

  it('held because it came first, it waits for the original from another payment, not its own correction', async () => {
    const store = await freshStore();
    await post(store, reversalWithCorrection, '2026-04-03T00:00:00Z');
    await post(store, original, '2026-04-04T00:00:00Z');
    // The original $80 is taken back; the correction's $60 and CO-45 $40 settle the $100 claim (it was
    // left standing beside the correction: the insurer $100 in credit).
    expect((await insurer(store)).primary).toBe(0);
    const open = (await store.workItems.list({ queue: 'unmatched-remittances', status: 'open', limit: 50 })).items;
    expect(open.map((i) => i.kind)).not.toContain('reversal-pending');
  }, 60_000);
});

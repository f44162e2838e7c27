/**
 * What posting a batch of clean claims costs in round trips, counted on the DynamoDB client (not
 * timed): each paid claim matched by its CLP01, with no reversal and no denial, is written all or
 * nothing (its postings, its account's balances and its adjudication), claims posted at once sharing
 * a transaction, beside the reads the batch takes up front, five BatchGetItems of a hundred keys (the
 * CLP01s' claim lists and the headers, the patients' coverage lists and the coverages, held reversals
 * and waits); the waiting workflows are told once each. And a hot account: claims of one account posted at
 * once share a transaction and one update of the account's summary, and post once each, to the cent,
 * with no transaction cancelled.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { BatchReads } from '#functions/remittance/batch-reads.ts';
import type { ClaimItem } from '#functions/remittance/claim-items.ts';
import { RemittancePostingRun } from '#functions/remittance/posting-run.ts';
import type { ClaimStatus } from '#schemas/claim.ts';
import { postRemittanceBatch } from '#functions/remittance/post-remittance-batch.ts';
import { CapacityMeter, createStore, documentClient, type Store } from '#functions/store/index.ts';
import { resumeIfWaiting } from '#functions/task-tokens/claim-waits.ts';
import { formatCents } from '#functions/x12/decimal.ts';
import { payerProfile } from '#test/fixtures/accounts/builders.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';
import { splitClaims } from '#test/support/split-claims.ts';
import { putSubmittedClaim } from '#test/support/submitted-claim.ts';
import { countCalls, type CallCounts } from './call-counter.ts';

const RECEIVED = '2026-04-02T00:00:00Z';

/** One payment paying each claim `PCN-<n>` $80 of $100 (CO-45 $20), as a payer's ordinary 835 does. */
function era(claims: readonly string[], trace: string): Uint8Array {
  const body = [
    `BPR*I*${formatCents(8_000 * claims.length)}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20260401`,
    `TRN*1*${trace}*1512345678`,
    'N1*PR*ACME HEALTH PLAN*XV*PAYER-ACME',
    'N1*PE*TEST GENERAL HOSPITAL*XX*1234567893',
    'LX*1',
    ...claims.flatMap((n) => [`CLP*PCN-${n}*1*100*80*0*12*ICN-${n}*11*1`, 'CAS*CO*45*20', 'NM1*QC*1*CALLS*PAT****MI*M1']),
  ];
  return new TextEncoder().encode(
    [
      'ISA*00*          *00*          *ZZ*ACMEPAYER      *ZZ*TESTHOSP       *260401*0900*^*00501*000000901*0*T*:',
      'GS*HP*ACMEPAYER*TESTHOSP*20260401*0900*901*X*005010X221A1',
      'ST*835*0001',
      ...body,
      `SE*${body.length + 2}*0001`,
      'GE*1*901',
      'IEA*1*000000901',
    ].join('~') + '~',
  );
}

/** The file's claims as the split writes them (all unordered here: distinct numbers, no reversal). */
async function itemsOf(bytes: Uint8Array): Promise<ClaimItem[]> {
  const { unordered, ordered } = await splitClaims(bytes);
  expect(ordered, 'no claim of this file needs order').toEqual([]);
  return unordered;
}

const tables: TestTable[] = [];
async function freshStore(): Promise<{ store: Store; metered: Store; meter: CapacityMeter; counts: CallCounts }> {
  const table = await createTestTable();
  tables.push(table);
  const store = createStore(documentClient(table.client), table.tableName);
  await store.reference.putPayerProfile(payerProfile());
  const meter = new CapacityMeter();
  return { store, metered: createStore(documentClient(table.client), table.tableName, meter), meter, counts: countCalls(table.client) };
}
afterAll(async () => {
  for (const table of tables) await table.drop();
});

describe('a batch of clean paid claims', () => {
  it('costs a share of one transaction a claim (the wait taken in it) and five reads for the whole batch, each waiting workflow told once; a replay writes nothing', async () => {
    const { store, metered, meter, counts } = await freshStore();
    const claims = Array.from({ length: 40 }, (_, i) => `C${i}`);
    for (const n of claims) {
      await putSubmittedClaim(store, n);
      await store.waits.put(`CLM-${n}`, 'adjudication', `token-${n}`, '2026-03-03T08:00:00Z');
    }
    const items = await itemsOf(era(claims, 'EFT-CALLS-1'));
    const told: string[] = [];
    const context = {
      receivedAt: RECEIVED,
      now: () => new Date(RECEIVED),
      onClaimStatus: (claimId: string, status: ClaimStatus) =>
        resumeIfWaiting(store, async (token, output) => void told.push(`${token} ${output.status}`), claimId, status),
      resumeTask: async (token: string, _claimId: string, status: ClaimStatus) => void told.push(`${token} ${status}`),
    };

    counts.reset();
    const outcome = await postRemittanceBatch(metered, items, context, 8);
    const posting = Object.fromEntries(counts.calls);
    const { readCapacityUnits, writeCapacityUnits, capacityUnits } = meter.totals();
    console.log(
      `posting capacity a claim: ${(capacityUnits / 40).toFixed(2)} units (${(writeCapacityUnits / 40).toFixed(2)} write, ${(readCapacityUnits / 40).toFixed(2)} read)`,
    );
    console.log(`posting calls (cancelled ${counts.cancelled}), 40 clean claims in one batch: ${JSON.stringify(posting)}`);
    expect(outcome.payments[0]!.counts).toMatchObject({ claims: 40, posted: 40, alreadyPosted: 0, attentionTotal: 0 });
    // Per claim: its share of a transaction (which takes the wait too): the claims posted at once share one.
    expect(counts.of('TransactWriteItemsCommand')).toBeLessThanOrEqual(10);
    // Per batch, a BatchGetItem each (100 keys): the CLP01s' claim lists, their headers, the patients'
    // coverage lists, their coverages, held reversals and waits together. No query at all.
    expect(counts.of('BatchGetItemCommand')).toBe(5);
    expect(counts.of('QueryCommand')).toBe(0);
    expect(counts.of('GetItemCommand')).toBe(0);
    expect(counts.of('DeleteItemCommand')).toBe(0);
    expect(counts.cancelled).toBe(0);
    expect(counts.total()).toBeLessThanOrEqual(5 + 10);
    expect(told.sort()).toEqual(claims.map((n) => `token-${n} paid`).sort());

    for (const n of claims) {
      const { balances } = await store.ledger.getLedger(`ACC-${n}`);
      expect(balances).toEqual({ primary: 0, secondary: 0, tertiary: 0, patient: 0 });
      expect((await store.claims.get(`CLM-${n}`))?.claim).toMatchObject({ status: 'paid', payerClaimControlNumber: `ICN-${n}` });
    }

    counts.reset();
    const again = await postRemittanceBatch(store, items, context, 8);
    expect(again.payments[0]!.counts).toMatchObject({ claims: 40, posted: 0, alreadyPosted: 40 });
    expect(told).toHaveLength(40);
    for (const n of claims) expect((await store.ledger.getLedger(`ACC-${n}`)).entries).toHaveLength(3);
  }, 120_000);
});

describe('a workflow that starts waiting after the batch read the claims', () => {
  it("is told by the step-by-step posting: the claim's transaction checked that no wait came, and wrote nothing", async () => {
    const { store, counts } = await freshStore();
    await putSubmittedClaim(store, 'LATE');
    const [item] = await itemsOf(era(['LATE'], 'EFT-LATE-1'));
    const told: string[] = [];
    const context = {
      receivedAt: RECEIVED,
      now: () => new Date(RECEIVED),
      onClaimStatus: (claimId: string, status: ClaimStatus) =>
        resumeIfWaiting(store, async (token, output) => void told.push(`${token} ${output.status}`), claimId, status),
      resumeTask: async (token: string, _claimId: string, status: ClaimStatus) => void told.push(`fast ${token} ${status}`),
    };
    const reads = await BatchReads.of(store, [item!], 8);
    await store.waits.put('CLM-LATE', 'adjudication', 'token-late', '2026-04-01T00:00:00Z');
    counts.reset();
    const run = new RemittancePostingRun(store, context, reads);
    await run.postClaimItem(item!);
    expect(counts.cancelled).toBe(1);
    expect(run.claimCounts()).toMatchObject({ posted: 1, alreadyPosted: 0 });
    expect(told).toEqual(['token-late paid']);
    expect((await store.ledger.getLedger('ACC-LATE')).balances).toEqual({ primary: 0, secondary: 0, tertiary: 0, patient: 0 });
  }, 60_000);
});

describe('a hot account (every claim of the batch on one account)', () => {
  it('posts once per claim to the cent with the claims at once, and no transaction is cancelled', async () => {
    const { store, counts } = await freshStore();
    const claims = Array.from({ length: 48 }, (_, i) => `H${i}`);
    for (const n of claims) await putSubmittedClaim(store, n, 'ACC-HOT');
    const items = await itemsOf(era(claims, 'EFT-HOT-CALLS'));
    const context = { receivedAt: RECEIVED, now: () => new Date(RECEIVED) };

    counts.reset();
    const outcome = await postRemittanceBatch(store, items, context, 8);
    expect(outcome.payments[0]!.counts).toMatchObject({ claims: 48, posted: 48 });
    console.log(
      `hot account, 48 claims 8 at once: ${counts.cancelled} transactions cancelled, ${JSON.stringify(Object.fromEntries(counts.calls))}`,
    );
    expect(counts.cancelled).toBe(0);
    // Each wave of eight claims of the account is one transaction that adds to its summary once.
    expect(counts.of('TransactWriteItemsCommand')).toBe(6);
    const { entries, balances, version } = await store.ledger.getLedger('ACC-HOT');
    expect(entries.filter((e) => e.kind === 'insurance-payment')).toHaveLength(48);
    expect(balances).toEqual({ primary: 0, secondary: 0, tertiary: 0, patient: 0 });
    // 48 charges and 48 remittance postings, each counted once in the account's version.
    expect(version).toBe(96);
  }, 120_000);
});

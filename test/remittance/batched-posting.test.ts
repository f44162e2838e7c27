/**
 * Posting an 835 split into batches (as PayerFileIntake's Distributed Maps do: split, batches of any size
 * run at once in any order, the ordered claims after, then the finishing step) ends exactly where posting
 * the whole file in one run ends: the same outcome and payment lines, the same money on every ledger to
 * the cent, and a second delivery posts nothing (DynamoDB Local, the real posting run).
 */
import fc from 'fast-check';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerAccountId } from '#functions/accounts/clerk-postings.ts';
import type { ClaimItem } from '#functions/remittance/claim-items.ts';
import { finishRemittancePosting, PaymentTotals } from '#functions/remittance/finish-remittance-posting.ts';
import { postRemittanceBatch } from '#functions/remittance/post-remittance-batch.ts';
import { postRemittanceFile } from '#functions/remittance/post-remittance-file.ts';
import { splitRemittanceFile } from '#functions/remittance/split-remittance-file.ts';
import { splitClaims } from '#test/support/split-claims.ts';
import { createStore, documentClient, type Store } from '#functions/store/index.ts';
import { formatCents } from '#functions/x12/decimal.ts';
import { payerProfile } from '#test/fixtures/accounts/builders.ts';
import { conflictLikeAws, type ConflictCounts } from '#test/support/aws-conflicts.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';
import { putSubmittedClaims } from '#test/support/submitted-claim.ts';

const money = formatCents;
const RECEIVED = '2026-04-02T00:00:00Z';
const context = { receivedAt: RECEIVED, now: () => new Date(RECEIVED) };

interface Clp {
  n: string;
  status: '1' | '22';
  icn: string;
  charge: number;
  paid: number;
  /** The claim's CO-45 does not take charge minus paid: it does not balance. */
  imbalanced?: boolean;
}

/** One transaction set (payment) of these CLPs, BPR02 = ΣCLP04 − ΣPLB. */
function payment(control: string, trace: string, clps: readonly Clp[], plb: readonly { code: string; cents: number }[] = []): string[] {
  const total = clps.reduce((s, c) => s + c.paid, 0) - plb.reduce((s, a) => s + a.cents, 0);
  const body = [
    `BPR*I*${money(Math.abs(total))}*${total < 0 ? 'D' : 'C'}*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20260401`,
    `TRN*1*${trace}*1512345678`,
    'N1*PR*ACME HEALTH PLAN*XV*PAYER-ACME',
    'N1*PE*TEST GENERAL HOSPITAL*XX*1234567893',
    'LX*1',
    ...clps.flatMap((c) => [
      `CLP*PCN-${c.n}*${c.status}*${money(c.charge)}*${money(c.paid)}*0*12*${c.icn}*11*1`,
      `CAS*CO*45*${money(c.imbalanced ? 1 : c.charge - c.paid)}`,
      'NM1*QC*1*BATCH*PATRICIA****MI*MEMBER77',
    ]),
    ...(plb.length ? [`PLB*1234567893*20261231*${plb.map((a) => `${a.code}:REF${a.code}*${money(a.cents)}`).join('*')}`] : []),
  ];
  return [`ST*835*${control}`, ...body, `SE*${body.length + 2}*${control}`];
}

const paid = (n: string, cents: number): Clp => ({ n, status: '1', icn: `A-${n}`, charge: 10_000, paid: cents });
const CLAIMS = Array.from({ length: 24 }, (_, i) => `B${i}`);

/**
 * Two payments of 26 claims: paid claims, one the hospital does not know, one that does not balance, PLB
 * interest and a recovery; in the second payment a claim of the first is reversed and re-adjudicated
 * under a new claim number, and another is paid again under its claim number (a second payment of it).
 */
function file(): Uint8Array {
  const first = payment(
    '0001',
    'EFT-BATCH-1',
    [...CLAIMS.slice(0, 16).map((n, i) => paid(n, 5_000 + 100 * i)), paid('UNKNOWN-1', 3_000), { ...paid('B20', 7_000), imbalanced: true }],
    [
      { code: 'L6', cents: -425 },
      { code: 'WO', cents: 1_000 },
    ],
  );
  const second = payment('0002', 'EFT-BATCH-2', [
    ...CLAIMS.slice(16, 20).map((n) => paid(n, 6_000)),
    { n: 'B3', status: '22', icn: 'A-B3', charge: -10_000, paid: -5_300 },
    { n: 'B3', status: '1', icn: 'B-B3', charge: 10_000, paid: 4_000 },
    paid('B21', 9_000),
    paid('B5', 5_500),
  ]);
  const x12 = [
    'ISA*00*          *00*          *ZZ*ACMEPAYER      *ZZ*TESTHOSP       *260401*0900*^*00501*000000777*0*T*:',
    'GS*HP*ACMEPAYER*TESTHOSP*20260401*0900*777*X*005010X221A1',
    ...first,
    ...second,
    'GE*2*777',
    'IEA*1*000000777',
  ];
  return new TextEncoder().encode(x12.join('~') + '~');
}

const tables: TestTable[] = [];
async function freshStore(prepare?: (client: DynamoDBClient) => void): Promise<Store> {
  const table = await createTestTable();
  tables.push(table);
  prepare?.(table.client);
  const store = createStore(documentClient(table.client), table.tableName);
  await store.reference.putPayerProfile(payerProfile());
  await putSubmittedClaims(store, CLAIMS);
  return store;
}
afterAll(async () => {
  for (const table of tables) await table.drop();
});

/** Splits the file, posts the unordered batches at once in `order`, the ordered ones after in file order, and finishes. */
async function postInBatches(store: Store, bytes: Uint8Array, size: number, inParallel: number, order: (n: number) => number[]) {
  const split = await splitClaims(bytes);
  const batchesOf = (items: ClaimItem[]) =>
    Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));
  const totals = new PaymentTotals();
  const unordered = batchesOf(split.unordered);
  const outcomes = await Promise.all(order(unordered.length).map((i) => postRemittanceBatch(store, unordered[i]!, context, inParallel)));
  for (const outcome of outcomes) totals.add(outcome);
  for (const batch of batchesOf(split.ordered)) totals.add(await postRemittanceBatch(store, batch, context, 1));
  expect(totals.claims).toBe(split.unordered.length + split.ordered.length);
  return {
    split,
    outcome: await finishRemittancePosting(
      store,
      (async function* () {
        yield bytes;
      })(),
      totals,
      context,
    ),
  };
}

/** Every account's entries as (kind, reason, claim, responsibility, cents), sorted: the money, not the ids. */
async function books(store: Store): Promise<string[]> {
  const accounts = [...CLAIMS.map((n) => `ACC-${n}`), providerAccountId('PAYER-ACME')];
  const out: string[] = [];
  for (const account of accounts) {
    const { entries, balances } = await store.ledger.getLedger(account);
    out.push(`${account} ${JSON.stringify(balances)}`);
    for (const e of entries)
      for (const s of e.splits)
        out.push(`${account} ${e.kind} ${e.reasonCode ?? ''} ${e.claimId ?? ''} ${s.responsibility} ${s.amountCents}`);
  }
  return out.sort();
}

let reference: { outcome: Awaited<ReturnType<typeof postRemittanceFile>>; books: string[] };
beforeAll(async () => {
  const store = await freshStore();
  const outcome = await postRemittanceFile(store, { source: file(), ...context });
  reference = { outcome, books: await books(store) };
});

describe('an 835 posted in batches, in any order, at once', () => {
  it('splits the claims that must keep their order (a reversal, the re-adjudication after it, a repeated claim) from the rest', async () => {
    const lines = { unordered: [] as string[], ordered: [] as string[] };
    const sink = (to: string[]) => ({ write: async (line: string) => void to.push(line) });
    const split = await splitRemittanceFile(
      async () =>
        (async function* () {
          yield file();
        })(),
      { unordered: sink(lines.unordered), ordered: sink(lines.ordered) },
    );
    expect(split).toEqual({ status: 'split', transactionSets: 2, claims: 26, unorderedClaims: 23, orderedClaims: 3 });
    const ordered = lines.ordered.map((l) => JSON.parse(l) as ClaimItem);
    expect(ordered.map((i) => [i.claim.patientControlNumber, i.claim.statusCode, i.payment])).toEqual([
      ['PCN-B3', '22', 1],
      ['PCN-B3', '1', 1],
      ['PCN-B5', '1', 1],
    ]);
    // The items carry no names or member ids of the 835 (its NM1 segments).
    for (const line of [...lines.unordered, ...lines.ordered]) for (const phi of ['PATRICIA', 'MEMBER77']) expect(line).not.toContain(phi);
  });

  it('the whole-file posting this is held to: every kind of claim in it', () => {
    expect(reference.outcome).toMatchObject({
      status: 'posted',
      transactionSets: 2,
      claims: 26,
      posted: 23,
      unmatched: 1,
      notPosted: 1,
      reversed: 1,
      providerAdjustmentsPosted: 2,
      balanced: false,
    });
  });

  it('ends where posting the whole file ends, whatever the batch size, concurrency and order; a second delivery posts nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
        async (size, inParallel, reversed) => {
          const store = await freshStore();
          const order = (n: number) => {
            const indexes = Array.from({ length: n }, (_, i) => i);
            return reversed ? indexes.reverse() : indexes;
          };
          const { outcome } = await postInBatches(store, file(), size, inParallel, order);
          const { attention, ...counts } = outcome;
          const { attention: expectedAttention, ...expected } = reference.outcome;
          expect(counts).toEqual(expected);
          const key = (a: { reason: string; transactionSet: string; claimIndex: number }) =>
            `${a.transactionSet}/${a.claimIndex}/${a.reason}`;
          expect(attention.map(key).sort()).toEqual(expectedAttention.map(key).sort());
          expect(await books(store)).toEqual(reference.books);
          const again = (await postInBatches(store, file(), size, inParallel, order)).outcome;
          expect(again).toMatchObject({
            posted: 0,
            reversed: 0,
            providerAdjustmentsPosted: 0,
            remittancesSaved: 0,
            remittancesAlreadySaved: 2,
          });
          expect(await books(store)).toEqual(reference.books);
        },
      ),
      { numRuns: 4 },
    );
  }, 240_000);
});

describe('a hot account (one guarantor account on every claim of the file)', () => {
  /** Posts 48 claims of one account, every batch at once; checks every cent once, and once again on a replay. */
  async function postHotFile(store: Store): Promise<void> {
    const hot = Array.from({ length: 48 }, (_, i) => `H${i}`);
    // One account, as a capitation contract or a facility's guarantor account would have it.
    await putSubmittedClaims(store, hot, 'ACC-HOT');
    const lines = payment(
      '0001',
      'EFT-HOT-1',
      hot.map((n, i) => paid(n, 7_000 + i)),
    );
    const x12 = [
      'ISA*00*          *00*          *ZZ*ACMEPAYER      *ZZ*TESTHOSP       *260401*0900*^*00501*000000778*0*T*:',
      'GS*HP*ACMEPAYER*TESTHOSP*20260401*0900*778*X*005010X221A1',
      ...lines,
      'GE*1*778',
      'IEA*1*000000778',
    ];
    const bytes = new TextEncoder().encode(x12.join('~') + '~');
    const everyBatchAtOnce = (n: number) => Array.from({ length: n }, (_, i) => i);
    const { outcome } = await postInBatches(store, bytes, 6, 8, everyBatchAtOnce);
    expect(outcome).toMatchObject({ claims: 48, posted: 48, notPosted: 0, balanced: true });
    const { entries, balances, version } = await store.ledger.getLedger('ACC-HOT');
    const paidCents = hot.reduce((sum, _, i) => sum + 7_000 + i, 0);
    const payments = entries.filter((e) => e.kind === 'insurance-payment');
    expect(payments).toHaveLength(48);
    expect(0 - payments.flatMap((e) => e.splits).reduce((sum, x) => sum + x.amountCents, 0)).toBe(paidCents);
    // Charged $100 each; paid and written down (CO-45) to zero on the insurer's side.
    expect(balances.primary).toBe(0);
    // 48 charges and 48 remittance postings, each counted once.
    expect(version).toBe(96);
    expect((await postInBatches(store, bytes, 6, 8, everyBatchAtOnce)).outcome).toMatchObject({ posted: 0, alreadyPosted: 48 });
    expect((await store.ledger.getLedger('ACC-HOT')).balances).toEqual(balances);
  }

  it('is posted once per claim, to the cent, with every batch at once and claims of a batch at once', async () => {
    await postHotFile(await freshStore());
  }, 120_000);

  it('is posted once per claim, to the cent, when its batches meet on the account as they would in AWS', async () => {
    let conflicts: ConflictCounts | undefined;
    const store = await freshStore((client) => (conflicts = conflictLikeAws(client)));
    await postHotFile(store);
    // The eight batches' transactions did meet on the account's summary: this test saw AWS's conflicts.
    expect(conflicts!.cancelled).toBeGreaterThan(0);
  }, 120_000);
});

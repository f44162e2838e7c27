/**
 * Exact posting whatever order a payer's files arrive in (DynamoDB Local, the real posting run).
 * A $100 claim: the payer first pays $80 under claim number A, then reverses A and pays $60 under B.
 * The insurer's net is $60 (or $0 when it only pays and reverses A), in every delivery order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balancesByClaim, zeroBalances } from '#functions/accounts/balances.ts';
import { providerAccountId } from '#functions/accounts/clerk-postings.ts';
import { listWorkItems } from '#functions/queues/work-items.ts';
import { postRemittanceFile } from '#functions/remittance/post-remittance-file.ts';
import { createStore, documentClient, type Store } from '#functions/store/index.ts';
import { payerProfile } from '#test/fixtures/accounts/builders.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';
import { formatCents } from '#functions/x12/decimal.ts';
import { putSubmittedClaim } from '#test/support/submitted-claim.ts';

let table: TestTable;
let store: Store;
beforeAll(async () => {
  table = await createTestTable();
  store = createStore(documentClient(table.client), table.tableName);
  await store.reference.putPayerProfile(payerProfile());
});
afterAll(async () => table.drop());

const money = formatCents;

interface Clp {
  status: '1' | '22';
  icn: string;
  charge: number;
  paid: number;
}

let control = 100;
/** One 835 payment (one transaction set) of claim PCN-<n>'s CLPs, balanced: CO-45 takes charge minus paid. */
function era(n: number, trace: string, clps: readonly Clp[], plb: readonly { code: string; cents: number }[] = []): Uint8Array {
  control += 1;
  // BPR02 = ΣCLP04 − ΣPLB (a positive PLB is withheld from the payment, a negative one added to it).
  const total = clps.reduce((s, c) => s + c.paid, 0) - plb.reduce((s, a) => s + a.cents, 0);
  const body = [
    `BPR*I*${money(Math.abs(total))}*${total < 0 ? 'D' : 'C'}*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20260401`,
    `TRN*1*${trace}*1512345678`,
    'N1*PR*ACME HEALTH PLAN*XV*PAYER-ACME',
    'N1*PE*TEST GENERAL HOSPITAL*XX*1234567893',
    'LX*1',
    ...clps.flatMap((c) => [
      `CLP*PCN-${n}*${c.status}*${money(c.charge)}*${money(c.paid)}*0*12*${c.icn}*11*1`,
      `CAS*CO*45*${money(c.charge - c.paid)}`,
    ]),
    ...(plb.length ? [`PLB*1234567893*20261231*${plb.map((a) => `${a.code}:REF${a.code}*${money(a.cents)}`).join('*')}`] : []),
  ];
  const st = [`ST*835*0001`, ...body, `SE*${body.length + 2}*0001`];
  const isa = `ISA*00*          *00*          *ZZ*ACMEPAYER      *ZZ*TESTHOSP       *260401*0900*^*00501*${String(control).padStart(9, '0')}*0*T*:`;
  const x12 =
    [
      isa,
      `GS*HP*ACMEPAYER*TESTHOSP*20260401*0900*${control}*X*005010X221A1`,
      ...st,
      `GE*1*${control}`,
      `IEA*1*${String(control).padStart(9, '0')}`,
    ].join('~') + '~';
  return new TextEncoder().encode(x12);
}

const paidA = (n: number): Uint8Array => era(n, `EFT-A-${n}`, [{ status: '1', icn: `A-${n}`, charge: 10_000, paid: 8_000 }]);
const reverseAPayB = (n: number): Uint8Array =>
  era(n, `EFT-B-${n}`, [
    { status: '22', icn: `A-${n}`, charge: -10_000, paid: -8_000 },
    { status: '1', icn: `B-${n}`, charge: 10_000, paid: 6_000 },
  ]);
const reverseA = (n: number): Uint8Array => era(n, `EFT-R-${n}`, [{ status: '22', icn: `A-${n}`, charge: -10_000, paid: -8_000 }]);

const claimFor = (n: number): Promise<void> => putSubmittedClaim(store, n);

const post = (source: Uint8Array) =>
  postRemittanceFile(store, { source, receivedAt: '2026-04-02T00:00:00Z', now: () => new Date('2026-04-02T00:00:00Z') });

/** What the payer's files moved on the claim's insurer balance (every entry but the charge), and what the insurer still owes. */
async function insurer(n: number): Promise<{ movedCents: number; openCents: number }> {
  const { entries } = await store.ledger.getLedger(`ACC-${n}`);
  const movedCents = entries
    .filter((e) => e.claimId === `CLM-${n}` && e.kind !== 'charge')
    .flatMap((e) => e.splits)
    .filter((x) => x.responsibility === 'primary')
    .reduce((s, x) => s + x.amountCents, 0);
  const open = balancesByClaim(entries).get(`CLM-${n}`) ?? zeroBalances();
  return { movedCents, openCents: open.primary };
}

describe('posting in every order a payer delivers', () => {
  it('in order: $80 under A, then A reversed and $60 under B: the insurer paid $60, the contractual adjustment follows', async () => {
    await claimFor(1);
    await post(paidA(1));
    await post(reverseAPayB(1));
    expect((await store.claims.get('CLM-1'))?.claim).toMatchObject({ status: 'paid', payerClaimControlNumber: 'B-1' });
    expect((await insurer(1)).openCents).toBe(0);
  });

  it('the reversal and re-adjudication before the original: the late original under A is not posted onto the claim paid under B', async () => {
    await claimFor(2);
    await post(reverseAPayB(2));
    const late = await post(paidA(2));
    expect(late).toMatchObject({ posted: 0, notPosted: 1 });
    expect((await store.claims.get('CLM-2'))?.claim).toMatchObject({ status: 'paid', payerClaimControlNumber: 'B-2' });
    // $60 under B and the $40 contractual adjustment: the insurer owes nothing, and was not paid $140.
    expect((await insurer(2)).openCents).toBe(0);
    const unmatched = (await listWorkItems(store, { queue: 'unmatched-remittances' })).items;
    expect(unmatched.filter((i) => i.claimId === 'CLM-2').map((i) => [i.kind, i.amountCents])).toEqual([['claim-number-conflict', 8_000]]);
    // The reversal of A that came first is held for a person: A was never posted, so nothing is reversed.
    expect(unmatched.filter((i) => i.kind === 'reversal-pending' && i.details.payerClaimControlNumber === 'A-2')).toHaveLength(1);
  });

  it('a reversal before its original is held, then applied when the original arrives: the account nets to zero with the payer', async () => {
    await claimFor(3);
    const early = await post(reverseA(3));
    expect(early).toMatchObject({ posted: 0, unmatched: 1 });
    const held = (await listWorkItems(store, { queue: 'unmatched-remittances' })).items.find(
      (i) => i.kind === 'reversal-pending' && i.details.payerClaimControlNumber === 'A-3',
    );
    expect(held).toMatchObject({ status: 'open', amountCents: -8_000 });
    await post(paidA(3));
    // Paid $80, reversed $80: the charge is owed by the insurer again, the claim waits for a new adjudication.
    expect(await insurer(3)).toEqual({ movedCents: 0, openCents: 10_000 });
    expect((await store.claims.get('CLM-3'))?.claim.status).toBe('accepted');
    expect((await store.workItems.get(held!.workItemId))?.status).toBe('resolved');
    // Delivered again, neither file changes anything.
    await post(reverseA(3));
    await post(paidA(3));
    expect(await insurer(3)).toEqual({ movedCents: 0, openCents: 10_000 });
  });

  it('a payment with no claims is not quietly "posted": it waits in the failed-postings queue with its trace number', async () => {
    const outcome = await post(era(90, 'EFT-EMPTY-90', []));
    // BPR02 of 0 with no claims balances; a payment of money with no claims does not.
    const paying = new TextDecoder().decode(era(91, 'EFT-ORPHAN-91', [])).replace('BPR*I*0*C*', 'BPR*I*125*C*');
    const orphan = await post(new TextEncoder().encode(paying));
    expect(outcome).toMatchObject({ balanced: true });
    expect(orphan).toMatchObject({ status: 'posted', claims: 0, balanced: false });
    const failed = (await listWorkItems(store, { queue: 'failed-postings' })).items.filter((i) => i.kind === 'payment-imbalanced');
    expect(failed.map((i) => [i.amountCents, i.details.traceNumber])).toEqual([[12_500, 'EFT-ORPHAN-91']]);
  });

  it("posts PLB interest and recoveries to the payer's provider-level account: the ledger adds up to BPR02, once", async () => {
    await claimFor(30);
    // $80 paid on the claim, $4.25 prompt-pay interest (L6, negative PLB) and a $10.00 overpayment recovery (WO): BPR02 $74.25.
    const file = era(
      30,
      'EFT-PLB-30',
      [{ status: '1', icn: 'A-30', charge: 10_000, paid: 8_000 }],
      [
        { code: 'L6', cents: -425 },
        { code: 'WO', cents: 1_000 },
      ],
    );
    const outcome = await post(file);
    expect(outcome).toMatchObject({ balanced: true, totalPaymentCents: 7_425, providerAdjustments: 2, providerAdjustmentsPosted: 2 });
    const claimPayments = (await store.ledger.getLedger('ACC-30')).entries
      .filter((e) => e.kind === 'insurance-payment')
      .flatMap((e) => e.splits)
      .reduce((sum, x) => sum + x.amountCents, 0);
    const plb = (await store.ledger.getLedger(providerAccountId('PAYER-ACME'))).entries.filter((e) => e.postingKey.includes('EFT-PLB-30'));
    expect(plb.map((e) => [e.reasonCode, e.splits[0]?.amountCents])).toEqual([
      ['PLB-L6', -425],
      ['PLB-WO', 1_000],
    ]);
    const plbCents = plb.flatMap((e) => e.splits).reduce((sum, x) => sum + x.amountCents, 0);
    // What left the insurer's side on the ledger is exactly the money that arrived: −BPR02.
    expect(claimPayments + plbCents).toBe(-7_425);
    expect(await post(file)).toMatchObject({ providerAdjustmentsPosted: 0 });
  });

  it('every order of the two deliveries ends with the same money on the ledger', async () => {
    const files = [paidA, reverseAPayB] as const;
    let n = 10;
    for (const order of [
      [0, 1],
      [1, 0],
    ]) {
      n += 1;
      await claimFor(n);
      for (const i of order) await post(files[i]!(n));
      // Whatever the order, no more than the claim's charge was ever paid, and nothing is owed twice.
      const { openCents } = await insurer(n);
      expect(openCents).toBe(0);
    }
  });
});

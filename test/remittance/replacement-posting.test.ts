/**
 * A claim we sent back as its own replacement (same claim id, frequency 7, REF*F8 = the number it
 * replaces) is posted exactly whatever order the payer's reversal of the old number and its new
 * adjudication arrive in (DynamoDB Local, the real posting run). A $100 claim paid $80 under A is
 * corrected; the payer reverses A and pays $60 under B.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balancesByClaim, zeroBalances } from '#functions/accounts/balances.ts';
import { chargePosting } from '#functions/accounts/clerk-postings.ts';
import { resubmissionOf } from '#functions/corrections/prepare-resubmission.ts';
import { listWorkItems } from '#functions/queues/work-items.ts';
import { pickReversed } from '#functions/remittance/claim-matching.ts';
import { postRemittanceFile } from '#functions/remittance/post-remittance-file.ts';
import { createStore, documentClient, type Store } from '#functions/store/index.ts';
import { coverage, patient, payerProfile, professionalClaim } from '#test/fixtures/accounts/builders.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';
import { formatCents } from '#functions/x12/decimal.ts';

let table: TestTable;
let store: Store;
beforeAll(async () => {
  table = await createTestTable();
  store = createStore(documentClient(table.client), table.tableName);
  await store.reference.putPayerProfile(payerProfile());
});
afterAll(async () => table.drop());

const money = formatCents;
let control = 500;

/** One balanced 835 payment of claim PCN-<n>'s CLPs; CO-45 takes charge minus paid. */
function era(
  n: number,
  trace: string,
  clps: readonly { status: '1' | '4' | '22'; icn: string; charge: number; paid: number; carc?: string }[],
): Uint8Array {
  control += 1;
  const total = clps.reduce((s, c) => s + c.paid, 0);
  const body = [
    `BPR*I*${money(Math.abs(total))}*${total < 0 ? 'D' : 'C'}*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20260401`,
    `TRN*1*${trace}*1512345678`,
    'N1*PR*ACME HEALTH PLAN*XV*PAYER-ACME',
    'N1*PE*TEST GENERAL HOSPITAL*XX*1234567893',
    'LX*1',
    ...clps.flatMap((c) => [
      `CLP*PCN-${n}*${c.status}*${money(c.charge)}*${money(c.paid)}*0*12*${c.icn}*11*${c.status === '22' ? '8' : '7'}`,
      `CAS*CO*${c.carc ?? '45'}*${money(c.charge - c.paid)}`,
    ]),
  ];
  const isa = `ISA*00*          *00*          *ZZ*ACMEPAYER      *ZZ*TESTHOSP       *260401*0900*^*00501*${String(control).padStart(9, '0')}*0*T*:`;
  const x12 = [
    isa,
    `GS*HP*ACMEPAYER*TESTHOSP*20260401*0900*${control}*X*005010X221A1`,
    'ST*835*0001',
    ...body,
    `SE*${body.length + 2}*0001`,
    `GE*1*${control}`,
    `IEA*1*${String(control).padStart(9, '0')}`,
  ].join('~');
  return new TextEncoder().encode(`${x12}~`);
}

const paidA = (n: number) => era(n, `EFT-A-${n}`, [{ status: '1', icn: `A-${n}`, charge: 10_000, paid: 8_000 }]);
const reverseA = (n: number) => era(n, `EFT-R-${n}`, [{ status: '22', icn: `A-${n}`, charge: -10_000, paid: -8_000 }]);
const paidB = (n: number) => era(n, `EFT-B-${n}`, [{ status: '1', icn: `B-${n}`, charge: 10_000, paid: 6_000 }]);
const reverseAPayB = (n: number) =>
  era(n, `EFT-RB-${n}`, [
    { status: '22', icn: `A-${n}`, charge: -10_000, paid: -8_000 },
    { status: '1', icn: `B-${n}`, charge: 10_000, paid: 6_000 },
  ]);

/** Claim-level CO-16 (missing information): nothing paid, all held for the work queue; then reversed, and $60 paid under B. */
const deniedA = (n: number) => era(n, `EFT-D-${n}`, [{ status: '4', icn: `A-${n}`, charge: 10_000, paid: 0, carc: '16' }]);
const reverseDeniedAPayB = (n: number) =>
  era(n, `EFT-DB-${n}`, [
    { status: '22', icn: `A-${n}`, charge: -10_000, paid: 0, carc: '16' },
    { status: '1', icn: `B-${n}`, charge: 10_000, paid: 6_000 },
  ]);

const post = (source: Uint8Array) =>
  postRemittanceFile(store, { source, receivedAt: '2026-04-02T00:00:00Z', now: () => new Date('2026-04-02T00:00:00Z') });

/** A $100 claim paid $80 under A (or denied under A), then corrected in place and submitted again as A's replacement. */
async function replacementFor(n: number, first: (n: number) => Uint8Array = paidA): Promise<void> {
  const accountId = `ACC-R${n}`;
  await store.patients.putPatient(patient({ patientId: `PAT-R${n}`, accountId }));
  await store.patients.putCoverage(coverage({ coverageId: `COV-R${n}`, patientId: `PAT-R${n}` }));
  const claim = professionalClaim({
    claimId: `CLM-R${n}`,
    accountId,
    patientId: `PAT-R${n}`,
    coverageId: `COV-R${n}`,
    patientControlNumber: `PCN-${n}`,
    status: 'submitted',
    lines: [{ ...professionalClaim().lines[0]!, chargeCents: 10_000 }],
    totalChargeCents: 10_000,
  });
  await store.claims.create(claim, '2026-03-03T08:00:00Z');
  await store.ledger.post(
    chargePosting({ accountId, claimId: claim.claimId, amountCents: 10_000, to: 'primary', postedAt: '2026-03-03T08:00:00Z' }),
  );
  await post(first(n));
  const record = (await store.claims.get(claim.claimId))!;
  expect(record.claim).toMatchObject({ status: first === paidA ? 'paid' : 'denied', payerClaimControlNumber: `A-${n}` });
  const at = '2026-03-20T00:00:00Z';
  const id = claim.claimId;
  expect(
    await store.claims.replace(record, resubmissionOf(record.claim), {
      type: 'corrected',
      eventId: `${id}-c`,
      claimId: id,
      at,
      frequencyCode: '7',
    }),
  ).toMatchObject({ status: 'replaced', claimStatus: 'corrected' });
  await store.claims.recordEvent({ type: 'scrubbed', eventId: `${id}-s`, claimId: id, at, errorCount: 0, warningCount: 0 });
  await store.claims.recordEvent({ type: 'submitted', eventId: `${id}-sub`, claimId: id, at, interchangeControlNumber: '000000777' });
}

const insurerOwes = async (n: number) =>
  (balancesByClaim((await store.ledger.getLedger(`ACC-R${n}`)).entries).get(`CLM-R${n}`) ?? zeroBalances()).primary;
const attentionFor = async (n: number) =>
  [
    ...(await listWorkItems(store, { queue: 'unmatched-remittances' })).items,
    ...(await listWorkItems(store, { queue: 'failed-postings' })).items,
  ].filter((i) => i.claimId === `CLM-R${n}` || i.details.payerClaimControlNumber === `A-${n}`);

describe('posting the replacement of a claim sent back under its own id', () => {
  it('the reversal of A and the payment under B in one file: both post onto the claim, which ends paid under B', async () => {
    await replacementFor(1);
    expect(await post(reverseAPayB(1))).toMatchObject({ reversed: 1, posted: 1, notPosted: 0, unmatched: 0, statusNotMoved: 0 });
    expect((await store.claims.get('CLM-R1'))?.claim).toMatchObject({ status: 'paid', payerClaimControlNumber: 'B-1', frequencyCode: '7' });
    expect(await insurerOwes(1)).toBe(0);
    const version = (await store.ledger.getLedger('ACC-R1')).version;
    expect(await post(reverseAPayB(1))).toMatchObject({ reversed: 0, posted: 0, alreadyPosted: 2, unmatched: 0 });
    expect((await store.ledger.getLedger('ACC-R1')).version).toBe(version);
    expect(await attentionFor(1)).toEqual([]);
  });

  it('the payment under B before the reversal of A: A’s money is still reversed, the claim stays paid under B', async () => {
    await replacementFor(2);
    await post(paidB(2));
    expect((await store.claims.get('CLM-R2'))?.claim).toMatchObject({ status: 'paid', payerClaimControlNumber: 'B-2' });
    expect(await insurerOwes(2)).toBe(-10_000);
    expect(await post(reverseA(2))).toMatchObject({ reversed: 1, unmatched: 0, statusNotMoved: 0 });
    expect((await store.claims.get('CLM-R2'))?.claim).toMatchObject({ status: 'paid', payerClaimControlNumber: 'B-2' });
    expect(await insurerOwes(2)).toBe(0);
    expect(await post(reverseA(2))).toMatchObject({ reversed: 0, alreadyPosted: 1, unmatched: 0 });
    expect(await insurerOwes(2)).toBe(0);
    expect(await attentionFor(2)).toEqual([]);
  });

  it('a denial held whole (nothing posted under A) is reversed with nothing to take back, and B is paid: no anomaly raised', async () => {
    await replacementFor(3, deniedA);
    expect(await insurerOwes(3)).toBe(10_000);
    expect(await post(reverseDeniedAPayB(3))).toMatchObject({ reversed: 1, posted: 1, notPosted: 0, unmatched: 0, statusNotMoved: 0 });
    expect((await store.claims.get('CLM-R3'))?.claim).toMatchObject({ status: 'paid', payerClaimControlNumber: 'B-3' });
    expect(await insurerOwes(3)).toBe(0);
    expect(await post(reverseDeniedAPayB(3))).toMatchObject({ reversed: 0, posted: 0, alreadyPosted: 2, notPosted: 0 });
    expect(await attentionFor(3)).toEqual([]);
  });

  it('pickReversed: the claim holding the number first, else the one replacing it', () => {
    const base = { status: 'paid', frequencyCode: '1' } as const;
    const holder = { ...base, claimId: 'C1', payerClaimControlNumber: 'A' };
    const replacing = { ...base, claimId: 'C2', frequencyCode: '7', originalPayerClaimNumber: 'A', payerClaimControlNumber: 'B' } as const;
    type Header = Parameters<typeof pickReversed>[0][number];
    const as = (x: object) => x as unknown as Header;
    expect(pickReversed([as(replacing), as(holder)], 'A')).toEqual({ claim: holder, holdsNumber: true });
    expect(pickReversed([as(replacing)], 'A')).toEqual({ claim: replacing, holdsNumber: false });
    expect(pickReversed([as(replacing), as({ ...replacing, claimId: 'C3' })], 'A')).toBeUndefined();
    expect(pickReversed([as(holder)], 'Z')).toBeUndefined();
  });
});

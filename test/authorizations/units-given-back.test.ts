/**
 * Prior authorization units come back when the payer denies a claim whole (DynamoDB Local, the real
 * posting run): a therapy plan approved for 12 visits, two claims billed against it (5 and 3 units);
 * the payer denies the first (CO-197, no precertification on file for those dates) and pays the second.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargePosting } from '#functions/accounts/clerk-postings.ts';
import { recordUnitsBilled, releaseUnitsOfEndedClaim } from '#functions/authorizations/billed-units.ts';
import { postRemittanceFile } from '#functions/remittance/post-remittance-file.ts';
import { createStore, documentClient, type Store } from '#functions/store/index.ts';
import type { Authorization } from '#schemas/authorization.ts';
import type { Claim } from '#schemas/claim.ts';
import { coverage, patient, payerProfile, professionalClaim } from '#test/fixtures/accounts/builders.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';

let table: TestTable;
let store: Store;
afterAll(async () => table.drop());

const plan: Authorization = {
  authorizationId: 'PA-THERAPY',
  patientId: 'PAT-PT',
  payerId: 'PAYER-ACME',
  authorizationNumber: 'AUTH778899',
  status: 'approved',
  procedureCodes: ['97110'],
  validFrom: '2026-03-01',
  validThrough: '2026-06-30',
  approvedUnits: 12,
};

/** A submitted therapy claim of `units` units of 97110 on `day` of March, $20 a unit, on the patient's account. */
function therapyClaim(id: string, units: number, day: string): Claim {
  const line = professionalClaim().lines[0]!;
  return professionalClaim({
    claimId: `CLM-${id}`,
    accountId: 'ACC-PT',
    patientId: 'PAT-PT',
    coverageId: 'COV-PT',
    patientControlNumber: `PCN-${id}`,
    status: 'submitted',
    lines: [
      {
        ...line,
        procedureCode: '97110',
        modifiers: [],
        units,
        chargeCents: 2_000 * units,
        serviceDateFrom: `2026-03-${day}`,
        serviceDateTo: `2026-03-${day}`,
      },
    ],
    totalChargeCents: 2_000 * units,
  });
}
const denied = therapyClaim('PT-1', 5, '04');
const paid = therapyClaim('PT-2', 3, '11');

/** The payer's 835: the first claim denied whole (CLP02 4, CO-197), the second paid $48 of $60. */
const era = new TextEncoder().encode(
  [
    'ISA*00*          *00*          *ZZ*ACMEPAYER      *ZZ*TESTHOSP       *260401*0900*^*00501*000000771*0*T*:',
    'GS*HP*ACMEPAYER*TESTHOSP*20260401*0900*771*X*005010X221A1',
    'ST*835*0001',
    'BPR*I*48*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20260401',
    'TRN*1*EFT-PT-1*1512345678',
    'N1*PR*ACME HEALTH PLAN*XV*PAYER-ACME',
    'N3*1 PAYER WAY',
    'N4*HARTFORD*CT*06101',
    'N1*PE*TEST GENERAL HOSPITAL*XX*1234567893',
    'LX*1',
    'CLP*PCN-PT-1*4*100*0*0*12*ICN-PT-1*11*1',
    'CAS*CO*197*100',
    'CLP*PCN-PT-2*1*60*48*0*12*ICN-PT-2*11*1',
    'CAS*CO*45*12',
    'SE*13*0001',
    'GE*1*771',
    'IEA*1*000000771',
  ].join('~') + '~',
);

const post = () =>
  postRemittanceFile(store, { source: era, receivedAt: '2026-04-02T00:00:00Z', now: () => new Date('2026-04-02T00:00:00Z') });
const billed = async () => (await store.authorizations.get('PAT-PT', 'PA-THERAPY'))?.billedUnits ?? {};
const used = async () => Object.values(await billed()).reduce((s, u) => s + u, 0);

beforeAll(async () => {
  table = await createTestTable();
  store = createStore(documentClient(table.client), table.tableName);
  await store.reference.putPayerProfile(payerProfile());
  await store.patients.putPatient(patient({ patientId: 'PAT-PT', accountId: 'ACC-PT' }));
  await store.patients.putCoverage(coverage({ coverageId: 'COV-PT', patientId: 'PAT-PT' }));
  await store.authorizations.put(plan);
  for (const claim of [denied, paid]) {
    await store.claims.create(claim, '2026-03-12T08:00:00Z');
    await store.ledger.post(
      chargePosting({
        accountId: 'ACC-PT',
        claimId: claim.claimId,
        amountCents: claim.totalChargeCents,
        to: 'primary',
        postedAt: '2026-03-12T08:00:00Z',
      }),
    );
    // what submission does for each claim it sends
    await recordUnitsBilled(store, claim);
  }
});

describe('authorized units given back when the payer denies a claim whole', () => {
  it('the denied claim gives its 5 units back; the paid claim keeps its 3', async () => {
    expect(await used()).toBe(8);
    const outcome = await post();
    expect(outcome.posted).toBe(2);
    expect((await store.claims.get(denied.claimId))?.claim.status).toBe('denied');
    expect(await billed()).toEqual({ [paid.claimId]: 3 });
    expect(await used()).toBe(3);
  });

  it('the same 835 delivered again gives nothing back twice', async () => {
    const again = await post();
    expect(again.posted).toBe(0);
    expect(await used()).toBe(3);
    expect(await releaseUnitsOfEndedClaim(store, denied, 'denied')).toBe(0);
  });

  it('a paid claim gives nothing back; the denied claim billed again (corrected and resubmitted) is charged again', async () => {
    expect(await releaseUnitsOfEndedClaim(store, paid, 'paid')).toBe(0);
    await recordUnitsBilled(store, denied);
    expect(await used()).toBe(8);
    expect(await releaseUnitsOfEndedClaim(store, denied, 'voided')).toBe(5);
    expect(await used()).toBe(3);
  });
});

describe('authorized units charged again when the payer pays the denied claim after all', () => {
  /** The payer reprocesses the denied claim (its appeal won: authorization found on file) and pays $80 of $100. */
  const reprocessed = new TextEncoder().encode(
    [
      'ISA*00*          *00*          *ZZ*ACMEPAYER      *ZZ*TESTHOSP       *260420*0900*^*00501*000000772*0*T*:',
      'GS*HP*ACMEPAYER*TESTHOSP*20260420*0900*772*X*005010X221A1',
      'ST*835*0001',
      'BPR*I*80*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20260420',
      'TRN*1*EFT-PT-2*1512345678',
      'N1*PR*ACME HEALTH PLAN*XV*PAYER-ACME',
      'N3*1 PAYER WAY',
      'N4*HARTFORD*CT*06101',
      'N1*PE*TEST GENERAL HOSPITAL*XX*1234567893',
      'LX*1',
      'CLP*PCN-PT-1*1*100*80*0*12*ICN-PT-1*11*1',
      'CAS*CO*45*20',
      'NM1*QC*1*PATIENT*TEST****MI*PT0001',
      'SE*12*0001',
      'GE*1*772',
      'IEA*1*000000772',
    ].join('~') + '~',
  );
  const postReprocessed = () =>
    postRemittanceFile(store, { source: reprocessed, receivedAt: '2026-04-21T00:00:00Z', now: () => new Date('2026-04-21T00:00:00Z') });

  it('the denied claim, now paid, holds its 5 units again, once even if the 835 comes twice', async () => {
    // Where the tests above left it: the denied claim's units were given back.
    expect(await billed()).toEqual({ [paid.claimId]: 3 });
    const outcome = await postReprocessed();
    expect(outcome).toMatchObject({ posted: 1, guideErrors: 0 });
    expect((await store.claims.get(denied.claimId))?.claim.status).toBe('paid');
    expect(await billed()).toEqual({ [paid.claimId]: 3, [denied.claimId]: 5 });
    expect((await postReprocessed()).posted).toBe(0);
    expect(await used()).toBe(8);
  });
});

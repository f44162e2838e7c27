/** A claim already sent to the payer, on the books, for the posting scenarios that pay, reverse or fail it. */
import { chargePosting } from '#functions/accounts/clerk-postings.ts';
import type { BatchOptions, BulkLoadReport, BulkRecords, Store } from '#functions/store/index.ts';
import { coverage, patient, professionalClaim } from '#test/fixtures/accounts/builders.ts';

const AT = '2026-03-03T08:00:00Z';

/** The records of patient `n`'s submitted $100 claim: patient, coverage, claim and its charge. */
function submittedClaimRecords(n: string | number, accountId = `ACC-${n}`) {
  const claim = professionalClaim({
    claimId: `CLM-${n}`,
    accountId,
    patientId: `PAT-${n}`,
    coverageId: `COV-${n}`,
    patientControlNumber: `PCN-${n}`,
    status: 'submitted',
    lines: [{ ...professionalClaim().lines[0]!, chargeCents: 10_000 }],
    totalChargeCents: 10_000,
  });
  return {
    patient: patient({ patientId: `PAT-${n}`, accountId }),
    coverage: coverage({ coverageId: `COV-${n}`, patientId: `PAT-${n}` }),
    claim,
    charge: chargePosting({ accountId, claimId: claim.claimId, amountCents: 10_000, to: 'primary', postedAt: AT }),
  };
}

/**
 * Patient `n`'s submitted $100 claim `CLM-<n>` (PCN `PCN-<n>`, account `ACC-<n>` unless `accountId` names a
 * shared one), its charge owed by the primary insurer; written one record at a time, as the application does.
 */
export async function putSubmittedClaim(store: Store, n: string | number, accountId = `ACC-${n}`): Promise<void> {
  const r = submittedClaimRecords(n, accountId);
  await store.patients.putPatient(r.patient);
  await store.patients.putCoverage(r.coverage);
  await store.claims.create(r.claim, AT);
  await store.ledger.post(r.charge);
}

/** The same records as {@link putSubmittedClaim} for each of `ns`, as one bulk load (BatchWriteItem): the way to seed many. */
export async function putSubmittedClaims(
  store: Store,
  ns: readonly (string | number)[],
  accountId?: string,
  options?: BatchOptions,
): Promise<BulkLoadReport> {
  const all = ns.map((n) => submittedClaimRecords(n, accountId ?? `ACC-${n}`));
  const records: BulkRecords = {
    patients: all.map((r) => r.patient),
    coverages: all.map((r) => r.coverage),
    claims: all.map((r) => ({ claim: r.claim, createdAt: AT })),
    postings: all.map((r) => r.charge),
  };
  return store.bulk.load(records, options);
}

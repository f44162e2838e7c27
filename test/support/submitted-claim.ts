/** A claim already sent to the payer, on the books, for the posting scenarios that pay, reverse or fail it. */
import { chargePosting } from '#functions/accounts/clerk-postings.ts';
import type { Store } from '#functions/store/index.ts';
import { coverage, patient, professionalClaim } from '#test/fixtures/accounts/builders.ts';

/**
 * Patient `n`'s submitted $100 claim `CLM-<n>` (PCN `PCN-<n>`, account `ACC-<n>` unless `accountId` names a
 * shared one), its charge owed by the primary insurer.
 */
export async function putSubmittedClaim(store: Store, n: string | number, accountId = `ACC-${n}`): Promise<void> {
  await store.patients.putPatient(patient({ patientId: `PAT-${n}`, accountId }));
  await store.patients.putCoverage(coverage({ coverageId: `COV-${n}`, patientId: `PAT-${n}` }));
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
  await store.claims.create(claim, '2026-03-03T08:00:00Z');
  await store.ledger.post(
    chargePosting({ accountId, claimId: claim.claimId, amountCents: 10_000, to: 'primary', postedAt: '2026-03-03T08:00:00Z' }),
  );
}

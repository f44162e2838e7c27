/** A claim its primary paid, seeded as the posting run leaves it: charge, 835 postings, payment record and `adjudicated` event. */
import { chargePosting } from '#functions/accounts/clerk-postings.ts';
import { responsibilitiesFor } from '#functions/remittance/claim-matching.ts';
import { postingsForRemittanceClaim } from '#functions/remittance/posting-plan.ts';
import type { Store } from '#functions/store/index.ts';
import type { Claim } from '#schemas/claim.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { RemittanceClaim } from '#schemas/remittance.ts';
import { claim, coverage, line, patient, SECONDARY } from '#test/payers/exchange/fixtures.ts';

export const PAID_ON = '2026-01-28';

/** One line as the primary adjudicated it: charge = paid + CO-45 + PR-2. */
export interface PaidLine {
  readonly charge: number;
  readonly paid: number;
  readonly co: number;
  readonly pr: number;
}

/** Whether the patient has a secondary, and when it is on file. */
export type SecondarySetup = 'none' | 'active' | 'ended-before-payment' | 'added-after-posting';

/** Stores patient, coverages and a claim the primary paid; `run` keeps each seed's ids apart. */
export async function seedPaidClaim(
  store: Store,
  p: { readonly run: number; readonly lines: readonly PaidLine[]; readonly secondary: SecondarySetup },
): Promise<{ visit: Claim; remitted: RemittanceClaim }> {
  const { run, lines, secondary } = p;
  const person = patient(`PAT-P${run}`);
  const primary = coverage(person, `STD9${run}`);
  const second = coverage(person, `SEC9${run}`, {
    payerId: SECONDARY.payerId,
    priority: 'secondary',
    ...(secondary === 'ended-before-payment' ? { terminationDate: '2026-01-20' } : {}),
  });
  const visit = claim(
    `PCN-PP${run}`,
    primary,
    lines.map((l) => line('99213', l.charge)),
    { status: 'submitted' },
  );
  await store.patients.putPatient(person);
  await store.patients.putCoverage(primary);
  if (secondary === 'active' || secondary === 'ended-before-payment') await store.patients.putCoverage(second);
  await store.claims.create(visit, visit.createdAt);
  await store.ledger.post(
    chargePosting({
      accountId: visit.accountId,
      claimId: visit.claimId,
      amountCents: visit.totalChargeCents,
      to: 'primary',
      postedAt: visit.createdAt,
    }),
  );
  // The primary's 835, posted as the posting run does (who takes PR is decided by the coverages on file).
  const remitted: RemittanceClaim = {
    patientControlNumber: visit.patientControlNumber,
    statusCode: '1',
    chargeCents: visit.totalChargeCents,
    paidCents: lines.reduce((s, l) => s + l.paid, 0),
    patientResponsibilityCents: lines.reduce((s, l) => s + l.pr, 0),
    payerClaimControlNumber: `ICN-${run}`,
    adjustments: [],
    remarks: [],
    lines: lines.map((l, i) => ({
      lineNumber: i + 1,
      procedureCode: '99213',
      modifiers: [],
      chargeCents: l.charge,
      paidCents: l.paid,
      adjustments: [
        ...(l.co ? [{ group: 'CO' as const, reasonCode: '45', amountCents: l.co }] : []),
        ...(l.pr ? [{ group: 'PR' as const, reasonCode: '2', amountCents: l.pr }] : []),
      ],
      remarks: [],
    })),
  };
  const onFile: Coverage[] = [primary, ...(secondary === 'active' || secondary === 'ended-before-payment' ? [second] : [])];
  const sides = responsibilitiesFor(visit, onFile, PAID_ON)!;
  const plan = postingsForRemittanceClaim({
    accountId: visit.accountId,
    claimId: visit.claimId,
    payerId: visit.payerId,
    traceNumber: `TRN-${run}`,
    claim: remitted,
    ...sides,
    postedAt: `${PAID_ON}T05:00:00Z`,
  });
  for (const p of plan.postings) await store.ledger.post(p);
  await store.remittances.save({
    remittanceId: `RMT-${run}`,
    payerId: visit.payerId,
    traceNumber: `TRN-${run}`,
    totalPaymentCents: remitted.paidCents,
    paymentMethod: 'ACH',
    paymentDate: PAID_ON,
    receivedAt: `${PAID_ON}T05:00:00Z`,
    claims: [],
    providerAdjustments: [],
  });
  await store.claims.recordEvent({
    type: 'adjudicated',
    eventId: `ADJ-${run}`,
    claimId: visit.claimId,
    at: `${PAID_ON}T05:00:00Z`,
    remittanceId: `RMT-${run}`,
    payerClaimControlNumber: remitted.payerClaimControlNumber,
    claimStatusCode: '1',
    paidCents: remitted.paidCents,
    patientResponsibilityCents: remitted.patientResponsibilityCents,
    deniedLineCount: 0,
  });
  // A secondary the clerk registers after the payment posted is billed too (the share sits with the patient).
  if (secondary === 'added-after-posting') await store.patients.putCoverage(second);

  return { visit, remitted };
}

import { describe, expect, it } from 'vitest';
import { postingsForRemittanceClaim } from '#functions/remittance/posting-plan.ts';
import type { RemittanceClaim } from '#schemas/remittance.ts';

// The secondary's 835 for a line charged 120.00 whose primary paid 56.00 and wrote down 30.00, leaving 34.00.
const secondary835: RemittanceClaim = {
  patientControlNumber: 'PCN-AP1-S',
  statusCode: '2',
  chargeCents: 12_000,
  paidCents: 2_500,
  patientResponsibilityCents: 900,
  payerClaimControlNumber: 'ICN-S1',
  adjustments: [],
  remarks: [],
  lines: [
    {
      lineNumber: 1,
      procedureCode: '99213',
      modifiers: [],
      chargeCents: 12_000,
      paidCents: 2_500,
      adjustments: [
        { group: 'CO', reasonCode: '23', amountCents: 8_600 },
        { group: 'PR', reasonCode: '3', amountCents: 900 },
      ],
      remarks: [],
    },
  ],
};
const plan = (afterPriorPayer: boolean) =>
  postingsForRemittanceClaim({
    accountId: 'ACC-1',
    claimId: 'CLM-AP1-S',
    payerId: 'SBXSEC02',
    traceNumber: 'TRN-S1',
    claim: secondary835,
    payerResponsibility: 'secondary',
    patientResponsibilityTo: 'patient',
    postedAt: '2026-02-10T05:00:00Z',
    afterPriorPayer,
  });
const secondaryShare = (afterPriorPayer: boolean) =>
  plan(afterPriorPayer)
    .postings.flatMap((p) => p.entries)
    .flatMap((e) => e.splits)
    .filter((s) => s.responsibility === 'secondary')
    .reduce((sum, s) => sum + s.amountCents, 0);

describe("a secondary's 835 on the claim that bills only what the primary left", () => {
  it("does not post CARC 23 (the primary's payment and write-down, already on the primary claim's ledger)", () => {
    // The secondary claim carries 34.00: paid 25.00 and 9.00 to the patient settle it exactly.
    expect(secondaryShare(true)).toBe(-3_400);
    expect(plan(true).held).toEqual([]);
    // Posted as on a primary claim, the 86.00 would be taken off a share that never held it.
    expect(secondaryShare(false)).toBe(-12_000);
  });
});

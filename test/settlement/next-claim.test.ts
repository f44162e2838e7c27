import { describe, expect, it } from 'vitest';
import { nextClaimId, nextClaimOf, nextPatientControlNumber } from '#functions/settlement/next-claim.ts';
import { claimSchema } from '#schemas/claim.ts';
import { claim, line, morganPrimary, morganSecondary } from '#test/payers/exchange/fixtures.ts';

const visit = claim('PCN-NX1', morganPrimary, [line('99213', 9_000), line('36415', 1_500)], {
  status: 'paid',
  payerClaimControlNumber: 'ICN-1',
  submittedAt: '2026-01-12T08:00:00Z',
});

describe('the claim that bills the secondary', () => {
  it('is a draft original for the secondary coverage with the same lines, what the primary paid, and a link back', () => {
    const next = nextClaimOf(visit, morganSecondary, { paidCents: 7_000, adjudicationDate: '2026-01-28' }, '2026-01-29T10:00:00.000Z');
    expect(claimSchema.parse(next)).toEqual(next);
    expect(next).toMatchObject({
      claimId: 'CLM-PCN-NX1-S',
      patientControlNumber: 'PCN-NX1-S',
      coverageId: morganSecondary.coverageId,
      payerId: morganSecondary.payerId,
      frequencyCode: '1',
      status: 'draft',
      priorClaimId: visit.claimId,
      priorPayerPaidCents: 7_000,
      priorAdjudicationDate: '2026-01-28',
      lines: visit.lines,
      diagnoses: visit.diagnoses,
      totalChargeCents: 10_500,
    });
    expect(next).not.toHaveProperty('payerClaimControlNumber');
    expect(next).not.toHaveProperty('submittedAt');
  });

  it('keeps ids and CLM01 within their limits', () => {
    expect(nextClaimId('X'.repeat(64), morganSecondary)).toMatch(/^CLMS-[0-9a-f]{32}$/);
    expect(nextPatientControlNumber('P'.repeat(38), morganSecondary)).toBe(`${'P'.repeat(36)}-S`);
  });
});

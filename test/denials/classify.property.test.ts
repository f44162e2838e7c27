import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carcCatalog, categoryPrecedence, classify, rarcCatalog } from '#functions/denials/index.ts';
import { daysBetween } from '#functions/claims/calendar.ts';
import type { Adjustment } from '#schemas/adjustment.ts';
import { payerProfile } from '#test/fixtures/accounts/builders.ts';

const adjustment: fc.Arbitrary<Adjustment> = fc.record({
  group: fc.constantFrom('CO', 'PR', 'OA', 'PI' as const),
  reasonCode: fc.constantFrom(...carcCatalog.keys(), 'ZZ1'),
  amountCents: fc.integer({ min: -5_000, max: 500_000 }),
});
const remarks = fc.array(fc.constantFrom(...rarcCatalog.keys()), { maxLength: 3 });
const remitDate = fc.integer({ min: 0, max: 3_000 }).map((d) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));

describe('classification properties (fast-check)', () => {
  it('always yields a known category, and any deadline falls after the date it counts from', () => {
    fc.assert(
      fc.property(fc.array(adjustment, { maxLength: 6 }), remarks, remitDate, fc.integer({ min: 0, max: 3 }), (adjs, lq, remit, prior) => {
        const result = classify(adjs, lq, payerProfile(), {
          claimId: 'C1',
          remitDate: remit,
          serviceDateFrom: remit,
          priorAppealLevel: prior,
        });
        expect(categoryPrecedence).toContain(result.category);
        if (result.deadline) expect(daysBetween(result.deadline.from, result.deadline.date)).toBe(result.deadline.days);
        if (result.action === 'appeal') expect(result.deadline).not.toBeNull();
        expect(result.adjustments.every((a) => a.amountCents !== 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a remit with only deductible, coinsurance and copay is patient responsibility with nothing to appeal', () => {
    const prAdjustment = fc.record({
      group: fc.constant('PR' as const),
      reasonCode: fc.constantFrom('1', '2', '3'),
      amountCents: fc.integer({ min: 1, max: 100_000 }),
    });
    fc.assert(
      fc.property(fc.array(prAdjustment, { minLength: 1, maxLength: 4 }), remitDate, (adjs, remit) => {
        const result = classify(adjs, [], payerProfile(), { claimId: 'C1', remitDate: remit });
        expect(result).toMatchObject({ category: 'patient-responsibility', action: 'transfer-to-patient', deadline: null });
      }),
    );
  });

  it('adding a routine contractual adjustment never changes a denial’s category', () => {
    fc.assert(
      fc.property(fc.array(adjustment, { minLength: 1, maxLength: 4 }), remarks, remitDate, (adjs, lq, remit) => {
        const ctx = { claimId: 'C1', remitDate: remit };
        const alone = classify(adjs, lq, payerProfile(), ctx);
        const withCo45 = classify([...adjs, { group: 'CO', reasonCode: '45', amountCents: 1_234 }], lq, payerProfile(), ctx);
        if (alone.adjustments.length > 0) expect(withCo45.category).toBe(alone.category);
      }),
      { numRuns: 300 },
    );
  });
});

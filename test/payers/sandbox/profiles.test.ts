import { describe, expect, it } from 'vitest';
import { payerProfileSchema } from '#schemas/payer-profile.ts';
import { memberFor, memberPrefix, payerProfileOf, SANDBOX_PLANS } from '#functions/payers/sandbox/profiles.ts';

describe('sandbox profiles', () => {
  it.each(SANDBOX_PLANS.map((p) => [p.payerId, p] as const))(
    '%s publishes a payer profile that satisfies the shared contract',
    (_id, plan) => {
      for (const type of ['837P', '837I'] as const) {
        const profile = payerProfileOf(plan, type);
        expect(payerProfileSchema.parse(profile)).toEqual(profile);
        expect(profile.authorizationRequiredCodes.every((c) => plan.authorizationRequiredCodes.includes(c))).toBe(true);
      }
    },
  );

  it('has integer-cent fee schedules and coherent cost shares', () => {
    for (const plan of SANDBOX_PLANS) {
      for (const fee of [...Object.values(plan.feeSchedule), ...Object.values(plan.revenueSchedule)])
        expect(Number.isSafeInteger(fee) && fee > 0).toBe(true);
      for (const code of plan.authorizationRequiredCodes) expect(plan.feeSchedule[code] ?? plan.revenueSchedule[code]).toBeDefined();
    }
  });

  it('synthesizes members from the id prefix, and knows no NF member', () => {
    expect(memberPrefix('ded-123')).toBe('DED');
    expect(memberFor('SBXCOMM01', 'TERM42')?.terminationDate).toBe('2020-12-31');
    expect(memberFor('SBXCOMM01', 'COB1')?.otherCoveragePrimary).toBe(true);
    expect(memberFor('SBXSEC02', 'SEC1')?.priority).toBe('secondary');
    expect(memberFor('SBXCOMM01', 'NF1')).toBeUndefined();
    expect(memberFor('SBXCOMM01', '123456')?.costShare).toEqual({
      deductibleCents: 50000,
      coinsuranceBps: 2000,
      copayCents: 2500,
      outOfPocketMaxCents: 300000,
    });
    const listed = {
      memberId: 'NF9',
      payerId: 'SBXCOMM01',
      priority: 'primary' as const,
      effectiveDate: '2020-01-01',
      costShare: { deductibleCents: 0, coinsuranceBps: 0, copayCents: 0, outOfPocketMaxCents: 0 },
      accumulators: { deductibleMetCents: 0, outOfPocketMetCents: 0 },
    };
    expect(memberFor('SBXCOMM01', 'NF9', { 'SBXCOMM01|NF9': listed })).toBe(listed);
  });
});

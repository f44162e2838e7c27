import { describe, expect, it } from 'vitest';
import { benefitsFor, serviceBenefitsOf, serviceTypeOfProcedure } from '#functions/eligibility/benefits.ts';
import { planDatesOf } from '#functions/payers/exchange/read271.ts';
import type { EligibilityBenefit } from '#schemas/eligibility.ts';

const plan = (b: Omit<EligibilityBenefit, 'code'>): EligibilityBenefit => ({ code: 'X', serviceType: '30', ...b });

const benefits: EligibilityBenefit[] = [
  plan({ kind: 'active-coverage' }),
  plan({ kind: 'deductible', timePeriod: 'calendar-year', amountCents: 150000, coverageLevel: 'FAM' }),
  plan({ kind: 'deductible', timePeriod: 'calendar-year', amountCents: 50000, coverageLevel: 'IND', inNetwork: true }),
  plan({ kind: 'deductible', timePeriod: 'remaining', amountCents: 12000, coverageLevel: 'IND', inNetwork: true }),
  plan({ kind: 'coinsurance', percentBasisPoints: 2000 }),
  plan({ kind: 'coinsurance', percentBasisPoints: 4000, inNetwork: false }),
  { code: 'A', kind: 'coinsurance', serviceType: 'MH', percentBasisPoints: 1000, inNetwork: true },
  { code: 'B', kind: 'copayment', serviceType: '98', amountCents: 3000, timePeriod: 'visit' },
  { code: '1', kind: 'active-coverage', serviceType: '4', authorizationRequired: true },
];

describe('reading a 271 the way a clerk does', () => {
  it("takes a service type's own amounts, the plan-wide ones where it has none, and the individual over the family deductible", () => {
    expect(benefitsFor(benefits, 'MH', 'in')).toEqual({
      serviceType: 'MH',
      network: 'in',
      coinsuranceBps: 1000,
      deductibleCents: 50000,
      deductibleRemainingCents: 12000,
    });
    expect(benefitsFor(benefits, '98', 'in')).toMatchObject({ copayCents: 3000, coinsuranceBps: 2000 });
  });

  it('keeps in-network amounts out of the out-of-network answer', () => {
    expect(benefitsFor(benefits, 'MH', 'out')).toEqual({
      serviceType: 'MH',
      network: 'out',
      coinsuranceBps: 4000,
      deductibleCents: 150000,
    });
  });

  it('flags a service type that needs an authorization', () => {
    expect(benefitsFor(benefits, '4', 'in')?.authorizationRequired).toBe(true);
    expect(benefitsFor(benefits, '30', 'in')?.authorizationRequired).toBeUndefined();
  });

  it('answers the plan-wide type first, then each type asked, in and out of network', () => {
    expect(serviceBenefitsOf(benefits, ['98']).map((s) => `${s.serviceType}/${s.network}`)).toEqual(['30/in', '30/out', '98/in', '98/out']);
    expect(serviceBenefitsOf([], ['98'])).toEqual([]);
  });

  it('picks the service type of a procedure: professional visit for E/M codes', () => {
    expect(['99213', '99284', '72148', '80053'].map(serviceTypeOfProcedure)).toEqual(['98', '98', '30', '30']);
  });

  it("reads the plan's dates from DTP 346/347, 356/357 and a 291 period", () => {
    expect(
      planDatesOf([
        { qualifier: '291', format: 'D8', value: '20260120' },
        { qualifier: '346', format: 'D8', value: '20250101' },
        { qualifier: '347', format: 'D8', value: '20261231' },
      ]),
    ).toEqual({ begin: '2025-01-01', end: '2026-12-31' });
    expect(planDatesOf([{ qualifier: '291', format: 'RD8', value: '20260101-20261231' }])).toEqual({
      begin: '2026-01-01',
      end: '2026-12-31',
    });
    expect(planDatesOf([{ qualifier: '356', format: 'D8', value: 'bad' }])).toEqual({});
  });
});

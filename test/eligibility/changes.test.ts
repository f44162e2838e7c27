import { describe, expect, it } from 'vitest';
import { coverageChanges } from '#functions/eligibility/changes.ts';
import type { EligibilityAnswer } from '#schemas/eligibility.ts';

const answer = (over: Partial<EligibilityAnswer> = {}): EligibilityAnswer => ({
  patientId: 'PAT-1',
  coverageId: 'COV-1',
  payerId: 'SBXCOMM01',
  dateOfService: '2026-01-24',
  serviceTypeCodes: ['30'],
  checkedAt: '2026-01-22T02:00:00Z',
  traceNumber: 'ELG000000001',
  interchangeControlNumber: '000000001',
  active: true,
  coverageStatus: 'active',
  planName: 'GOLD PPO',
  planBeginDate: '2026-01-01',
  benefits: [],
  benefitsTruncated: false,
  rejections: [],
  serviceBenefits: [{ serviceType: '30', network: 'in', coinsuranceBps: 2000, deductibleCents: 50000, deductibleRemainingCents: 30000 }],
  ...over,
});

describe('what changed in the coverage between two answers', () => {
  it('sees nothing when only what remains of the deductible moved', () => {
    const later = answer({ serviceBenefits: [{ ...answer().serviceBenefits[0]!, deductibleRemainingCents: 1000 }] });
    expect(coverageChanges(answer(), later)).toEqual([]);
  });

  it('names an ended coverage, and nothing else about an inactive answer', () => {
    expect(coverageChanges(answer(), answer({ active: false, coverageStatus: 'inactive', planName: undefined }))).toEqual([
      'coverage-ended',
    ]);
    expect(coverageChanges(answer({ active: false }), answer())).toEqual(['coverage-restored']);
  });

  it('names another plan, other plan dates and other cost shares', () => {
    const other = answer({
      planName: 'SILVER HMO',
      planEndDate: '2026-03-31',
      serviceBenefits: [{ serviceType: '30', network: 'in', coinsuranceBps: 3000, deductibleCents: 50000 }],
    });
    expect(coverageChanges(answer(), other)).toEqual(['plan-changed', 'plan-dates-changed', 'cost-share-changed']);
  });

  it('compares only the service types both answers were asked about', () => {
    const wider = answer({
      serviceTypeCodes: ['30', '98'],
      serviceBenefits: [...answer().serviceBenefits, { serviceType: '98', network: 'in', copayCents: 2500 }],
    });
    expect(coverageChanges(answer(), wider)).toEqual([]);
  });
});

/**
 * The patient cost estimate: its invariants (never negative, never more than the charges or than what
 * remains of the out-of-pocket maximum), and its agreement with how the sandbox payer adjudicates the
 * same services for the same member, read from the 271 the payer answers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimatePatientCost } from '#functions/eligibility/estimate.ts';
import { read271 } from '#functions/payers/exchange/read271.ts';
import { adjudicate } from '#functions/payers/sandbox/adjudicate.ts';
import { answer270 } from '#functions/payers/sandbox/inquiries.ts';
import { memberKey } from '#functions/payers/sandbox/profiles.ts';
import { SANDBOX_COMMERCIAL } from '#functions/payers/sandbox/profiles.ts';
import { emptyState } from '#functions/payers/sandbox/state.ts';
import type { SandboxMember } from '#functions/payers/sandbox/types.ts';
import { sequentialControlNumbers, TS271, writeInterchange } from '#functions/x12/index.ts';
import type { Eligibility27x } from '#functions/x12/index.ts';
import type { EligibilityAnswer, EligibilityBenefit } from '#schemas/eligibility.ts';
import { claim, line } from '#test/fixtures/payers/sandbox/claims.ts';

const plan = SANDBOX_COMMERCIAL;

const answerWith = (benefits: EligibilityBenefit[], active = true): EligibilityAnswer => ({
  patientId: 'PAT-1',
  coverageId: 'COV-1',
  payerId: plan.payerId,
  dateOfService: '2026-01-05',
  serviceTypeCodes: ['30', '98'],
  checkedAt: '2026-01-04T09:00:00Z',
  traceNumber: 'ELG000000001',
  interchangeControlNumber: '000000001',
  active,
  coverageStatus: active ? 'active' : 'inactive',
  benefits,
  benefitsTruncated: false,
  rejections: [],
  serviceBenefits: [],
});

const plan30 = (kind: EligibilityBenefit['kind'], extra: Partial<EligibilityBenefit>): EligibilityBenefit => ({
  serviceType: '30',
  code: 'X',
  kind,
  coverageLevel: 'IND',
  inNetwork: true,
  ...extra,
});

const codes = Object.keys(plan.feeSchedule);
const services = fc.array(
  fc.record({
    procedureCode: fc.constantFrom(...codes, '99999'),
    units: fc.constantFrom(1, 2, 0.5, 1.25),
    chargeCents: fc.integer({ min: 0, max: 500_000 }),
  }),
  { minLength: 1, maxLength: 8 },
);
const costShare = fc.record({
  deductibleRemaining: fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: undefined }),
  coinsuranceBps: fc.integer({ min: 0, max: 10_000 }),
  copay: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }),
  oopRemaining: fc.option(fc.integer({ min: 0, max: 600_000 }), { nil: undefined }),
});

describe('the patient cost estimate', () => {
  it('is never negative and never more than the charges, line by line and in total, nor than what remains of the out-of-pocket maximum', () => {
    fc.assert(
      fc.property(services, costShare, fc.boolean(), fc.constantFrom('in' as const, 'out' as const), (planned, cs, active, network) => {
        const benefits: EligibilityBenefit[] = [plan30('coinsurance', { percentBasisPoints: cs.coinsuranceBps, inNetwork: undefined })];
        if (cs.deductibleRemaining !== undefined)
          benefits.push(plan30('deductible', { timePeriod: 'remaining', amountCents: cs.deductibleRemaining, inNetwork: undefined }));
        if (cs.oopRemaining !== undefined)
          benefits.push(plan30('out-of-pocket', { timePeriod: 'remaining', amountCents: cs.oopRemaining, inNetwork: undefined }));
        if (cs.copay !== undefined) benefits.push({ serviceType: '98', code: 'B', kind: 'copayment', amountCents: cs.copay });
        const estimate = estimatePatientCost({
          answer: answerWith(benefits, active),
          services: planned,
          allowedAmounts: plan.feeSchedule,
          network,
        });
        for (const l of estimate.lines) {
          expect(l.patientCents).toBeGreaterThanOrEqual(0);
          expect(l.patientCents).toBeLessThanOrEqual(l.chargeCents);
          expect(l.allowedCents).toBeLessThanOrEqual(l.chargeCents);
          expect(l.patientCents).toBe(l.deductibleCents + l.coinsuranceCents + l.copayCents + (active ? 0 : l.chargeCents));
          expect(Number.isInteger(l.patientCents)).toBe(true);
        }
        expect(estimate.patientCents).toBeGreaterThanOrEqual(0);
        expect(estimate.patientCents).toBeLessThanOrEqual(estimate.totalChargeCents);
        expect(estimate.insuranceCents).toBe(estimate.totalAllowedCents - estimate.patientCents);
        expect(estimate.insuranceCents).toBeGreaterThanOrEqual(0);
        if (active && cs.oopRemaining !== undefined) expect(estimate.patientCents).toBeLessThanOrEqual(cs.oopRemaining);
      }),
      { numRuns: 300 },
    );
  });

  it('shows its basis: each line starts from the allowed amount, and a cap is a negative step', () => {
    const benefits = [
      plan30('deductible', { timePeriod: 'remaining', amountCents: 0 }),
      plan30('coinsurance', { percentBasisPoints: 5000 }),
      plan30('out-of-pocket', { timePeriod: 'remaining', amountCents: 1_000 }),
    ];
    const estimate = estimatePatientCost({
      answer: answerWith(benefits),
      services: [{ procedureCode: '71046', units: 1, chargeCents: 8_000 }],
      allowedAmounts: plan.feeSchedule,
      network: 'in',
    });
    expect(estimate.lines[0]!.basis).toEqual([
      { step: 'allowed', amountCents: 3_500, note: 'fee schedule $35.00 per unit x 1, at most the charge $80.00' },
      { step: 'deductible', amountCents: 0, note: 'deductible: $0.00 of $0.00 remaining' },
      { step: 'coinsurance', amountCents: 1_000, note: 'coinsurance 50% of $35.00 after the deductible' },
      { step: 'out-of-pocket-cap', amountCents: -750, note: 'capped by the out-of-pocket maximum: $0.00 remains after this line' },
    ]);
    expect(estimate.patientCents).toBe(1_000);
  });
});

/** The 271 the sandbox answers for the member, read back as the EligibilityCheck reads it. */
function benefitsFromSandbox(member: SandboxMember): EligibilityBenefit[] {
  const inquiry: Eligibility27x = {
    beginning: { purposeCode: '13', referenceId: 'ELIG0001', date: '20260104', time: '0930', transactionTypeCode: 'RT' },
    sources: [
      {
        source: { entityCode: 'PR', entityType: '2', lastName: 'SANDBOX', idQualifier: 'PI', id: plan.payerId },
        receivers: [
          {
            receiver: { entityCode: '1P', entityType: '2', lastName: 'EXAMPLE GENERAL HOSPITAL', idQualifier: 'XX', id: '1234567893' },
            subscribers: [
              {
                traces: [{ traceType: '1', traceNumber: 'T1', originatorId: '9123456789' }],
                member: {
                  entityType: '1',
                  lastName: 'DOE',
                  idQualifier: 'MI',
                  id: member.memberId,
                  inquiries: [{ serviceTypes: ['30', '98'] }],
                },
              },
            ],
          },
        ],
      },
    ],
  };
  const state = emptyState([member]);
  const model = answer270(inquiry, plan, state, '2026-01-04', '0930');
  const x12 = writeInterchange(
    { senderQualifier: 'ZZ', senderId: 'P', receiverQualifier: 'ZZ', receiverId: 'H', date: '20260104', time: '0930', usageIndicator: 'T' },
    [{ def: TS271, model: model as unknown as Record<string, unknown> }],
    sequentialControlNumbers(),
  );
  return read271(x12).benefits;
}

describe('the estimate and the payer’s adjudication', () => {
  // Codes the sandbox pays without an edit in the way (no authorization, necessity or bundling rule).
  const safeCodes = ['99203', '99213', '99214', '36415', '80053', '87880', '81002', '71046', '97140', 'J3301', '90686'];

  it('agree on what the patient owes, line by line, for any member’s cost share and accumulators', () => {
    fc.assert(
      fc.property(
        fc.record({
          deductibleCents: fc.integer({ min: 0, max: 300_000 }),
          deductibleMetCents: fc.integer({ min: 0, max: 300_000 }),
          coinsuranceBps: fc.integer({ min: 0, max: 10_000 }),
          copayCents: fc.integer({ min: 0, max: 10_000 }),
          outOfPocketMaxCents: fc.integer({ min: 0, max: 600_000 }),
          outOfPocketMetCents: fc.integer({ min: 0, max: 600_000 }),
        }),
        fc.uniqueArray(fc.record({ code: fc.constantFrom(...safeCodes), chargeCents: fc.integer({ min: 1, max: 300_000 }) }), {
          minLength: 1,
          maxLength: 5,
          selector: (s) => s.code,
        }),
        (m, lines) => {
          const member: SandboxMember = {
            memberId: 'EST1001',
            payerId: plan.payerId,
            priority: 'primary',
            effectiveDate: '2000-01-01',
            costShare: {
              deductibleCents: m.deductibleCents,
              coinsuranceBps: m.coinsuranceBps,
              copayCents: m.copayCents,
              outOfPocketMaxCents: m.outOfPocketMaxCents,
            },
            accumulators: { deductibleMetCents: m.deductibleMetCents, outOfPocketMetCents: m.outOfPocketMetCents },
          };
          const planned = lines.map((l) => ({ procedureCode: l.code, units: 1, chargeCents: l.chargeCents }));
          const estimate = estimatePatientCost({
            answer: answerWith(benefitsFromSandbox(member)),
            services: planned,
            allowedAmounts: plan.feeSchedule,
            network: 'in',
          });
          const state = emptyState([member]);
          expect(state.members[memberKey(plan.payerId, member.memberId)]).toBeDefined();
          const adjudicated = adjudicate(
            claim(
              member.memberId,
              lines.map((l) => line(l.code, l.chargeCents)),
            ),
            plan,
            state,
            { today: '2026-01-06' },
          ).outcomes[0];
          if (adjudicated?.kind !== 'adjudicated') throw new Error(`not adjudicated: ${adjudicated?.kind}`);
          const owed = adjudicated.lines.map((l) => l.adjustments.filter((a) => a.group === 'PR').reduce((s, a) => s + a.amountCents, 0));
          expect(estimate.lines.map((l) => l.patientCents)).toEqual(owed);
        },
      ),
      { numRuns: 150 },
    );
  });
});

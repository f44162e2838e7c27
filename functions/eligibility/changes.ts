/**
 * What changed between two answers of the payer about one coverage and date of service, as a clerk
 * cares: coverage ended, another plan or group, other plan dates, other cost shares. What remains of a
 * deductible or out-of-pocket moves with every claim and is not a change of coverage. Pure.
 */
import type { z } from 'zod';
import type { coverageChange, EligibilityAnswer, ServiceBenefits } from '#schemas/eligibility.ts';

export type CoverageChange = z.infer<typeof coverageChange>;

const costShareOf = (s: ServiceBenefits): string => [s.copayCents, s.coinsuranceBps, s.deductibleCents, s.outOfPocketMaxCents].join('|');
const sharesOf = (a: EligibilityAnswer): Map<string, string> =>
  new Map(a.serviceBenefits.map((s) => [`${s.serviceType}|${s.network}`, costShareOf(s)]));

/** The changes from `previous` to `current`, in a fixed order; empty when coverage is as it was. */
export function coverageChanges(previous: EligibilityAnswer, current: EligibilityAnswer): CoverageChange[] {
  const out: CoverageChange[] = [];
  if (previous.active && !current.active) out.push('coverage-ended');
  if (!previous.active && current.active) out.push('coverage-restored');
  // Only answers that are both active say something about the plan; an inactive 271 carries no cost shares.
  if (!previous.active || !current.active) return out;
  if ((previous.planName ?? '') !== (current.planName ?? '') || (previous.groupNumber ?? '') !== (current.groupNumber ?? ''))
    out.push('plan-changed');
  if ((previous.planBeginDate ?? '') !== (current.planBeginDate ?? '') || (previous.planEndDate ?? '') !== (current.planEndDate ?? ''))
    out.push('plan-dates-changed');
  // Only the service types both answers were asked about are compared.
  const before = sharesOf(previous);
  const after = sharesOf(current);
  if ([...after].some(([key, share]) => before.has(key) && before.get(key) !== share)) out.push('cost-share-changed');
  return out;
}

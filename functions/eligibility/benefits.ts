/**
 * Reading a 271's benefits the way a clerk does: for each service type asked, in and out of network,
 * the copay, coinsurance, deductible and out-of-pocket (with what remains of each). Pure.
 *
 * A service type without its own EB for an amount takes the plan-wide one (`30`, health benefit plan
 * coverage), as payers answer; an EB without EB12 applies in and out of network; an individual (`IND`)
 * or level-less EB is preferred to a family one.
 */
import type { EligibilityBenefit, ServiceBenefits } from '#schemas/eligibility.ts';

const PLAN = '30';

type Network = ServiceBenefits['network'];

/** How well a benefit fits (higher is better), or -1 when it does not apply. */
function fit(b: EligibilityBenefit, serviceType: string, network: Network): number {
  if (b.inNetwork !== undefined && b.inNetwork !== (network === 'in')) return -1;
  const typeScore = b.serviceType === serviceType ? 4 : b.serviceType === PLAN || b.serviceType === undefined ? 0 : -100;
  if (typeScore < 0) return -1;
  const networkScore = b.inNetwork === undefined ? 0 : 2;
  const levelScore = b.coverageLevel === undefined || b.coverageLevel === 'IND' ? 1 : 0;
  return typeScore + networkScore + levelScore;
}

/** The best-fitting benefit of a kind (and, when given, a test on it). */
function pick(
  benefits: readonly EligibilityBenefit[],
  serviceType: string,
  network: Network,
  kind: EligibilityBenefit['kind'],
  test: (b: EligibilityBenefit) => boolean = () => true,
): EligibilityBenefit | undefined {
  let best: EligibilityBenefit | undefined;
  let bestScore = -1;
  for (const b of benefits) {
    if (b.kind !== kind || !test(b)) continue;
    const score = fit(b, serviceType, network);
    if (score > bestScore) [best, bestScore] = [b, score];
  }
  return best;
}

const remaining = (b: EligibilityBenefit) => b.timePeriod === 'remaining';
const forPeriod = (b: EligibilityBenefit) => b.timePeriod !== 'remaining';
const cents = (b: EligibilityBenefit | undefined): number | undefined =>
  b?.amountCents !== undefined ? Math.max(0, b.amountCents) : undefined;

/** The benefits of one service type in one network; undefined when the 271 says nothing about it. */
export function benefitsFor(benefits: readonly EligibilityBenefit[], serviceType: string, network: Network): ServiceBenefits | undefined {
  const out: ServiceBenefits = { serviceType, network };
  const copay = cents(pick(benefits, serviceType, network, 'copayment', (b) => b.amountCents !== undefined));
  const coinsurance = pick(benefits, serviceType, network, 'coinsurance', (b) => b.percentBasisPoints !== undefined)?.percentBasisPoints;
  const deductible = cents(pick(benefits, serviceType, network, 'deductible', (b) => forPeriod(b) && b.amountCents !== undefined));
  const deductibleLeft = cents(pick(benefits, serviceType, network, 'deductible', (b) => remaining(b) && b.amountCents !== undefined));
  const oop = cents(pick(benefits, serviceType, network, 'out-of-pocket', (b) => forPeriod(b) && b.amountCents !== undefined));
  const oopLeft = cents(pick(benefits, serviceType, network, 'out-of-pocket', (b) => remaining(b) && b.amountCents !== undefined));
  if (copay !== undefined) out.copayCents = copay;
  if (coinsurance !== undefined) out.coinsuranceBps = coinsurance;
  if (deductible !== undefined) out.deductibleCents = deductible;
  if (deductibleLeft !== undefined) out.deductibleRemainingCents = deductibleLeft;
  if (oop !== undefined) out.outOfPocketMaxCents = oop;
  if (oopLeft !== undefined) out.outOfPocketRemainingCents = oopLeft;
  if (benefits.some((b) => b.authorizationRequired && fit(b, serviceType, network) >= 0 && b.serviceType === serviceType))
    out.authorizationRequired = true;
  return Object.keys(out).length > 2 ? out : undefined;
}

/** The benefits of every service type asked (the plan-wide `30` first), in then out of network; only what the 271 says something about. */
export function serviceBenefitsOf(benefits: readonly EligibilityBenefit[], serviceTypes: readonly string[]): ServiceBenefits[] {
  const types = [...new Set([PLAN, ...serviceTypes])];
  return types.flatMap((t) => (['in', 'out'] as const).flatMap((n) => benefitsFor(benefits, t, n) ?? []));
}

/** The service type whose benefits apply to a procedure: `98` (professional visit) for E/M codes 99202-99499, else `30`. */
export function serviceTypeOfProcedure(procedureCode: string): string {
  return /^99[2-4]\d\d$/.test(procedureCode) ? '98' : PLAN;
}

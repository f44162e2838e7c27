/**
 * Which of our claims an 835 claim is about, and on whose balances it posts. Pure: the caller reads
 * the candidates and coverages from the store.
 */
import type { Responsibility } from '#schemas/common.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { ClaimHeader } from '#functions/store/index.ts';

const priorityOrder: readonly Coverage['priority'][] = ['primary', 'secondary', 'tertiary'];

/** Which insurer's share the payer settles, and who takes the patient-responsibility amounts. */
export function responsibilitiesFor(
  claim: Pick<ClaimHeader, 'coverageId' | 'payerId'>,
  coverages: readonly Coverage[],
  asOf: string,
): { payerResponsibility: Exclude<Responsibility, 'patient'>; patientResponsibilityTo: Responsibility } | undefined {
  const paying = coverages.find((c) => c.coverageId === claim.coverageId && c.payerId === claim.payerId);
  if (!paying) return undefined;
  const active = (c: Coverage) => c.effectiveDate <= asOf && (c.terminationDate === undefined || c.terminationDate >= asOf);
  const next = priorityOrder
    .slice(priorityOrder.indexOf(paying.priority) + 1)
    .find((p) => coverages.some((c) => c.priority === p && c.coverageId !== paying.coverageId && active(c)));
  return { payerResponsibility: paying.priority, patientResponsibilityTo: next ?? 'patient' };
}

const settledOrGone = new Set(['corrected', 'voided', 'closed']);

/** A claim we corrected, voided or closed: no adjudication moves its status any more. */
export const isSettledOrGone = (claim: Pick<ClaimHeader, 'status'>): boolean => settledOrGone.has(claim.status);

/** Statuses in which a claim holds an adjudication (or is done): a different payer claim number must not land on it. */
const holdingAdjudication = new Set(['paid', 'partially-paid', 'denied', ...settledOrGone]);

/**
 * Our claim for a (non-reversal) 835 claim: by CLP01 and payer; CLP07 decides between several. A claim
 * that holds an adjudication under another CLP07 is never taken (`conflict`): posting onto it would
 * count the payer's money twice. One whose earlier adjudication was reversed (back in adjudication)
 * may take the new number, as payers re-adjudicate under a new CLP07.
 */
export function pickClaim(
  candidates: readonly ClaimHeader[],
  payerClaimControlNumber: string,
): ClaimHeader | 'ambiguous' | 'conflict' | undefined {
  const byIcn = candidates.filter((c) => c.payerClaimControlNumber === payerClaimControlNumber);
  if (byIcn.length === 1) return byIcn[0];
  const open = candidates.filter((c) => c.payerClaimControlNumber === undefined && !isSettledOrGone(c));
  if (open.length === 1) return open[0];
  if (candidates.length === 1) return holdingAdjudication.has(candidates[0]!.status) ? 'conflict' : candidates[0];
  return candidates.length === 0 ? undefined : 'ambiguous';
}

/**
 * Our claim for a CLP02 22 reversal of the payer's claim number `n`, among the CLP01 candidates: the
 * one that holds `n`, else the one we sent back as its replacement (frequency 7, REF*F8 = `n`, same
 * claim id) that has been adjudicated under a new number since. `holdsNumber` false means the latter:
 * the money of `n` is reversed but the claim's status belongs to its newer adjudication.
 */
export function pickReversed(
  candidates: readonly ClaimHeader[],
  payerClaimControlNumber: string,
): { claim: ClaimHeader; holdsNumber: boolean } | undefined {
  const holding = candidates.find((c) => c.payerClaimControlNumber === payerClaimControlNumber);
  if (holding) return { claim: holding, holdsNumber: true };
  const replacement = candidates.filter((c) => c.frequencyCode === '7' && c.originalPayerClaimNumber === payerClaimControlNumber);
  return replacement.length === 1 ? { claim: replacement[0]!, holdsNumber: false } : undefined;
}

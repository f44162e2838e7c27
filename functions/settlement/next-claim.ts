/** The claim that bills the next coverage after a payer paid, and the ids settlement gives its records. Pure. */
import { stableId } from '#functions/platform/stable-id.ts';
import type { Claim } from '#schemas/claim.ts';
import type { CoveragePriority } from '#schemas/common.ts';
import type { Coverage } from '#schemas/coverage.ts';

const suffix: Readonly<Record<CoveragePriority, string>> = { primary: 'P', secondary: 'S', tertiary: 'T' };
const MAX_ID = 64;
const MAX_PCN = 38;

/** The id of the claim billing `coverage` after `claimId`: `<claimId>-S` (or `-T`), hashed if too long. */
export function nextClaimId(claimId: string, coverage: Pick<Coverage, 'priority'>): string {
  const id = `${claimId}-${suffix[coverage.priority]}`;
  return id.length <= MAX_ID ? id : stableId(`CLM${suffix[coverage.priority]}`, claimId);
}

/**
 * CLM01 of the next claim: ours with `-S` (or `-T`), so the next payer's 835 (CLP01) finds that claim
 * and not the one the earlier payer paid; the end of a long number is cut to keep 38 characters.
 */
export function nextPatientControlNumber(patientControlNumber: string, coverage: Pick<Coverage, 'priority'>): string {
  const tail = `-${suffix[coverage.priority]}`;
  return `${patientControlNumber.slice(0, MAX_PCN - tail.length)}${tail}`;
}

/** The statement request of a claim: one per claim. */
export const statementRequestIdFor = (claimId: string): string => stableId('STM', claimId);

/** The `closed` event settlement records on a claim paid in full. */
export const paidInFullEventId = (claimId: string): string => stableId('closed-paid', claimId);

/** The ClaimLifecycle execution name of a claim: the one the claim's own life runs under. */
export const lifecycleExecutionName = (claimId: string): string => `life-${claimId}`.slice(0, 80);

/**
 * The claim that bills the next coverage: the same lines and diagnoses, an original (frequency 1),
 * what the earlier payer paid and when, and a link back to its claim; a draft, for the lifecycle to
 * scrub. Charges are the full charges: coordination of benefits goes by the earlier payer's figures.
 */
export function nextClaimOf(
  earlier: Claim,
  coverage: Coverage,
  prior: { readonly paidCents: number; readonly adjudicationDate: string },
  createdAt: string,
): Claim {
  const {
    payerClaimControlNumber: _icn,
    originalPayerClaimNumber: _original,
    submittedAt: _submitted,
    priorPayerPaidCents: _paid,
    priorAdjudicationDate: _date,
    priorClaimId: _prior,
    ...kept
  } = earlier;
  return {
    ...kept,
    claimId: nextClaimId(earlier.claimId, coverage),
    patientControlNumber: nextPatientControlNumber(earlier.patientControlNumber, coverage),
    coverageId: coverage.coverageId,
    payerId: coverage.payerId,
    frequencyCode: '1',
    status: 'draft',
    priorClaimId: earlier.claimId,
    priorPayerPaidCents: prior.paidCents,
    priorAdjudicationDate: prior.adjudicationDate,
    // An 837I's type of bill ends in the frequency: an original again.
    ...(earlier.institutional
      ? { institutional: { ...earlier.institutional, typeOfBill: `${earlier.institutional.typeOfBill.slice(0, 2)}1` } }
      : {}),
    createdAt,
  };
}

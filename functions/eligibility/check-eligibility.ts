/**
 * Verifies coverage with the payer: reads the patient, coverage, provider and payer from the store,
 * writes a 270, asks through the payer gateway, reads the 271 into a result without PHI and stores it
 * as the coverage's eligibility answer for the date of service. A stored answer for the same coverage,
 * date and service types, checked within the reuse window and definite (active or inactive, nothing to
 * retry), is returned instead of asking again.
 */
import { RecordNotFoundError } from '#functions/errors/index.ts';
import { read271, write270, type EligibilityResult } from '#functions/payers/exchange/index.ts';
import { readPayerReply, type PayerTaskDeps } from '#functions/payers/task-deps.ts';
import { reserveControls } from '#functions/store/control-numbers.ts';
import type { Store } from '#functions/store/index.ts';
import { interchangeControlNumberOf } from '#functions/store/index.ts';
import { coverageOf, recordLoader } from '#functions/store/record-loader.ts';
import type { EligibilityAnswer, EligibilityCheckResultContract } from '#schemas/eligibility.ts';
import type { EligibilityCheckRequest } from '#schemas/payer-requests.ts';
import { serviceBenefitsOf } from './benefits.ts';

/** A claim's eligibility question: its patient and coverage, asked by its billing provider for its first date of service. */
async function eligibilityOfClaim(
  store: Store,
  input: Extract<EligibilityCheckRequest, { claimId: string }>,
): Promise<Exclude<EligibilityCheckRequest, { claimId: string }>> {
  const stored = await store.claims.get(input.claimId);
  if (!stored) throw new RecordNotFoundError('claim', 'claimId');
  const { claim } = stored;
  const firstDate = claim.lines.map((l) => l.serviceDateFrom).sort()[0];
  return {
    patientId: claim.patientId,
    coverageId: claim.coverageId,
    providerId: claim.billingProviderId,
    ...(firstDate ? { asOfDate: firstDate } : {}),
    ...(input.serviceTypeCodes ? { serviceTypeCodes: input.serviceTypeCodes } : {}),
    ...(input.requestId ? { requestId: input.requestId } : {}),
  };
}

/** The eligibility answer for one coverage, without PHI: the stored answer, whether it was asked now or reused, and the 271's findings. */
export type EligibilityCheckResult = EligibilityCheckResultContract & Pick<EligibilityResult, 'findings'>;

/** Hours a stored answer is reused for when the request does not say (24, or `ELIGIBILITY_REUSE_HOURS` from 0 to 720). */
export function reuseWindowHours(env: NodeJS.ProcessEnv = process.env): number {
  const hours = Number(env.ELIGIBILITY_REUSE_HOURS ?? '24');
  return Number.isInteger(hours) && hours >= 0 && hours <= 720 ? hours : 24;
}

const HOUR = 3_600_000;

/** Whether a stored answer may stand for a new one: as recent as the window, about at least these service types, and definite. */
export function reusable(answer: EligibilityAnswer, serviceTypes: readonly string[], now: Date, windowHours: number): boolean {
  if (windowHours <= 0) return false;
  const age = now.getTime() - Date.parse(answer.checkedAt);
  return (
    age >= 0 &&
    age < windowHours * HOUR &&
    serviceTypes.every((t) => answer.serviceTypeCodes.includes(t)) &&
    answer.coverageStatus !== 'unknown' &&
    !answer.rejections.some((r) => r.retryable)
  );
}

/**
 * Asks the payer (270 → 271) whether the coverage is active on the date and what it pays, and stores
 * the answer; or returns a stored answer within the reuse window (`source` says which).
 */
export async function checkEligibility(
  deps: PayerTaskDeps,
  input: EligibilityCheckRequest,
  windowHours: number = reuseWindowHours(),
): Promise<EligibilityCheckResult> {
  const load = recordLoader(deps.store);
  const request = 'claimId' in input ? await eligibilityOfClaim(deps.store, input) : input;
  const record = await load.patient(request.patientId);
  const coverage = coverageOf(record, request.coverageId);
  const now = deps.now();
  const asOfDate = request.asOfDate ?? now.toISOString().slice(0, 10);
  const serviceTypeCodes = [...new Set(request.serviceTypeCodes ?? ['30'])].sort();
  const window = input.reuseWithinHours ?? windowHours;
  const stored = window > 0 ? await deps.store.eligibility.forDate(record.patient.patientId, coverage.coverageId, asOfDate, 5) : [];
  const recent = stored.find((a) => reusable(a, serviceTypeCodes, now, window));
  if (recent) return { ...recent, asOfDate, source: 'reused', findings: [] };

  const [provider, payer] = await Promise.all([load.provider(request.providerId), load.payer(coverage.payerId)]);
  const { icn, controls } = await reserveControls(deps.store);
  const traceNumber = request.requestId ?? `ELG${interchangeControlNumberOf(icn)}`;
  const x270 = write270(
    {
      patient: record.patient,
      coverage,
      provider,
      payer,
      date: asOfDate,
      traceNumber,
      serviceTypeCodes,
    },
    { interchange: deps.settings.interchange, now },
    controls,
  );
  const reply = await deps.gateway.checkEligibility(x270, { payerId: payer.payerId, correlationId: traceNumber });
  const result = readPayerReply(payer.payerId, () => read271(reply));
  const answer: EligibilityAnswer = {
    patientId: record.patient.patientId,
    coverageId: coverage.coverageId,
    payerId: payer.payerId,
    dateOfService: asOfDate,
    serviceTypeCodes,
    checkedAt: now.toISOString(),
    traceNumber: result.traceNumber ?? traceNumber,
    interchangeControlNumber: interchangeControlNumberOf(icn),
    active: result.active,
    coverageStatus: result.coverageStatus,
    ...(result.planName ? { planName: result.planName.slice(0, 60) } : {}),
    ...(result.groupNumber ? { groupNumber: result.groupNumber.slice(0, 50) } : {}),
    ...(result.planBeginDate ? { planBeginDate: result.planBeginDate } : {}),
    ...(result.planEndDate ? { planEndDate: result.planEndDate } : {}),
    benefits: result.benefits,
    benefitsTruncated: result.benefitsTruncated,
    rejections: result.rejections.slice(0, 50),
    serviceBenefits: serviceBenefitsOf(result.benefits, serviceTypeCodes),
  };
  await deps.store.eligibility.save(answer);
  return { ...answer, asOfDate, source: 'asked', findings: result.findings };
}

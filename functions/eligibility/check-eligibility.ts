/**
 * Verifies coverage with the payer: reads the patient, coverage, provider and payer from the store,
 * writes a 270, asks through the payer gateway and reads the 271 into a result without PHI.
 */
import { RecordNotFoundError } from '#functions/errors/index.ts';
import { read271, write270, type EligibilityResult } from '#functions/payers/exchange/index.ts';
import { readPayerReply, type PayerTaskDeps } from '#functions/payers/task-deps.ts';
import { reserveControls } from '#functions/store/control-numbers.ts';
import type { Store } from '#functions/store/index.ts';
import { interchangeControlNumberOf } from '#functions/store/index.ts';
import { coverageOf, recordLoader } from '#functions/store/record-loader.ts';
import type { EligibilityCheckRequest } from '#schemas/payer-requests.ts';

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

/** The eligibility answer for one coverage, without PHI. */
export type EligibilityCheckResult = EligibilityResult & {
  patientId: string;
  coverageId: string;
  payerId: string;
  asOfDate: string;
  interchangeControlNumber: string;
};

/** Asks the payer (270 → 271) whether the coverage is active on the date and what it pays. */
export async function checkEligibility(deps: PayerTaskDeps, input: EligibilityCheckRequest): Promise<EligibilityCheckResult> {
  const load = recordLoader(deps.store);
  const request = 'claimId' in input ? await eligibilityOfClaim(deps.store, input) : input;
  const record = await load.patient(request.patientId);
  const coverage = coverageOf(record, request.coverageId);
  const [provider, payer] = await Promise.all([load.provider(request.providerId), load.payer(coverage.payerId)]);
  const now = deps.now();
  const asOfDate = request.asOfDate ?? now.toISOString().slice(0, 10);
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
      ...(request.serviceTypeCodes ? { serviceTypeCodes: request.serviceTypeCodes } : {}),
    },
    { interchange: deps.settings.interchange, now },
    controls,
  );
  const reply = await deps.gateway.checkEligibility(x270, { payerId: payer.payerId, correlationId: traceNumber });
  const result = readPayerReply(payer.payerId, () => read271(reply));
  return {
    patientId: record.patient.patientId,
    coverageId: coverage.coverageId,
    payerId: payer.payerId,
    asOfDate,
    interchangeControlNumber: interchangeControlNumberOf(icn),
    ...result,
  };
}

/**
 * Follows a submitted claim up with the payer: writes a 276 for it, asks through the payer gateway and
 * reads the 277 answer for this claim into a result without PHI.
 */
import { RecordNotFoundError } from '#functions/errors/index.ts';
import { read277, write276, type ClaimStatusResult } from '#functions/payers/exchange/index.ts';
import { readPayerReply, type PayerTaskDeps } from '#functions/payers/task-deps.ts';
import { reserveControls } from '#functions/store/control-numbers.ts';
import { interchangeControlNumberOf } from '#functions/store/index.ts';
import { coverageOf, recordLoader } from '#functions/store/record-loader.ts';
import type { ClaimStatusRequest } from '#schemas/payer-requests.ts';

/** Where one claim stands with the payer, without PHI. */
export type ClaimStatusCheckResult = { claimId: string; payerId: string; found: boolean } & Partial<ClaimStatusResult>;

/** Asks the payer (276 → 277) where a claim stands. */
export async function checkClaimStatus(deps: PayerTaskDeps, request: ClaimStatusRequest): Promise<ClaimStatusCheckResult> {
  const stored = await deps.store.claims.get(request.claimId);
  if (!stored) throw new RecordNotFoundError('claim', 'claimId');
  const { claim } = stored;
  const load = recordLoader(deps.store);
  const record = await load.patient(claim.patientId);
  const coverage = coverageOf(record, claim.coverageId);
  const [provider, payer] = await Promise.all([load.provider(claim.billingProviderId), load.payer(claim.payerId)]);
  const { icn, controls } = await reserveControls(deps.store);
  const x276 = write276(
    [{ claim, patient: record.patient, coverage, provider, payer }],
    {
      submitter: { name: deps.settings.submitter.name, id: deps.settings.submitter.id },
      referenceId: `STS${interchangeControlNumberOf(icn)}`,
      now: deps.now(),
      interchange: deps.settings.interchange,
    },
    controls,
  );
  const reply = await deps.gateway.claimStatus(x276, { payerId: payer.payerId, correlationId: claim.claimId });
  const response = readPayerReply(payer.payerId, () => read277(reply));
  const mine = response.claims.find((c) => c.patientControlNumber === claim.patientControlNumber);
  // The answer goes on the claim's timeline: a person following the claim up sees what the payer said, and when.
  const icnText = interchangeControlNumberOf(icn);
  await deps.store.claims.recordEvent({
    type: 'status-answered',
    eventId: `status-${icnText}`,
    claimId: claim.claimId,
    at: deps.now().toISOString(),
    ...(request.executionId ? { executionId: request.executionId } : {}),
    interchangeControlNumber: icnText,
    found: Boolean(mine),
    ...(mine ? { phase: mine.phase } : {}),
    statusCodes: (mine?.statuses ?? []).slice(0, 20).map((st) => `${st.category}:${st.code}`.slice(0, 20)),
    ...(mine?.paidCents !== undefined ? { paidCents: mine.paidCents } : {}),
  });
  return { claimId: claim.claimId, payerId: payer.payerId, found: Boolean(mine), ...(mine ?? {}) };
}

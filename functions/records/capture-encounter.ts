/**
 * Charge capture: an encounter's charges post to the patient's account (owed by the primary insurer
 * until the payer answers), its claim is built for the primary coverage in force on the date of
 * service and stored as a draft, and the claim's ClaimLifecycle starts (scrubbing first).
 *
 * Exactly once per encounter: the encounter is recorded first with a fingerprint of the request, every
 * later step has a stable key (the claim id, the charge posting key, the execution name), and a retry
 * finishes whatever an earlier attempt left undone and answers the same claim and execution. The same
 * encounter id with different content is an IdempotencyConflictError: the first capture stands.
 */
import { RecordNotFoundError } from '#functions/errors/index.ts';
import { createHash } from 'node:crypto';
import { chargePosting } from '#functions/accounts/clerk-postings.ts';
import { claimFromEncounter } from '#functions/claims/claim-from-encounter.ts';
import { InputValidationError } from '#functions/errors/index.ts';
import { stableId } from '#functions/platform/stable-id.ts';
import type { Store } from '#functions/store/index.ts';
import type { CaptureEncounterRequest, CaptureEncounterResponse } from '#schemas/charge-capture.ts';
import type { Claim } from '#schemas/claim.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { Encounter } from '#schemas/encounter.ts';
import { canonical } from './field-changes.ts';
import { IdempotencyConflictError } from './errors.ts';
import type { RecordsCall, StartClaimLifecycle } from './ports.ts';

export interface CaptureDeps {
  readonly store: Store;
  readonly startLifecycle: StartClaimLifecycle;
}

/** The claim built from an encounter: `CLM-<encounterId>` (hashed when too long), one per encounter. */
export function claimIdForEncounter(encounterId: string): string {
  const id = `CLM-${encounterId}`;
  return id.length <= 64 ? id : stableId('CLM', encounterId);
}

/**
 * CLM01, the number the payer echoes in CLP01: the encounter id when it leaves room for a later
 * payer's `-S`/`-T` suffix within 38 characters, else a hash of it (34 characters).
 */
export function patientControlNumberForEncounter(encounterId: string): string {
  return encounterId.length <= 36 ? encounterId : stableId('E', encounterId);
}

/** The earliest date of service of the encounter's charges. */
export const firstServiceDate = (encounter: Encounter): string => encounter.charges.map((c) => c.serviceDateFrom).sort()[0]!;

/** The primary coverage in force on `date`, if any. */
export function primaryCoverageOn(coverages: readonly Coverage[], date: string): Coverage | undefined {
  return coverages.find((c) => c.priority === 'primary' && c.effectiveDate <= date && (c.terminationDate ?? '9999-12-31') >= date);
}

const fingerprintOf = (request: CaptureEncounterRequest): string =>
  createHash('sha256')
    .update(canonical({ encounter: request.encounter, billingProviderId: request.billingProviderId }))
    .digest('hex');

/** Captures an encounter; see the module comment. */
export async function captureEncounter(
  deps: CaptureDeps,
  request: CaptureEncounterRequest,
  call: RecordsCall,
): Promise<CaptureEncounterResponse> {
  const { store } = deps;
  const { encounter } = request;
  const at = call.at.toISOString();
  const fingerprint = fingerprintOf(request);
  const claimId = claimIdForEncounter(encounter.encounterId);

  const prior = await store.encounters.get(encounter.encounterId);
  if (prior && prior.fingerprint !== fingerprint) throw new IdempotencyConflictError('encounter.encounterId');
  const stored = await store.claims.get(claimId);
  // Checked and built before anything is written, so a request that refers to nothing leaves no trace.
  const claim = stored ? undefined : await buildClaim(store, request, claimId, at);
  if (!prior) {
    const outcome = await store.encounters.capture({ encounter, claimId, fingerprint, capturedAt: at });
    if (outcome.captured.fingerprint !== fingerprint) throw new IdempotencyConflictError('encounter.encounterId');
  }
  if (claim) await store.claims.create(claim, at);

  const totalChargeCents = encounter.charges.reduce((sum, c) => sum + c.chargeCents, 0);
  // A posting of zero cents is not a posting (the ledger refuses zero splits): an all-zero encounter only makes a claim.
  const posted =
    totalChargeCents > 0
      ? await store.ledger.post(
          chargePosting({ accountId: encounter.accountId, claimId, amountCents: totalChargeCents, to: 'primary', postedAt: at }),
        )
      : { status: prior ? 'already-posted' : 'posted' };
  const { executionArn } = await deps.startLifecycle(claimId, (claim ?? stored?.claim)?.payerId);
  const captured = posted.status === 'posted';

  const { patientId } = encounter;
  if (captured) {
    call.recordAccess({
      patientId,
      record: 'encounter',
      recordId: encounter.encounterId,
      action: 'create',
      fields: ['encounterType', 'diagnoses', 'charges', 'renderingProviderId'],
    });
    call.recordAccess({
      patientId,
      record: 'claim',
      recordId: claimId,
      action: 'create',
      fields: ['lines', 'diagnoses', 'coverageId', 'totalChargeCents'],
    });
    call.recordAccess({ patientId, record: 'ledger', recordId: encounter.accountId, action: 'update', fields: ['entries', 'balances'] });
  } else call.recordAccess({ patientId, record: 'claim', recordId: claimId, action: 'read', fields: ['claimId', 'totalChargeCents'] });
  return {
    encounterId: encounter.encounterId,
    claimId,
    executionArn,
    totalChargeCents,
    status: captured ? 'captured' : 'already-captured',
  };
}

/** The claim for the primary coverage, after checking what the encounter refers to (errors name fields, not values). */
async function buildClaim(store: Store, request: CaptureEncounterRequest, claimId: string, at: string): Promise<Claim> {
  const { encounter } = request;
  const patient = await store.patients.getPatientRecord(encounter.patientId);
  if (!patient) throw new RecordNotFoundError('registered patient', 'encounter.patientId');
  const issues: { path: string; message: string }[] = [];
  if (patient.patient.accountId !== encounter.accountId)
    issues.push({ path: 'encounter.accountId', message: "is not the patient's account" });
  const coverage = primaryCoverageOn(patient.coverages, firstServiceDate(encounter));
  if (!coverage)
    issues.push({ path: 'encounter.charges', message: 'the patient has no primary coverage in force on the first date of service' });
  if (!(await store.reference.getProvider(request.billingProviderId)))
    issues.push({ path: 'billingProviderId', message: 'no provider on file has this id' });
  if (issues.length > 0 || !coverage) throw new InputValidationError(issues);
  const payerProfile = await store.reference.getPayerProfile(coverage.payerId);
  if (!payerProfile) throw new RecordNotFoundError('payer profile', "the primary coverage's payerId");
  return claimFromEncounter({
    encounter,
    coverage,
    payerProfile,
    claimId,
    patientControlNumber: patientControlNumberForEncounter(encounter.encounterId),
    billingProviderId: request.billingProviderId,
    createdAt: at,
  });
}

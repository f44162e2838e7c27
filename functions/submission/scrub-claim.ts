/**
 * The claim's first workflow step: the scrubber's edits run on the stored claim with everything they
 * need from the store (coverages, providers, the payer's rules, the patient's authorizations). A claim
 * with errors is not sent: the step names the hold a person works (a missing authorization, or the
 * scrubber's edits) and raises it with the failing edits' ids, so the queue shows what to fix.
 */
import { scrubClaim } from '#functions/claims/scrubber.ts';
import type { Icd10CmCodeSet } from '#functions/claims/code-set.ts';
import { ClaimNotReadyError, RecordNotFoundError } from '#functions/errors/index.ts';
import { stableId } from '#functions/platform/stable-id.ts';
import { holdItemFor, type HoldKind } from '#functions/queues/claim-holds.ts';
import { openWorkItem } from '#functions/queues/work-items.ts';
import type { Store } from '#functions/store/index.ts';
import { recordLoader } from '#functions/store/record-loader.ts';
import type { Provider } from '#schemas/provider.ts';

export interface ScrubStoredClaimRequest {
  claimId: string;
  /** The execution that scrubs (its id is not PHI): with the attempt it makes the scrub event's id. */
  executionId: string;
  /** 0 for the execution's first scrub; each later pass (after a hold or a correction) counts up. */
  attempt: number;
}

export interface ScrubStoredClaimOutcome {
  claimId: string;
  clean: boolean;
  errorCount: number;
  warningCount: number;
  /** Ids of the failing edits (e.g. `AUTHORIZATION_MISSING`), never their text. */
  edits: string[];
  /** For a claim with errors: the hold raised, `authorization` when only authorizations are missing; null when clean. */
  hold: HoldKind | null;
  /** The attempt number the next pass uses. */
  nextAttempt: number;
  status: string;
}

const authorizationEdits = new Set(['AUTHORIZATION_MISSING', 'AUTHORIZATION_UNITS_EXCEEDED']);

/**
 * Scrubs a stored claim, records the `scrubbed` event (once per execution and attempt, so a retried
 * step changes nothing) and, when an edit fails, raises the hold the workflow then waits on.
 */
export async function scrubStoredClaim(
  store: Store,
  codeSet: Icd10CmCodeSet,
  request: ScrubStoredClaimRequest,
  now: Date,
): Promise<ScrubStoredClaimOutcome> {
  const stored = await store.claims.get(request.claimId);
  if (!stored) throw new RecordNotFoundError('claim', 'claimId');
  const { claim } = stored;
  const load = recordLoader(store);
  const patient = await load.patient(claim.patientId);
  const payerProfile = await load.payer(claim.payerId);
  const providerIds = [claim.billingProviderId, claim.renderingProviderId, claim.attendingProviderId].filter((id): id is string => !!id);
  const providers: Provider[] = await Promise.all([...new Set(providerIds)].map((id) => load.provider(id)));
  const today = now.toISOString().slice(0, 10);
  const result = scrubClaim({
    claim,
    coverages: patient.coverages,
    providers,
    payerProfile,
    authorizations: patient.authorizations,
    // Duplicates are caught at charge capture, where the patient's other claims are at hand.
    otherClaims: [],
    codeSet,
    today,
  });
  const errors = result.findings.filter((f) => f.severity === 'error');
  const edits = [...new Set(errors.map((f) => f.id))];
  const recorded = await store.claims.recordEvent({
    type: 'scrubbed',
    eventId: stableId('SCRUB', claim.claimId, request.executionId, String(request.attempt)),
    claimId: claim.claimId,
    at: now.toISOString(),
    errorCount: errors.length,
    warningCount: result.findings.length - errors.length,
    executionId: request.executionId,
  });
  if (recorded.status === 'rejected') throw new ClaimNotReadyError('claimId', `cannot be scrubbed while ${claim.status}`);
  const status =
    recorded.status === 'recorded' ? recorded.claimStatus : ((await store.claims.get(claim.claimId))?.claim.status ?? claim.status);
  const outcome: ScrubStoredClaimOutcome = {
    claimId: claim.claimId,
    clean: errors.length === 0,
    errorCount: errors.length,
    warningCount: result.findings.length - errors.length,
    edits,
    hold: null,
    nextAttempt: request.attempt + 1,
    status,
  };
  if (errors.length === 0) return outcome;
  const hold: HoldKind = edits.every((id) => authorizationEdits.has(id)) ? 'authorization' : 'scrub-edits';
  await openWorkItem(
    store,
    holdItemFor(
      claim,
      payerProfile,
      { kind: hold, executionId: request.executionId, attempt: request.attempt },
      { edits: edits.join(' ') },
    ),
    now,
  );
  return { ...outcome, hold };
}

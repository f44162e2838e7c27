/**
 * Units consumed as claims are billed: when a claim is submitted, each line an approved authorization
 * covers charges its units to that authorization, per claim (set, not added: submitting the claim
 * again, or its replacement under the same claim id, leaves one charge). A claim the payer denies
 * whole, or one voided, gives its units back: its charge leaves the authorization, once (giving back
 * twice finds nothing the second time), and billing it again charges it again, as does the payer
 * paying it after all (an appeal won, a reprocessing).
 */
import type { Store } from '#functions/store/index.ts';
import { approvedAuthorizationFor, type Authorization } from '#schemas/authorization.ts';
import type { Claim, ClaimStatus } from '#schemas/claim.ts';

/** Units per authorization for one claim: each line goes to the first approved authorization covering its code and dates. Pure. */
export function unitsByAuthorization(claim: Claim, authorizations: readonly Authorization[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of claim.lines) {
    const a = approvedAuthorizationFor(authorizations, { ...line, patientId: claim.patientId, payerId: claim.payerId });
    if (a) out.set(a.authorizationId, (out.get(a.authorizationId) ?? 0) + line.units);
  }
  return out;
}

/** Charges a submitted claim's units to the authorizations that cover its lines; returns how many were charged. */
export async function recordUnitsBilled(store: Store, claim: Claim): Promise<number> {
  const record = await store.patients.getPatientRecord(claim.patientId);
  if (!record) return 0;
  const charges = unitsByAuthorization(claim, record.authorizations);
  for (const [authorizationId, units] of charges)
    await store.authorizations.recordBilledUnits(claim.patientId, authorizationId, claim.claimId, units);
  return charges.size;
}

/** Statuses in which a claim used none of its authorized units: denied whole by the payer, or voided. */
const UNIT_RELEASING_STATUSES: ReadonlySet<ClaimStatus> = new Set(['denied', 'voided']);

/**
 * Gives back the units a claim charged to its patient's authorizations, when its status (just recorded)
 * is one in which it used none ({@link UNIT_RELEASING_STATUSES}); other statuses change nothing. Safe to
 * call again for the same event: the second call finds no charge. Returns the units given back.
 */
export async function releaseUnitsOfEndedClaim(
  store: Store,
  claim: Pick<Claim, 'claimId' | 'patientId'>,
  status: ClaimStatus,
): Promise<number> {
  if (!UNIT_RELEASING_STATUSES.has(status)) return 0;
  const record = await store.patients.getPatientRecord(claim.patientId);
  let released = 0;
  for (const a of record?.authorizations ?? [])
    if (a.billedUnits?.[claim.claimId] !== undefined)
      released += await store.authorizations.releaseBilledUnits(claim.patientId, a.authorizationId, claim.claimId);
  return released;
}

/** Statuses from which a claim the payer now pays had given its units back (denied, then appealed). */
const RECHARGED_FROM: ReadonlySet<ClaimStatus> = new Set(['denied', 'appealed', 'voided']);
const PAID_STATUSES: ReadonlySet<ClaimStatus> = new Set(['paid', 'partially-paid']);

/**
 * Keeps a claim's charge on its authorizations in step with the payer's decision just recorded: a
 * claim denied whole or voided gives its units back; one paid after it had given them back (an appeal
 * won, a reprocessed claim) is charged again. `before` is the claim's status before the decision, or
 * undefined when the decision was already on file (a redelivery). Costs no read in the common case.
 */
export async function unitsFollowDecision(
  store: Store,
  claim: Pick<Claim, 'claimId' | 'patientId'>,
  before: ClaimStatus | undefined,
  after: ClaimStatus,
): Promise<void> {
  if (UNIT_RELEASING_STATUSES.has(after)) {
    await releaseUnitsOfEndedClaim(store, claim, after);
    return;
  }
  if (before === undefined || !RECHARGED_FROM.has(before) || !PAID_STATUSES.has(after)) return;
  const record = await store.claims.get(claim.claimId);
  if (record) await recordUnitsBilled(store, record.claim);
}

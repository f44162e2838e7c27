/**
 * AmendClaim: a person fixes a claim the payer does not have (draft, scrubbed, rejected, denied,
 * partially or fully paid, corrected) through the API. The claim record is replaced under its version
 * with an `amended` event naming the changed fields; if its total charge changed, the ledger's charge
 * follows (see charge-amendment.ts for how it posts once).
 */
import { ClaimNotReadyError, InputValidationError, RecordNotFoundError, TransientDependencyError } from '#functions/errors/index.ts';
import { stableId } from '#functions/platform/stable-id.ts';
import type { Store } from '#functions/store/index.ts';
import type { AmendClaimRequest, AmendClaimResult } from '#schemas/claim-amendment.ts';
import { applyChanges, isAmendable } from './amendment.ts';
import { chargeAmendmentPosting } from './charge-amendment.ts';

/** How many times a lost version race is retried before the caller is told to try again. */
const MAX_ATTEMPTS = 5;

/**
 * Applies a person's changes to a claim, once. Changes that are already on the claim change nothing
 * (a retried call returns `changed: []`), and the ledger's charge is brought to the claim's total
 * either way, so a retry after a lost ledger write completes it and a retry after success posts nothing.
 */
export async function amendClaim(store: Store, request: AmendClaimRequest, now: Date): Promise<AmendClaimResult> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const record = await store.claims.get(request.claimId);
    if (!record) throw new RecordNotFoundError('claim', 'claimId');
    const { claim } = record;
    if (!isAmendable(claim.status)) throw new ClaimNotReadyError('claimId', `is ${claim.status}; a claim with the payer cannot be amended`);
    const applied = applyChanges(claim, request.changes);
    if (!applied.ok) throw new InputValidationError(applied.problems);
    if (applied.changed.length === 0) {
      await chargeFollowsClaim(store, claim.claimId, claim.accountId, now);
      return { claimId: claim.claimId, changed: [], status: claim.status, totalChargeCents: claim.totalChargeCents };
    }
    const at = now.toISOString();
    const eventId = stableId('AMD', claim.claimId, String(record.version));
    const outcome = await store.claims.replace(record, applied.claim, {
      type: 'amended',
      eventId,
      claimId: claim.claimId,
      at,
      changed: applied.changed,
      amendedBy: request.amendedBy,
      reason: request.reason,
    });
    if (outcome.status === 'stale' || outcome.status === 'already-recorded') continue;
    if (outcome.status === 'rejected') throw new ClaimNotReadyError('claimId', 'changed status while it was being amended');
    await chargeFollowsClaim(store, claim.claimId, claim.accountId, now);
    return {
      claimId: claim.claimId,
      changed: applied.changed,
      status: outcome.claimStatus,
      totalChargeCents: applied.claim.totalChargeCents,
    };
  }
  throw new TransientDependencyError(`claim ${request.claimId} (updated by others meanwhile)`);
}

/**
 * Posts the difference between the claim's total and the ledger's charge for it. The ledger is read
 * before the claim, so the total compared is never older than the ledger state the key comes from; a
 * posting key taken by a concurrent amendment (already-posted) means: read both again.
 */
async function chargeFollowsClaim(store: Store, claimId: string, accountId: string, now: Date): Promise<void> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const { entries } = await store.ledger.getLedger(accountId);
    const record = await store.claims.get(claimId);
    if (!record) return;
    const latest = record.timeline.filter((e) => e.type === 'amended').at(-1);
    if (!latest) return;
    const posting = chargeAmendmentPosting(entries, record.claim, now.toISOString(), latest.eventId);
    if (!posting || (await store.ledger.post(posting)).status === 'posted') return;
  }
  throw new TransientDependencyError(`ledger of claim ${claimId} (updated by others meanwhile)`);
}

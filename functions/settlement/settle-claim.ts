/**
 * Settles a claim its payer paid: the later parties' share goes to a claim for the next coverage
 * (which starts its own ClaimLifecycle), or to the patient with a statement requested; a claim nobody
 * owes anything on is closed. Idempotent end to end: every record it makes has a stable id or key,
 * and a retry after any step finishes the same decision.
 */
import { balancesByClaim, zeroBalances } from '#functions/accounts/balances.ts';
import { claimMovePosting, claimMovePostingKey, transferPosting } from '#functions/accounts/clerk-postings.ts';
import { ClaimNotReadyError, RecordNotFoundError } from '#functions/errors/index.ts';
import type { ClaimRecord, Store } from '#functions/store/index.ts';
import type { Claim, ClaimStatus } from '#schemas/claim.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { SettleClaimRequest, SettleClaimResult } from '#schemas/settlement.ts';
import { decideSettlement, nextCoverage, type SettlementDecision } from './decision.ts';
import { adjudicationOf, type PriorAdjudicationRecord } from './load-prior.ts';
import { nextClaimId, nextClaimOf, paidInFullEventId, statementRequestIdFor } from './next-claim.ts';

/** Starts the ClaimLifecycle of a claim; an execution already running under its name counts as started. */
export type StartLifecycle = (claimId: string, payerId?: string) => Promise<'started' | 'already-started'>;

export interface SettlementDeps {
  readonly store: Store;
  readonly startLifecycle: StartLifecycle;
  readonly now: () => Date;
}

const settleable: ReadonlySet<ClaimStatus> = new Set(['paid', 'partially-paid']);

/** Settles one paid claim; see the module comment. Throws ClaimNotReadyError for a claim not paid. */
export async function settleClaim(deps: SettlementDeps, request: SettleClaimRequest): Promise<SettleClaimResult> {
  const { store } = deps;
  const record = await store.claims.get(request.claimId);
  if (!record) throw new RecordNotFoundError('claim', 'claimId');
  const { claim } = record;
  const base = { claimId: claim.claimId, secondaryClaimsCreated: 0, statementsRequested: 0 };
  if (claim.status === 'closed' && closedBySettlement(record)) return { ...base, next: 'closed', patientBalanceCents: 0, status: 'closed' };
  if (!settleable.has(claim.status)) throw new ClaimNotReadyError('claimId', `is ${claim.status}; only a paid claim is settled`);

  const patient = await store.patients.getPatientRecord(claim.patientId);
  if (!patient) throw new RecordNotFoundError('patient', 'patientId');
  const paying = patient.coverages.find((c) => c.coverageId === claim.coverageId);
  if (!paying) throw new RecordNotFoundError('coverage', 'coverageId');
  const adjudication = await adjudicationOf(store, record);
  const ledger = await store.ledger.getLedger(claim.accountId);
  const balances = balancesByClaim(ledger.entries).get(claim.claimId) ?? zeroBalances();
  const next = nextCoverage(patient.coverages, paying, adjudication.paymentDate);
  const at = deps.now().toISOString();

  // A move already on the ledger means an earlier attempt billed the next coverage: finish that.
  const moved = next ? await store.ledger.getPosting(claimMovePostingKey(nextClaimId(claim.claimId, next))) : null;
  const decision = decideSettlement({ priority: paying.priority, balances, hasNextCoverage: next !== undefined });
  if (next && (moved || decision.next === 'secondary-claim')) {
    const movedCents = moved ? movedInto(moved.entries, nextClaimId(claim.claimId, next)) : decision.shareCents;
    return billNextCoverage(deps, { claim, next, decision, alreadyMoved: moved !== null, movedCents, adjudication, at });
  }
  switch (decision.next) {
    case 'statement':
      return requestStatement(store, claim, decision, at);
    case 'closed': {
      const outcome = await store.claims.recordEvent({
        type: 'closed',
        reason: 'paid-in-full',
        eventId: paidInFullEventId(claim.claimId),
        claimId: claim.claimId,
        at,
        ...(request.executionId ? { executionId: request.executionId } : {}),
      });
      if (outcome.status === 'rejected') throw new ClaimNotReadyError('claimId', 'changed status while it was being settled');
      return { ...base, next: 'closed', patientBalanceCents: 0, status: 'closed' };
    }
    default:
      return { ...base, next: 'open', patientBalanceCents: decision.shareCents, status: claim.status };
  }
}

const closedBySettlement = (record: ClaimRecord): boolean =>
  record.timeline.some((e) => e.eventId === paidInFullEventId(record.claim.claimId));

const movedInto = (entries: readonly { claimId?: string; splits: readonly { amountCents: number }[] }[], claimId: string): number =>
  entries.filter((e) => e.claimId === claimId).reduce((sum, e) => sum + e.splits.reduce((s, x) => s + x.amountCents, 0), 0);

/** The later share to a new claim for the next coverage: create it, move the share onto it, start its life. */
async function billNextCoverage(
  deps: SettlementDeps,
  p: {
    claim: Claim;
    next: Coverage;
    decision: SettlementDecision;
    alreadyMoved: boolean;
    movedCents: number;
    adjudication: PriorAdjudicationRecord;
    at: string;
  },
): Promise<SettleClaimResult> {
  const { store } = deps;
  const nextClaim = nextClaimOf(
    p.claim,
    p.next,
    { paidCents: p.adjudication.event.paidCents, adjudicationDate: p.adjudication.paymentDate },
    p.at,
  );
  const created = await store.claims.create(nextClaim, p.at);
  if (!p.alreadyMoved) {
    await store.ledger.post(
      claimMovePosting({
        accountId: p.claim.accountId,
        fromClaimId: p.claim.claimId,
        toClaimId: nextClaim.claimId,
        from: p.decision.shares,
        to: p.next.priority,
        postedAt: p.at,
      }),
    );
  }
  await deps.startLifecycle(nextClaim.claimId, nextClaim.payerId);
  return {
    claimId: p.claim.claimId,
    next: 'secondary-claim',
    patientBalanceCents: p.movedCents,
    secondaryClaimId: nextClaim.claimId,
    status: p.claim.status,
    secondaryClaimsCreated: created ? 1 : 0,
    statementsRequested: 0,
  };
}

/** The later share to the patient: what a coverage that is no longer there was to take moves to the patient, then a statement is requested once. */
async function requestStatement(store: Store, claim: Claim, decision: SettlementDecision, at: string): Promise<SettleClaimResult> {
  for (const share of decision.shares) {
    if (share.responsibility === 'patient') continue;
    await store.ledger.post(
      transferPosting({
        accountId: claim.accountId,
        decisionId: `settle|${claim.claimId}|${share.responsibility}`,
        claimId: claim.claimId,
        from: share.responsibility,
        to: 'patient',
        amountCents: share.amountCents,
        postedAt: at,
      }),
    );
  }
  const statementRequestId = statementRequestIdFor(claim.claimId);
  const outcome = await store.statements.request({
    statementRequestId,
    claimId: claim.claimId,
    accountId: claim.accountId,
    amountCents: decision.shareCents,
    requestedAt: at,
    status: 'requested',
  });
  const stored = outcome === 'exists' ? await store.statements.get(statementRequestId) : null;
  return {
    claimId: claim.claimId,
    next: 'statement',
    patientBalanceCents: stored?.amountCents ?? decision.shareCents,
    statementRequestId,
    status: claim.status,
    secondaryClaimsCreated: 0,
    statementsRequested: outcome === 'created' ? 1 : 0,
  };
}

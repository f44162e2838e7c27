/**
 * The nightly re-verification: the coverages of claims not yet sent whose first date of service falls
 * in the next few days are asked about again (a fresh 270, never a reused answer), the answer is
 * compared with the one stored before, and a hold work item is raised on each claim when coverage has
 * ended or changed, so a clerk fixes it before the visit rather than after a denial.
 */
import { addDays } from '#functions/claims/calendar.ts';
import { openWorkItem } from '#functions/queues/work-items.ts';
import { stableId } from '#functions/platform/stable-id.ts';
import type { PayerTaskDeps } from '#functions/payers/task-deps.ts';
import type { ClaimStatus } from '#schemas/claim.ts';
import {
  listUpcomingVerificationsRequest,
  type EligibilityAnswer,
  type ListUpcomingVerificationsRequest,
  type ListUpcomingVerificationsResult,
  type ReverificationCheck,
  type ReverificationResult,
} from '#schemas/eligibility.ts';
import type { OpenWorkItemRequest } from '#schemas/work-item.ts';
import { coverageChanges, type CoverageChange } from './changes.ts';
import { checkEligibility } from './check-eligibility.ts';

/** Claims the payer does not have yet: the ones a coverage problem can still be fixed for. */
const NOT_SENT: readonly ClaimStatus[] = ['draft', 'scrubbed'];

/** At most this many coverages per run: the Map state's items stay well inside a payload's 256 KB. */
export const MAX_CHECKS = 500;

/** The coverages to verify again: one per coverage and date of service, with the claims that depend on it. */
export async function listUpcomingVerifications(
  deps: Pick<PayerTaskDeps, 'store' | 'now'>,
  input: ListUpcomingVerificationsRequest,
): Promise<ListUpcomingVerificationsResult> {
  const request = listUpcomingVerificationsRequest.parse(input);
  const asOfDate = request.asOfDate ?? deps.now().toISOString().slice(0, 10);
  const throughDate = addDays(asOfDate, request.days - 1);
  const checks = new Map<string, ReverificationCheck>();
  let truncated = false;
  for (const status of NOT_SENT) {
    let startKey: Readonly<Record<string, string>> | undefined;
    do {
      const page = await deps.store.claims.listPage({
        status,
        servedFrom: asOfDate,
        servedThrough: throughDate,
        limit: 100,
        ...(startKey ? { startKey } : {}),
      });
      for (const { claim, agingDate } of page.claims) {
        const key = `${claim.patientId}|${claim.coverageId}|${agingDate}`;
        const known = checks.get(key);
        if (known) {
          if (known.claimIds.length < 100) known.claimIds.push(claim.claimId);
          continue;
        }
        if (checks.size >= MAX_CHECKS) {
          truncated = true;
          continue;
        }
        checks.set(key, {
          patientId: claim.patientId,
          coverageId: claim.coverageId,
          providerId: claim.billingProviderId,
          dateOfService: agingDate,
          claimIds: [claim.claimId],
          ...(request.executionId ? { executionId: request.executionId } : {}),
        });
      }
      startKey = page.lastKey;
    } while (startKey);
  }
  return { asOfDate, throughDate, checks: [...checks.values()], truncated };
}

const HOLD_TEXT = {
  ended: 'Coverage re-verified before the visit: the payer no longer confirms active coverage; update the coverage, then edit or dismiss',
  changed:
    'Coverage re-verified before the visit: the payer reports a changed plan or cost share; review the coverage, then edit or dismiss',
} as const;

/** A fingerprint of what a hold is about, so that the same finding on another night (or a retry) raises no second item. */
const findingOf = (answer: EligibilityAnswer, changes: readonly CoverageChange[]): string =>
  JSON.stringify([
    answer.active,
    changes,
    answer.planName ?? '',
    answer.groupNumber ?? '',
    answer.planBeginDate ?? '',
    answer.planEndDate ?? '',
    answer.serviceBenefits.map((s) => [s.serviceType, s.network, s.copayCents, s.coinsuranceBps, s.deductibleCents, s.outOfPocketMaxCents]),
  ]);

/**
 * Verifies one coverage again for its date of service and raises a hold on each of its claims when
 * the coverage has ended (the payer does not confirm it active) or changed since the answer stored before.
 */
export async function reverifyCoverage(deps: PayerTaskDeps, check: ReverificationCheck): Promise<ReverificationResult> {
  const [previous] = await deps.store.eligibility.forDate(check.patientId, check.coverageId, check.dateOfService, 1);
  const current = await checkEligibility(deps, {
    patientId: check.patientId,
    coverageId: check.coverageId,
    providerId: check.providerId,
    asOfDate: check.dateOfService,
    serviceTypeCodes: previous?.serviceTypeCodes ?? ['30'],
    reuseWithinHours: 0,
  });
  const changes = previous ? coverageChanges(previous, current) : [];
  const outcome: ReverificationResult['outcome'] = !current.active
    ? 'ended'
    : changes.length > 0
      ? 'changed'
      : previous
        ? 'unchanged'
        : 'first-answer';
  // An ended coverage is one finding however it was reached (from active, or inactive since the first answer).
  const reported: CoverageChange[] = outcome === 'ended' ? ['coverage-ended'] : changes;
  const workItemIds: string[] = [];
  if (outcome === 'ended' || outcome === 'changed') {
    const kind = outcome === 'ended' ? 'coverage-ended' : 'coverage-changed';
    const finding = findingOf(current, reported);
    for (const claimId of check.claimIds) {
      const stored = await deps.store.claims.get(claimId);
      if (!stored) continue;
      const item: OpenWorkItemRequest = {
        workItemId: stableId('REVERIFY', claimId, check.dateOfService, finding),
        queue: 'holds',
        kind,
        claimId,
        payerId: current.payerId,
        amountCents: stored.claim.totalChargeCents,
        // Act before the visit.
        deadline: check.dateOfService,
        summary: `${HOLD_TEXT[outcome]} (271 trace ${current.traceNumber})`.slice(0, 300),
        details: {
          coverageId: check.coverageId,
          dateOfService: check.dateOfService,
          changes: reported,
          coverageStatus: current.coverageStatus,
          traceNumber: current.traceNumber,
          ...(previous ? { previousTraceNumber: previous.traceNumber } : {}),
        },
        actions: ['edit', 'dismiss'],
        raisedBy: (check.executionId ?? 'CoverageReverification').slice(0, 256),
      };
      const opened = await openWorkItem(deps.store, item, deps.now());
      workItemIds.push(opened.item.workItemId);
    }
  }
  return {
    coverageId: check.coverageId,
    dateOfService: check.dateOfService,
    claimIds: check.claimIds,
    outcome,
    changes: reported,
    traceNumber: current.traceNumber,
    workItemIds,
  };
}

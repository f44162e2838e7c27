/**
 * A claim's timeline: its events in the order they happened, each naming the workflow execution that
 * recorded it (events carry `executionId`), and those executions with where they stand, the claim's
 * own ClaimLifecycle execution (`life-<claimId>`) first. The `life-` family follows the claim where it
 * went: the lifecycle of a replacement claim (a `corrected` event names it) and of the claim that
 * bills the next coverage (`<claimId>-S`/`-T`, see functions/settlement/next-claim.ts), when they ran.
 * Step Functions is read through the injected ExecutionReader.
 */
import { RecordNotFoundError } from '#functions/errors/index.ts';
import type { Store } from '#functions/store/index.ts';
import type { ClaimEvent } from '#schemas/claim-event.ts';
import type { GetClaimTimelineRequest, GetClaimTimelineResponse, TimelineExecution } from '#schemas/claim-queries.ts';
import { nextClaimId } from '#functions/settlement/next-claim.ts';

import type { ExecutionReader, RecordsCall } from './ports.ts';

/** The order a claim's life goes through, for events recorded at the same instant (a frozen test clock, one step's burst). */
const lifeOrder: readonly ClaimEvent['type'][] = [
  'created',
  'amended',
  'scrubbed',
  'submitted',
  'acknowledged',
  'status-answered',
  'adjudicated',
  'appealed',
  'appeal-decided',
  'corrected',
  'voided',
  'closed',
];
const ackOrder = (e: ClaimEvent): number => (e.type === 'acknowledged' ? (e.source === '999' ? 0 : 1) : 0);

/** Events in time order; at the same instant, in the order a claim's life goes (a 999 before its 277CA). */
export function inLifeOrder(events: readonly ClaimEvent[]): ClaimEvent[] {
  return events
    .map((event, index) => ({ event, index, at: Date.parse(event.at) }))
    .sort(
      (a, b) =>
        a.at - b.at ||
        lifeOrder.indexOf(a.event.type) - lifeOrder.indexOf(b.event.type) ||
        ackOrder(a.event) - ackOrder(b.event) ||
        a.index - b.index,
    )
    .map(({ event }) => event);
}

/** The claim's timeline; see the module comment. */
export async function getClaimTimeline(
  deps: { readonly store: Store; readonly executions: ExecutionReader },
  request: GetClaimTimelineRequest,
  call: RecordsCall,
): Promise<GetClaimTimelineResponse> {
  const record = await deps.store.claims.get(request.claimId);
  if (!record) throw new RecordNotFoundError('claim', 'claimId');
  const { claim, timeline } = record;
  const lifecycleArn = deps.executions.lifecycleArn(claim.claimId);
  const recorded = new Map<string, number>();
  for (const event of timeline) if (event.executionId) recorded.set(event.executionId, (recorded.get(event.executionId) ?? 0) + 1);
  // Lifecycle ARNs are derived from claim ids: one that never ran answers null and is left out.
  const family = new Map<string, string>([[lifecycleArn, claim.claimId]]);
  const related = [
    ...timeline.flatMap((e) => (e.type === 'corrected' && e.replacementClaimId ? [e.replacementClaimId] : [])),
    nextClaimId(claim.claimId, { priority: 'secondary' }),
    nextClaimId(claim.claimId, { priority: 'tertiary' }),
  ];
  for (const claimId of related)
    if (!family.has(deps.executions.lifecycleArn(claimId))) family.set(deps.executions.lifecycleArn(claimId), claimId);
  const arns = [...new Set([...family.keys(), ...recorded.keys()])];
  const described = await Promise.all(arns.map(async (arn) => [arn, await deps.executions.describe(arn)] as const));
  const executions: TimelineExecution[] = [];
  for (const [arn, found] of described) {
    const eventsRecorded = recorded.get(arn) ?? 0;
    if (!found && eventsRecorded === 0) continue;
    const claimId = family.get(arn);
    executions.push(
      found
        ? {
            executionArn: arn,
            name: found.name,
            ...(claimId ? { claimId } : {}),
            status: found.status,
            ...(found.startedAt ? { startedAt: found.startedAt } : {}),
            ...(found.stoppedAt ? { stoppedAt: found.stoppedAt } : {}),
            ...(found.error ? { error: found.error } : {}),
            eventsRecorded,
          }
        : {
            executionArn: arn,
            name: arn.split(':').at(-1)!.slice(0, 80),
            ...(claimId ? { claimId } : {}),
            status: 'UNKNOWN',
            eventsRecorded,
          },
    );
  }
  executions.sort((a, b) =>
    a.executionArn === lifecycleArn ? -1 : b.executionArn === lifecycleArn ? 1 : (a.startedAt ?? '').localeCompare(b.startedAt ?? ''),
  );
  call.recordAccess({
    patientId: claim.patientId,
    record: 'claim',
    recordId: claim.claimId,
    action: 'read',
    fields: ['status', 'timeline'],
  });
  return { claimId: claim.claimId, status: claim.status, events: inLifeOrder(timeline), executions };
}

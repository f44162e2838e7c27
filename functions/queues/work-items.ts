/**
 * The work queues' use-cases: raise an item (idempotently), list and read them, let a person decide,
 * and let a workflow wait for that decision. A decision on an item a workflow waits on resumes the
 * workflow with the action and its payload (never the free-text reason).
 */
import { InputValidationError, RecordNotFoundError } from '#functions/errors/index.ts';
import type { OpenOutcome, Store, WorkItemPage } from '#functions/store/index.ts';
import type { ResumeTask } from '#functions/task-tokens/resume.ts';
import { holdItemFor, type HoldRequest } from './claim-holds.ts';
import {
  listWorkItemsRequest,
  type ListWorkItemsRequest,
  type OpenWorkItemRequest,
  type ResolveWorkItemRequest,
  type WorkAction,
  type WorkItem,
  type WorkQueue,
} from '#schemas/work-item.ts';

/** What a waiting workflow gets back when a person decides. */
export interface WorkDecision {
  workItemId: string;
  action: WorkAction;
  decidedBy: string;
  payload: Record<string, unknown>;
}

export type ResumeWithDecision = ResumeTask<WorkDecision>;

const decisionOf = (item: WorkItem): WorkDecision => {
  const resolution = item.resolution!;
  return { workItemId: item.workItemId, action: resolution.action, decidedBy: resolution.decidedBy, payload: resolution.payload ?? {} };
};

/** Raises an item; raising the same id again (a retry, a redelivered file) returns the first one. */
export async function openWorkItem(store: Store, request: OpenWorkItemRequest, now: Date): Promise<OpenOutcome> {
  return store.workItems.open({ ...request, status: 'open', awaited: false, createdAt: now.toISOString() });
}

/** A page of a queue. */
export async function listWorkItems(store: Store, request: ListWorkItemsRequest): Promise<WorkItemPage> {
  const query = listWorkItemsRequest.parse(request);
  return store.workItems.list({
    queue: query.queue,
    status: query.status,
    limit: query.limit,
    ...(query.payerId ? { payerId: query.payerId } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.dueBy ? { dueBy: query.dueBy } : {}),
    ...(query.nextToken ? { nextToken: query.nextToken } : {}),
  });
}

/** One item, or a not-found error naming its id. */
export async function getWorkItem(store: Store, workItemId: string): Promise<WorkItem> {
  const item = await store.workItems.get(workItemId);
  if (!item) throw new RecordNotFoundError('work item', 'workItemId');
  return item;
}

/** Outcome of a decision: the item as decided, and whether a waiting workflow was resumed now. */
export interface ResolveResult {
  item: WorkItem;
  status: 'resolved' | 'already-resolved';
  resumedWorkflow: boolean;
}

/**
 * Records a person's decision on an open item, once. The action must be one the item offers; a second
 * decision on the same item changes nothing and says so.
 */
export async function resolveWorkItem(
  store: Store,
  resume: ResumeWithDecision,
  request: ResolveWorkItemRequest,
  now: Date,
): Promise<ResolveResult> {
  const item = await getWorkItem(store, request.workItemId);
  if (item.status === 'open' && !item.actions.includes(request.action)) {
    throw new InputValidationError([{ path: 'action', message: `must be one of ${item.actions.join(', ')} for this item` }]);
  }
  const outcome = await store.workItems.resolve(request.workItemId, {
    action: request.action,
    reason: request.reason,
    decidedBy: request.decidedBy,
    decidedAt: now.toISOString(),
    ...(request.payload ? { payload: request.payload } : {}),
  });
  if (outcome.status === 'already-resolved') return { item: outcome.item, status: 'already-resolved', resumedWorkflow: false };
  if (outcome.taskToken) await resume(outcome.taskToken, decisionOf(outcome.item));
  return { item: outcome.item, status: 'resolved', resumedWorkflow: Boolean(outcome.taskToken) };
}

/** Parks the token on an item, or resumes at once with the decision if the item was decided first. */
async function awaitItem(
  store: Store,
  resume: ResumeWithDecision,
  item: WorkItem,
  taskToken: string,
): Promise<{ workItemId: string; resumedNow: boolean }> {
  if (item.status === 'resolved') {
    await resume(taskToken, decisionOf(item));
    return { workItemId: item.workItemId, resumedNow: true };
  }
  const attached = await store.workItems.attachToken(item.workItemId, taskToken);
  if (attached.status === 'already-resolved') {
    await resume(taskToken, decisionOf(attached.item));
    return { workItemId: item.workItemId, resumedNow: true };
  }
  return { workItemId: item.workItemId, resumedNow: false };
}

/**
 * A workflow waits for the decision on the claim's open item in a queue, or on one item by its id: its
 * token is parked on the item. If the item was decided before the workflow got here, the workflow is
 * resumed at once. With `hold`, the workflow first raises the hold item itself (idempotently: a retried
 * step finds it).
 */
export async function awaitWorkItem(
  store: Store,
  resume: ResumeWithDecision,
  request: {
    claimId?: string | undefined;
    workItemId?: string | undefined;
    queue: WorkQueue;
    taskToken: string;
    hold?: HoldRequest | undefined;
  },
  now: Date = new Date(),
): Promise<{ workItemId: string; resumedNow: boolean }> {
  if ((request.claimId === undefined) === (request.workItemId === undefined))
    throw new InputValidationError([{ path: 'claimId', message: 'give exactly one of claimId and workItemId' }]);
  if (request.workItemId !== undefined) {
    if (request.hold) throw new InputValidationError([{ path: 'hold', message: 'a hold is raised for a claim, not for a work item id' }]);
    const item = await getWorkItem(store, request.workItemId);
    if (item.queue !== request.queue) throw new InputValidationError([{ path: 'queue', message: `the item is in another queue` }]);
    return awaitItem(store, resume, item, request.taskToken);
  }
  const claimId = request.claimId!;
  if (request.hold) {
    if (request.queue !== 'holds') throw new InputValidationError([{ path: 'queue', message: 'must be holds when a hold is raised' }]);
    const stored = await store.claims.get(claimId);
    if (!stored) throw new RecordNotFoundError('claim', 'claimId');
    const payer = await store.reference.getPayerProfile(stored.claim.payerId);
    const opened = await openWorkItem(store, holdItemFor(stored.claim, payer, request.hold), now);
    return awaitItem(store, resume, opened.item, request.taskToken);
  }
  const item = currentItem(await store.workItems.forClaim(claimId, request.queue));
  if (!item) throw new RecordNotFoundError(`${request.queue} work item of claim`, 'claimId');
  if (request.queue === 'denials' && item.status === 'open') {
    const decided = await applySmallBalanceRule(store, item, now);
    if (decided) return awaitItem(store, resume, decided, request.taskToken);
  }
  return awaitItem(store, resume, item, request.taskToken);
}

/** Who decides when the small-balance rule does: recorded on the item like a person's name. */
export const SMALL_BALANCE_RULE = 'policy:small-balance';

/**
 * The payer's small-balance policy decides a small denial before anyone is asked: written off, with the
 * rule recorded as the decider. Returns the item as decided, or undefined when the rule does not apply.
 */
async function applySmallBalanceRule(store: Store, item: WorkItem, now: Date): Promise<WorkItem | undefined> {
  if (!item.payerId || item.amountCents <= 0 || !item.actions.includes('write-off')) return undefined;
  const limit = (await store.reference.getPayerProfile(item.payerId))?.smallBalanceWriteOffCents;
  if (limit === undefined || item.amountCents > limit) return undefined;
  const outcome = await store.workItems.resolve(item.workItemId, {
    action: 'write-off',
    reason: `small balance: at most ${limit} cents, written off by the payer's small-balance policy`,
    decidedBy: SMALL_BALANCE_RULE,
    decidedAt: now.toISOString(),
  });
  return outcome.item;
}

/**
 * The item a workflow waits on among a claim's items in one queue: the newest open one; with none open,
 * the one decided last (decided before the workflow got there). A claim gathers items over its life (a
 * denial, then an upheld appeal's denial; a first and a second level appeal), and an older decision
 * must never answer a newer wait.
 */
export function currentItem(items: readonly WorkItem[]): WorkItem | undefined {
  const newest = (a: WorkItem, b: WorkItem, at: (i: WorkItem) => string) => (at(b) > at(a) ? b : a);
  const open = items.filter((i) => i.status === 'open');
  if (open.length) return open.reduce((a, b) => newest(a, b, (i) => i.createdAt));
  const decided = items.filter((i) => i.resolution);
  return decided.length ? decided.reduce((a, b) => newest(a, b, (i) => i.resolution!.decidedAt)) : items[0];
}

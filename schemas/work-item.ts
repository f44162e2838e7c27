/**
 * Work items: what a person must look at or decide, in queues ordered by deadline, then by amount
 * (largest first). A workflow that needs the decision parks its task token on the item; resolving the
 * item resumes it. Every field is PHI-free: ids, codes, cents, dates, file keys and positions.
 */
import { z } from 'zod';
import { cents, entityId, isoDate, isoDateTime } from './common.ts';
import { WORK_ACTIONS, WORK_QUEUES } from './work-item-names.ts';

export type { WorkAction, WorkQueue } from './work-item-names.ts';

/** The queues, one access pattern each (names in work-item-names.ts, which the CLI loads without zod). */
export const workQueue = z.enum(WORK_QUEUES);

/** What a person may decide. Each item lists the ones that apply to it. */
export const workAction = z.enum(WORK_ACTIONS);

/** A short code-like detail value: codes, ids, counts; never free text from a payer or patient. */
const detailValue = z.union([z.string().max(200), z.number(), z.boolean(), z.array(z.string().max(50)).max(50)]);

export const workItemResolution = z.object({
  action: workAction,
  /** Why; required, so the audit trail says it. PHI-free by contract (a reason, not a record). */
  reason: z.string().min(3).max(500),
  /** Who decided (user or service principal), from the caller's identity. */
  decidedBy: z.string().min(1).max(128),
  decidedAt: isoDateTime,
  /** What the action needs (e.g. the corrected claim id, a write-off reason code). */
  payload: z.record(z.string(), detailValue).optional(),
});
export type WorkItemResolution = z.infer<typeof workItemResolution>;

export const workItemSchema = z.object({
  workItemId: entityId,
  queue: workQueue,
  /** The kind within the queue, e.g. `scrub-edits`, `eligibility`, `correctable`, `appealable`. */
  kind: z.string().min(1).max(50),
  status: z.enum(['open', 'resolved']),
  claimId: entityId.optional(),
  payerId: entityId.optional(),
  /** The amount at stake (held denial, unmatched payment...), in cents. */
  amountCents: cents,
  /** Last day to act (appeal or correction deadline); items without one sort after all that have one. */
  deadline: isoDate.optional(),
  /** One line for the queue, made of codes and ids (e.g. "CO-50 medical necessity: appeal by 2026-12-30"). */
  summary: z.string().min(1).max(300),
  details: z.record(z.string(), detailValue),
  actions: z.array(workAction).min(1),
  createdAt: isoDateTime,
  /** The workflow execution or function that raised it. */
  raisedBy: z.string().min(1).max(256),
  /** Whether a workflow waits on this item (its token is kept in the store, never returned). */
  awaited: z.boolean(),
  resolution: workItemResolution.optional(),
});
export type WorkItem = z.infer<typeof workItemSchema>;

/** What raises an item; the id makes raising it again (a retry, a redelivered file) a no-op. */
export const openWorkItemRequest = workItemSchema.pick({
  workItemId: true,
  queue: true,
  kind: true,
  claimId: true,
  payerId: true,
  amountCents: true,
  deadline: true,
  summary: true,
  details: true,
  actions: true,
  raisedBy: true,
});
export type OpenWorkItemRequest = z.infer<typeof openWorkItemRequest>;

export const listWorkItemsRequest = z.object({
  queue: workQueue,
  status: z.enum(['open', 'resolved']).default('open'),
  payerId: entityId.optional(),
  kind: z.string().max(50).optional(),
  /** Only items due on or before this date. */
  dueBy: isoDate.optional(),
  limit: z.number().int().min(1).max(200).default(50),
  nextToken: z.string().max(1024).optional(),
});
export type ListWorkItemsRequest = z.input<typeof listWorkItemsRequest>;

export const getWorkItemRequest = z.object({ workItemId: entityId });

export const resolveWorkItemRequest = z.object({
  workItemId: entityId,
  action: workAction,
  reason: z.string().min(3).max(500),
  payload: z.record(z.string(), detailValue).optional(),
  /** Who decides (a user or service principal): recorded with the decision. */
  decidedBy: z.string().min(1).max(128),
});
export type ResolveWorkItemRequest = z.infer<typeof resolveWorkItemRequest>;

/**
 * A workflow's wait for the person's decision on an item in a queue: the claim's open item (`claimId`),
 * or one item the workflow raised itself (`workItemId`, e.g. a failed posting); exactly one of the two.
 */
export const awaitWorkItemRequest = z.object({
  claimId: entityId.optional(),
  workItemId: entityId.optional(),
  queue: workQueue,
  taskToken: z.string().min(1).max(1024),
  /** The workflow raises the hold itself (queue `holds`): which kind, from which execution, which time. */
  hold: z
    .object({
      kind: z.enum(['eligibility', 'authorization', 'scrub-edits']),
      executionId: z.string().min(1).max(2048),
      attempt: z.number().int().min(0).max(100),
    })
    .optional(),
});

/** `ListClaims` and `GetClaimTimeline`: reading claims as billing staff do (Lambda APIs, issue 13). */
import { z } from 'zod';
import { apiRequestBase } from './api.ts';
import { claimEventSchema } from './claim-event.ts';
import { claimStatus } from './claim.ts';
import { claimType, entityId, executionArn, isoDate, isoDateTime, nonNegativeCents } from './common.ts';

/** Statuses `ListClaims` can list: the claims that still need work (closed, voided and corrected ones are not indexed). */
export const listableClaimStatus = claimStatus.exclude(['closed', 'voided', 'corrected']);

export const listClaimsRequest = apiRequestBase.extend({
  /** Omitted: every listable status, in the order of `listableClaimStatus`. */
  status: listableClaimStatus.optional(),
  payerId: entityId.optional(),
  /** Age in whole days since the earliest date of service, or since first submission. */
  age: z
    .object({
      since: z.enum(['service', 'submission']),
      minDays: z.number().int().min(0).max(36_500).optional(),
      maxDays: z.number().int().min(0).max(36_500).optional(),
    })
    .refine((a) => a.minDays === undefined || a.maxDays === undefined || a.minDays <= a.maxDays, {
      message: 'minDays is more than maxDays',
      path: ['minDays'],
    })
    .optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** The `nextToken` of the previous page of the same query. */
  nextToken: z.string().min(1).max(2048).optional(),
});
export type ListClaimsRequest = z.infer<typeof listClaimsRequest>;

export const claimSummarySchema = z.object({
  claimId: entityId,
  patientId: entityId,
  accountId: entityId,
  payerId: entityId,
  status: claimStatus,
  claimType,
  totalChargeCents: nonNegativeCents,
  firstServiceDate: isoDate,
  daysSinceService: z.number().int(),
  submittedAt: isoDateTime.optional(),
  daysSinceSubmission: z.number().int().optional(),
});
export type ClaimSummary = z.infer<typeof claimSummarySchema>;

export const listClaimsResponse = z.object({
  claims: z.array(claimSummarySchema),
  /** Present when there may be more: pass it back with the same filters. */
  nextToken: z.string().optional(),
});
export type ListClaimsResponse = z.infer<typeof listClaimsResponse>;

export const getClaimTimelineRequest = apiRequestBase.extend({ claimId: entityId });
export type GetClaimTimelineRequest = z.infer<typeof getClaimTimelineRequest>;

/** A workflow execution that ran for the claim or recorded one of its events. */
export const timelineExecutionSchema = z.object({
  executionArn,
  name: z.string().min(1).max(80),
  /** For a ClaimLifecycle execution: the claim it runs for (this claim, a replacement of it, or the claim billing its next coverage). */
  claimId: entityId.optional(),
  /** Step Functions' status; `UNKNOWN` when an event names an execution Step Functions no longer has. */
  status: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE', 'UNKNOWN']),
  startedAt: isoDateTime.optional(),
  stoppedAt: isoDateTime.optional(),
  /** The workflow error a failed execution ended with (a catalog name, e.g. `Claim.Denied`). */
  error: z.string().max(256).optional(),
  /** How many of the claim's events this execution recorded. */
  eventsRecorded: z.number().int().min(0),
});
export type TimelineExecution = z.infer<typeof timelineExecutionSchema>;

export const getClaimTimelineResponse = z.object({
  claimId: entityId,
  status: claimStatus,
  /** In the order they happened. */
  events: z.array(claimEventSchema),
  /**
   * The claim's ClaimLifecycle execution first, then the others by start time: those that recorded its
   * events, and the lifecycles of the claims it led to (a replacement, the next coverage's claim).
   */
  executions: z.array(timelineExecutionSchema),
});
export type GetClaimTimelineResponse = z.infer<typeof getClaimTimelineResponse>;

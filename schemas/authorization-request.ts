/**
 * What the `AuthorizationRequest` workflow (and its `SendAuthorizationRequest` task) is given and
 * returns. Ids, codes, units and dates only: no PHI.
 */
import { z } from 'zod';
import { entityId, executionArn, isoDate } from './common.ts';
import { procedureCode } from './codes.ts';
import { authorizationStatus } from './authorization.ts';
import { apiRequestBase } from './api.ts';

/** The fields of a request, shared by the workflow's task and the `RequestAuthorization` API. */
const requestFields = {
  /**
   * Chosen by the caller, and our trace number in the 278 (TRN02): letters, digits, `.`, `_`, `-`.
   * Asking again with the same id follows up on the same request; a decided one is not asked again.
   */
  authorizationId: z.string().regex(/^[A-Za-z0-9._-]{1,50}$/, 'authorization id: 1-50 letters, digits, . _ -'),
  patientId: entityId,
  coverageId: entityId,
  /** The provider asking (2010B requester). */
  providerId: entityId,
  services: z
    .array(z.object({ procedureCode, units: z.number().positive().max(10_000) }))
    .min(1)
    .max(50),
  /** ICD-10-CM codes without the dot, principal first. */
  diagnosisCodes: z
    .array(z.string().regex(/^[A-Z0-9]{3,7}$/))
    .max(12)
    .optional(),
  /** UM03 service type (default `1`, medical care). */
  serviceTypeCode: z
    .string()
    .regex(/^[0-9A-Z]{1,2}$/)
    .optional(),
  /** Place of service (CMS two-digit code). */
  placeOfService: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  validFrom: isoDate,
  validThrough: isoDate,
  encounterIds: z.array(entityId).max(100).optional(),
};

const spanInOrder = { message: 'the span ends before it starts', path: ['validThrough'] };

export const authorizationRequestSchema = z
  .object({
    ...requestFields,
    /** How many times the payer was already asked about this request (the workflow's follow-ups). */
    followUp: z.number().int().min(0).max(100).optional(),
    /** Follow-ups on a pend before a person is asked to call the payer (default 3). */
    maxFollowUps: z.number().int().min(0).max(20).optional(),
    /** The execution that asks, named on the work items it raises. */
    executionId: executionArn.optional(),
  })
  .refine((r) => r.validThrough >= r.validFrom, spanInOrder);
export type AuthorizationRequest = z.infer<typeof authorizationRequestSchema>;

export const authorizationDecisionSchema = z.object({
  authorizationId: z.string().min(1).max(50),
  patientId: entityId,
  payerId: entityId,
  status: authorizationStatus,
  /** The payer's answer as a word (`rejected`: the request itself was refused, see `rejections`). */
  outcome: z.enum(['approved', 'partially-approved', 'pended', 'denied', 'cancelled', 'rejected', 'unknown', 'already-decided']),
  authorizationNumber: z.string().optional(),
  approvedUnits: z.number().optional(),
  validFrom: isoDate,
  validThrough: isoDate,
  reasonCode: z.string().optional(),
  rejections: z.array(z.object({ level: z.string(), code: z.string(), retryable: z.boolean() })),
  /** The follow-ups made so far, this one included: pass it back as `followUp` after the wait. */
  followUp: z.number().int().min(0),
  /** True when the payer pended and another follow-up is due after the workflow's wait. */
  followUpDue: z.boolean(),
  /** The work item raised for a person (denied, partially approved, rejected, still pended). */
  workItemId: z.string().optional(),
});
export type AuthorizationDecision = z.infer<typeof authorizationDecisionSchema>;

/** The daily sweep over live authorizations (a scheduled event: its fields are ignored). */
export const sweepAuthorizationsRequest = z.object({
  /** Warn this many days before an approved authorization ends (default 14). */
  expiringWithinDays: z.number().int().min(1).max(120).optional(),
});
export type SweepAuthorizationsRequest = z.infer<typeof sweepAuthorizationsRequest>;

/** `RequestAuthorization` (Lambda API): start the AuthorizationRequest workflow for one request, once per authorizationId. */
export const requestAuthorizationRequest = apiRequestBase.extend(requestFields).refine((r) => r.validThrough >= r.validFrom, spanInOrder);
export type RequestAuthorizationRequest = z.infer<typeof requestAuthorizationRequest>;

export const requestAuthorizationResponse = z.object({
  authorizationId: z.string(),
  /** `already-started`: a request with this id was made before; follow its execution. */
  status: z.enum(['started', 'already-started']),
  executionArn: z.string(),
});
export type RequestAuthorizationResponse = z.infer<typeof requestAuthorizationResponse>;

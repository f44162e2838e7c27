/** What other services and workflows send to the payer tasks (eligibility, submission, status). Ids only: no PHI. */
import { z } from 'zod';
import { entityId, executionArn, isoDate } from './common.ts';

const eligibilityByCoverage = z.object({
  patientId: entityId,
  coverageId: entityId,
  /** The provider asking (the 270's information receiver), usually the billing provider. */
  providerId: entityId,
  /** X12 service type codes (EQ01); default 30, health benefit plan coverage. */
  serviceTypeCodes: z
    .array(z.string().regex(/^[0-9A-Z]{1,2}$/))
    .min(1)
    .max(99)
    .optional(),
  /** The planned date of service; default today. */
  asOfDate: isoDate.optional(),
  /** Echoed by the payer (TRN02); default one made from the interchange control number. */
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,50}$/)
    .optional(),
  /**
   * A stored answer for the same coverage, date of service and service types checked within this many
   * hours is reused instead of asking the payer again; 0 always asks. Default: the deployment's window
   * (`ELIGIBILITY_REUSE_HOURS`, else 24).
   */
  reuseWithinHours: z.number().int().min(0).max(720).optional(),
});

/** For a claim: its patient, coverage and billing provider, on its first date of service. */
const eligibilityByClaim = z.object({
  claimId: entityId,
  serviceTypeCodes: eligibilityByCoverage.shape.serviceTypeCodes,
  requestId: eligibilityByCoverage.shape.requestId,
  reuseWithinHours: eligibilityByCoverage.shape.reuseWithinHours,
});

export const eligibilityCheckRequestSchema = z.union([eligibilityByCoverage, eligibilityByClaim]);
export type EligibilityCheckRequest = z.infer<typeof eligibilityCheckRequestSchema>;

export const claimSubmissionRequestSchema = z.object({
  /** Chosen by the caller; submitting the same batch again is safe and returns the same receipt. */
  batchId: z.string().regex(/^[A-Za-z0-9._-]{1,50}$/, 'batch id: 1-50 letters, digits, . _ -'),
  payerId: entityId,
  claimIds: z
    .array(entityId)
    .min(1)
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, 'claim ids must be distinct'),
  /** The execution that submits, recorded on each claim's `submitted` event. */
  executionId: executionArn.optional(),
});
export type ClaimSubmissionRequest = z.infer<typeof claimSubmissionRequestSchema>;

/** `executionId`: the execution that asks, recorded on the claim's `status-answered` event. */
export const claimStatusRequestSchema = z.object({ claimId: entityId, executionId: executionArn.optional() });
export type ClaimStatusRequest = z.infer<typeof claimStatusRequestSchema>;

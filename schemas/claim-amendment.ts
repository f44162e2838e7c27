/**
 * A person's fix of a claim before it goes back to the payer (AmendClaim), and the workflow step that
 * makes the fixed claim a replacement or a resubmission (PrepareResubmission). The amendment names
 * fields by path in the claim's timeline, never their values.
 */
import { z } from 'zod';
import { claimFrequencyCode, claimStatus } from './claim.ts';
import { diagnosisPointer, diagnosisSchema, procedureCode, procedureModifier } from './codes.ts';
import { entityId, executionArn, isoDate, nonNegativeCents } from './common.ts';

/** What may change on one service line, found by its line number. */
export const lineChangeSchema = z
  .object({
    lineNumber: z.number().int().min(1).max(999),
    procedureCode: procedureCode.optional(),
    modifiers: z.array(procedureModifier).max(4).optional(),
    units: z.number().positive().max(99_999).optional(),
    diagnosisPointers: z.array(diagnosisPointer).min(1).max(4).optional(),
    chargeCents: nonNegativeCents.optional(),
    /** A date of service keyed wrong (the payer's 277CA A7:187 rejects one in the future). */
    serviceDateFrom: isoDate.optional(),
    serviceDateTo: isoDate.optional(),
  })
  .strict();
export type LineChange = z.infer<typeof lineChangeSchema>;

/** The fields a person may correct; at least one must be given. */
export const claimChangesSchema = z
  .object({
    diagnoses: z.array(diagnosisSchema).min(1).max(12).optional(),
    lines: z.array(lineChangeSchema).min(1).max(50).optional(),
    renderingProviderId: entityId.optional(),
  })
  .strict()
  .refine((c) => c.diagnoses !== undefined || c.lines !== undefined || c.renderingProviderId !== undefined, {
    message: 'name at least one change',
  });
export type ClaimChanges = z.infer<typeof claimChangesSchema>;

export const amendClaimRequest = z.object({
  claimId: entityId,
  /** Who amends (a user or service principal): recorded on the claim's timeline. */
  amendedBy: z.string().min(1).max(128),
  /** Why; PHI-free by contract (a reason, not a record), like a work item's decision. */
  reason: z.string().min(3).max(500),
  changes: claimChangesSchema,
});
export type AmendClaimRequest = z.infer<typeof amendClaimRequest>;

export const amendClaimResult = z.object({
  claimId: entityId,
  /** Field paths that changed (e.g. `diagnoses`, `lines[1].modifiers`); empty when the claim already said this. */
  changed: z.array(z.string()),
  status: claimStatus,
  totalChargeCents: nonNegativeCents,
});
export type AmendClaimResult = z.infer<typeof amendClaimResult>;

export const prepareResubmissionRequest = z.object({
  claimId: entityId,
  /** The denials or rejections item a person resolved with `correct` or `resubmit`. */
  workItemId: entityId,
  /** The execution that sends the claim back, recorded on its `corrected` event. */
  executionId: executionArn.optional(),
});
export type PrepareResubmissionRequest = z.infer<typeof prepareResubmissionRequest>;

export const prepareResubmissionResult = z.object({
  claimId: entityId,
  /** 7: a replacement of an adjudicated claim (REF*F8 names the payer's number); 1: never adjudicated, sent again. */
  frequencyCode: claimFrequencyCode,
  /** How many times this claim was sent back (1 the first time). */
  resubmission: z.number().int().min(1),
});
export type PrepareResubmissionResult = z.infer<typeof prepareResubmissionResult>;

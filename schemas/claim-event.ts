/** The events that move a claim through its life; the claim's timeline is the list of these. */
import { z } from 'zod';
import { cents, entityId, executionArn, isoDateTime } from './common.ts';
import { claimFrequencyCode } from './claim.ts';
import { remittanceClaimStatus } from './remittance.ts';

const base = {
  eventId: entityId,
  claimId: entityId,
  at: isoDateTime,
  /** The workflow execution whose step recorded the event; absent when a person's API call or a file's intake did. */
  executionId: executionArn.optional(),
};

export const claimEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('created') }),
  z.object({ ...base, type: z.literal('scrubbed'), errorCount: z.number().int().min(0), warningCount: z.number().int().min(0) }),
  z.object({ ...base, type: z.literal('submitted'), interchangeControlNumber: z.string().regex(/^\d{9}$/) }),
  z.object({
    ...base,
    type: z.literal('acknowledged'),
    source: z.enum(['999', '277CA']),
    accepted: z.boolean(),
    /** 277CA STC01 category code or 999 IK5 code, when present. */
    statusCode: z.string().max(10).optional(),
  }),
  z.object({
    ...base,
    type: z.literal('adjudicated'),
    remittanceId: entityId,
    payerClaimControlNumber: z.string().min(1).max(50),
    claimStatusCode: remittanceClaimStatus,
    paidCents: cents,
    patientResponsibilityCents: cents,
    /** Service lines paid at zero; some denied lines on a paid claim make it partially paid. */
    deniedLineCount: z.number().int().min(0),
  }),
  z.object({
    ...base,
    type: z.literal('status-answered'),
    /** The 276 that asked (its interchange control number). */
    interchangeControlNumber: z.string().regex(/^\d{9}$/),
    /** Whether the payer's 277 names the claim at all. */
    found: z.boolean(),
    /** The phase of its first status category: acknowledged, pending, finalized, rejected... */
    phase: z.string().max(30).optional(),
    /** STC category:status codes, in order (e.g. `A1:20`, `F1:65`). */
    statusCodes: z.array(z.string().max(20)).max(20),
    paidCents: cents.optional(),
  }),
  z.object({ ...base, type: z.literal('appealed'), appealId: entityId, level: z.number().int().min(1).max(5) }),
  z.object({ ...base, type: z.literal('appeal-decided'), appealId: entityId, outcome: z.enum(['won', 'lost']), recoveredCents: cents }),
  z.object({
    ...base,
    type: z.literal('corrected'),
    /** Another claim that replaces this one; absent when the claim itself goes back to the payer (same id, same workflow). */
    replacementClaimId: entityId.optional(),
    /** The denials or rejections item whose decision sent it back. */
    workItemId: entityId.optional(),
    /** The frequency it goes back with: 7 a replacement, 1 sent again. */
    frequencyCode: claimFrequencyCode.optional(),
  }),
  z.object({
    ...base,
    type: z.literal('amended'),
    /** Field paths that changed (e.g. `lines[2].modifiers`), never their values. */
    changed: z.array(z.string().max(100)).min(1).max(200),
    /** Who amended (user or service principal). */
    amendedBy: z.string().min(1).max(128),
    /** Why; PHI-free by contract. */
    reason: z.string().min(3).max(500),
  }),
  z.object({ ...base, type: z.literal('voided') }),
  z.object({ ...base, type: z.literal('closed'), reason: z.enum(['paid-in-full', 'written-off', 'transferred-to-patient', 'other']) }),
]);
export type ClaimEvent = z.infer<typeof claimEventSchema>;
export type ClaimEventType = ClaimEvent['type'];

/**
 * An appeal packet: what a person approves and what goes to the payer. The packet holds PHI (the
 * patient's name, date of birth and member id are what a payer files an appeal under): it is stored
 * only in the encrypted Reports bucket and handed to the payer gateway, never logged and never put on a
 * work item. The handler contracts of the appeal functions are here too; those carry ids only.
 */
import { z } from 'zod';
import { appealStatus } from './appeal.ts';
import { cents, claimType, entityId, executionArn, isoDate, isoDateTime } from './common.ts';

/** The kinds of evidence an appeal carries; the payer gateway's adapters map them to their own. */
export const appealEvidenceKind = z.enum([
  'authorization-number',
  'medical-records',
  'proof-of-timely-filing',
  'primary-eob',
  'corrected-modifier',
  'remittance-advice',
]);
export type AppealEvidenceKind = z.infer<typeof appealEvidenceKind>;

export const appealEvidenceSchema = z.object({
  kind: appealEvidenceKind,
  /** What the letter lists as enclosed. */
  description: z.string().min(1).max(200),
  /** E.g. the authorization number for `authorization-number`. */
  reference: z.string().min(1).max(50).optional(),
});
export type AppealEvidence = z.infer<typeof appealEvidenceSchema>;

export const appealPacketSchema = z.object({
  packetVersion: z.literal(1),
  appealId: entityId,
  claimId: entityId,
  accountId: entityId,
  payerId: entityId,
  payerName: z.string().min(1).max(60),
  level: z.number().int().min(1).max(5),
  levelName: z.string().min(1).max(60),
  /** Last day the payer accepts this appeal. */
  dueDate: isoDate,
  /** The denial work item the appeal answers. */
  denialWorkItemId: entityId,
  remittanceId: entityId.optional(),
  /** CLP07: the payer's number for the denied claim. */
  payerClaimControlNumber: z.string().min(1).max(50),
  /** CARC (group-code) and RARC codes of the denial, e.g. ["CO-50", "N115"]. */
  reasonCodes: z.array(z.string().max(10)).min(1),
  /** CARC codes only, as held on the claim (e.g. ["CO-50"]). */
  carc: z.array(z.string().max(10)),
  rarc: z.array(z.string().max(10)),
  category: z.string().min(1).max(40),
  disputedCents: cents,
  evidence: z.array(appealEvidenceSchema),
  /** What the packet could not find and a person should add (e.g. no authorization on file). */
  gaps: z.array(z.string().max(200)),
  claim: z.object({
    claimType,
    patientControlNumber: z.string().min(1).max(38),
    totalChargeCents: cents,
    serviceDateFrom: isoDate,
    serviceDateTo: isoDate,
    diagnoses: z.array(z.string().max(10)),
    lines: z.array(
      z.object({
        lineNumber: z.number().int().min(1),
        procedureCode: z.string().max(10).optional(),
        revenueCode: z.string().max(10).optional(),
        modifiers: z.array(z.string().max(2)),
        units: z.number().positive(),
        serviceDateFrom: isoDate,
        chargeCents: cents,
      }),
    ),
  }),
  /** PHI: who the claim is for, as the payer knows the member. */
  patient: z.object({ name: z.string().min(1).max(120), dateOfBirth: isoDate, memberId: z.string().min(1).max(80) }),
  provider: z.object({ name: z.string().min(1).max(120), npi: z.string().regex(/^\d{10}$/) }),
  /** The person's note when they edited the packet (shown in the letter). */
  note: z.string().max(1000).optional(),
  /** Who approved the packet as sent; set when it is submitted. */
  review: z
    .object({
      action: z.enum(['approve', 'edit']),
      decidedBy: z.string().min(1).max(128),
      decidedAt: isoDateTime,
    })
    .optional(),
  draftedAt: isoDateTime,
});
export type AppealPacket = z.infer<typeof appealPacketSchema>;

/** What the payer answered to an appeal (`pending`: filed by mail or portal, the answer comes later as an 835 or a letter). */
export const appealOutcome = z.enum(['overturned', 'partially-overturned', 'upheld', 'not-appealable', 'pending']);
export type AppealOutcome = z.infer<typeof appealOutcome>;

/** `DraftAppeal`: a person chose `appeal` on a denial; draft the packet and put it before a person. */
export const draftAppealRequest = z.object({ claimId: entityId, denialWorkItemId: entityId, executionId: z.string().min(1).max(2048) });
export const draftAppealResult = z.object({
  appealId: entityId,
  workItemId: entityId,
  level: z.number().int().min(1).max(5),
  dueDate: isoDate,
  /** Seconds (on the function's clock) until the wait for approval escalates; at least 60. */
  escalateAfterSeconds: z.number().int().min(60),
  /** Seconds until the due date begins; at least 60. */
  deadlineSeconds: z.number().int().min(60),
});
export type DraftAppealResult = z.infer<typeof draftAppealResult>;

/** `EscalateAppeal`: the approval wait timed out before the deadline. */
export const escalateAppealRequest = z.object({ claimId: entityId, appealId: entityId });
export const escalateAppealResult = z.object({
  appealId: entityId,
  workItemId: entityId,
  remainingSeconds: z.number().int().min(60),
  /** Whether this call marked it (false: already escalated, or decided meanwhile). */
  escalatedNow: z.boolean(),
});

/** `SubmitAppeal`: the person approved (or edited) the packet; send it to the payer. */
/** `executionId`: the execution that files the appeal, recorded on the claim's `appealed` and `appeal-decided` events. */
export const submitAppealRequest = z.object({
  claimId: entityId,
  appealId: entityId,
  workItemId: entityId,
  executionId: executionArn.optional(),
});
export const submitAppealResult = z.object({
  appealId: entityId,
  level: z.number().int().min(1).max(5),
  outcome: appealOutcome,
  /** Upheld with another level the payer offers: the new denials item offers `appeal`. */
  nextLevel: z.boolean(),
  appealStatus,
});
export type SubmitAppealResult = z.infer<typeof submitAppealResult>;

/** A claim as billed to one payer for one coverage, with its service lines. */
import { z } from 'zod';
import { claimType, entityId, isoDate, isoDateTime, nonNegativeCents } from './common.ts';
import { diagnosisPointer, diagnosisSchema, placeOfServiceCode, procedureCode, procedureModifier, revenueCode } from './codes.ts';

/** Where a claim is in its life; moved only by claim events. */
export const claimStatus = z.enum([
  'draft',
  'scrubbed',
  'submitted',
  'accepted',
  'rejected',
  'paid',
  'partially-paid',
  'denied',
  'appealed',
  'corrected',
  'voided',
  'closed',
]);
export type ClaimStatus = z.infer<typeof claimStatus>;

/** CLM05-3 claim frequency: 1 original, 7 replacement (corrected), 8 void. */
export const claimFrequencyCode = z.enum(['1', '7', '8']);
export type ClaimFrequencyCode = z.infer<typeof claimFrequencyCode>;

export const claimLineSchema = z
  .object({
    lineNumber: z.number().int().min(1).max(999),
    procedureCode: procedureCode.optional(),
    modifiers: z.array(procedureModifier).max(4),
    diagnosisPointers: z.array(diagnosisPointer).max(4),
    units: z.number().positive(),
    placeOfService: placeOfServiceCode.optional(),
    serviceDateFrom: isoDate,
    serviceDateTo: isoDate,
    chargeCents: nonNegativeCents,
    revenueCode: revenueCode.optional(),
  })
  .refine((l) => l.serviceDateTo >= l.serviceDateFrom, { message: 'service end precedes start', path: ['serviceDateTo'] });
export type ClaimLine = z.infer<typeof claimLineSchema>;

/** Institutional (837I) claim-level data. */
export const institutionalSchema = z.object({
  /** Type of bill without the leading zero: facility type, bill classification, frequency (e.g. 131). */
  typeOfBill: z.string().regex(/^\d{3}$/, 'type of bill is three digits'),
  statementFrom: isoDate,
  statementThrough: isoDate,
  admissionDate: isoDate.optional(),
  admissionTypeCode: z.string().regex(/^\d$/).optional(),
  /** Patient discharge status, two digits (e.g. 01 home). */
  patientStatusCode: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
});
export type Institutional = z.infer<typeof institutionalSchema>;

export const claimSchema = z.object({
  claimId: entityId,
  accountId: entityId,
  patientId: entityId,
  encounterId: entityId.optional(),
  coverageId: entityId,
  payerId: entityId,
  claimType,
  /** CLM01 / CLP01: our identifier for the claim, echoed in the 835. */
  patientControlNumber: z.string().min(1).max(38),
  frequencyCode: claimFrequencyCode,
  /** For frequency 7 or 8: the payer's claim number of the claim being replaced or voided. */
  originalPayerClaimNumber: z.string().max(50).optional(),
  /** CLP07: the payer's claim control number, once adjudicated. */
  payerClaimControlNumber: z.string().max(50).optional(),
  status: claimStatus,
  billingProviderId: entityId,
  renderingProviderId: entityId.optional(),
  attendingProviderId: entityId.optional(),
  diagnoses: z.array(diagnosisSchema).max(12),
  lines: z.array(claimLineSchema).min(1),
  totalChargeCents: nonNegativeCents,
  /** COB: what the earlier payer(s) paid, for secondary and tertiary claims. */
  priorPayerPaidCents: nonNegativeCents.optional(),
  /**
   * For a secondary or tertiary claim: our claim the earlier payer adjudicated; its 835 postings give
   * the 837's 2320 CAS/AMT and 2430 SVD/CAS loops.
   */
  priorClaimId: entityId.optional(),
  /** Remit date of the adjudication a corrected claim replaces (or, on a secondary claim, of the earlier payer's). */
  priorAdjudicationDate: isoDate.optional(),
  institutional: institutionalSchema.optional(),
  createdAt: isoDateTime,
  submittedAt: isoDateTime.optional(),
});
export type Claim = z.infer<typeof claimSchema>;

/** A patient's insurance coverage, one per payer and priority. */
import { z } from 'zod';
import { coveragePriority, entityId, isoDate } from './common.ts';

/** Patient's relationship to the subscriber (X12 SBR02 / PAT01 values). */
export const subscriberRelationship = z.enum(['self', 'spouse', 'child', 'other']);

export const subscriberSchema = z.object({
  firstName: z.string().min(1).max(35),
  lastName: z.string().min(1).max(60),
  dateOfBirth: isoDate,
  sex: z.enum(['F', 'M', 'U']),
});

export const coverageSchema = z
  .object({
    coverageId: entityId,
    patientId: entityId,
    payerId: entityId,
    memberId: z.string().min(1).max(80),
    groupNumber: z.string().max(50).optional(),
    relationshipToSubscriber: subscriberRelationship,
    /** Required when the patient is not the subscriber. */
    subscriber: subscriberSchema.optional(),
    priority: coveragePriority,
    effectiveDate: isoDate,
    /** Absent while the coverage is open-ended. */
    terminationDate: isoDate.optional(),
  })
  .refine((c) => c.relationshipToSubscriber === 'self' || c.subscriber !== undefined, {
    message: 'subscriber is required when the patient is not the subscriber',
    path: ['subscriber'],
  })
  .refine((c) => c.terminationDate === undefined || c.terminationDate >= c.effectiveDate, {
    message: 'termination date precedes effective date',
    path: ['terminationDate'],
  });
export type Coverage = z.infer<typeof coverageSchema>;

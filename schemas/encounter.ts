/** A visit or stay and the charges captured for it, before they become a claim. */
import { z } from 'zod';
import { entityId, isoDate, nonNegativeCents } from './common.ts';
import { diagnosisPointer, diagnosisSchema, placeOfServiceCode, procedureCode, procedureModifier, revenueCode } from './codes.ts';

export const chargeSchema = z
  .object({
    chargeId: entityId,
    procedureCode,
    modifiers: z.array(procedureModifier).max(4),
    diagnosisPointers: z.array(diagnosisPointer).min(1).max(4),
    /** Service units (may be fractional, e.g. anesthesia time units). */
    units: z.number().positive(),
    placeOfService: placeOfServiceCode,
    serviceDateFrom: isoDate,
    serviceDateTo: isoDate,
    chargeCents: nonNegativeCents,
    /** Institutional (837I) lines carry a revenue code. */
    revenueCode: revenueCode.optional(),
  })
  .refine((c) => c.serviceDateTo >= c.serviceDateFrom, { message: 'service end precedes start', path: ['serviceDateTo'] });
export type Charge = z.infer<typeof chargeSchema>;

export const encounterSchema = z.object({
  encounterId: entityId,
  patientId: entityId,
  accountId: entityId,
  encounterType: z.enum(['professional', 'outpatient', 'inpatient', 'emergency']),
  renderingProviderId: entityId,
  attendingProviderId: entityId.optional(),
  admissionDate: isoDate.optional(),
  dischargeDate: isoDate.optional(),
  diagnoses: z.array(diagnosisSchema).min(1).max(12),
  charges: z.array(chargeSchema).min(1),
});
export type Encounter = z.infer<typeof encounterSchema>;

/** Patient demographics (PHI: never log these fields). */
import { z } from 'zod';
import { entityId, isoDate, postalAddress } from './common.ts';

export const patientSchema = z.object({
  patientId: entityId,
  /** The hospital's medical record number. */
  mrn: z.string().min(1).max(30),
  firstName: z.string().min(1).max(35),
  lastName: z.string().min(1).max(60),
  middleName: z.string().max(25).optional(),
  dateOfBirth: isoDate,
  /** Administrative sex as X12 DMG03 carries it. */
  sex: z.enum(['F', 'M', 'U']),
  address: postalAddress,
  phone: z
    .string()
    .regex(/^\d{10}$/)
    .optional(),
  /** The guarantor account this patient's charges post to. */
  accountId: entityId,
});
export type Patient = z.infer<typeof patientSchema>;

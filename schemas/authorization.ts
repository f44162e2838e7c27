/** A payer's prior authorization for services to one patient. */
import { z } from 'zod';
import { entityId, isoDate } from './common.ts';
import { procedureCode } from './codes.ts';

export const authorizationSchema = z
  .object({
    authorizationId: entityId,
    patientId: entityId,
    payerId: entityId,
    /** The number the payer issued, billed in REF*G1. */
    authorizationNumber: z.string().min(1).max(50),
    status: z.enum(['pending', 'approved', 'denied']),
    procedureCodes: z.array(procedureCode).min(1),
    validFrom: isoDate,
    validThrough: isoDate,
    approvedUnits: z.number().positive().optional(),
  })
  .refine((a) => a.validThrough >= a.validFrom, { message: 'authorization ends before it starts', path: ['validThrough'] });
export type Authorization = z.infer<typeof authorizationSchema>;

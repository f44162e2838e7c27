/** `RegisterPatient`: create or update a patient and their coverages (a Lambda API, issue 13). */
import { z } from 'zod';
import { apiRequestBase } from './api.ts';
import { entityId } from './common.ts';
import { coverageSchema } from './coverage.ts';
import { patientSchema } from './patient.ts';

/**
 * The patient as registered, with every coverage the request sets. `patient.patientId` is the
 * hospital's opaque enterprise patient id, chosen by the caller (the registration system); it is not
 * the MRN (that is `patient.mrn`), so it may appear in logs and errors as the other ids do.
 * Coverages the request does not name stay as they are (claims refer to them); end one with a
 * `terminationDate`. The same request twice changes nothing.
 */
export const registerPatientRequest = apiRequestBase
  .extend({
    patient: patientSchema,
    coverages: z.array(coverageSchema).max(10).default([]),
  })
  .superRefine((request, ctx) => {
    const seen = new Set<string>();
    request.coverages.forEach((coverage, i) => {
      if (coverage.patientId !== request.patient.patientId)
        ctx.addIssue({ code: 'custom', path: ['coverages', i, 'patientId'], message: 'is not patient.patientId' });
      if (seen.has(coverage.coverageId))
        ctx.addIssue({ code: 'custom', path: ['coverages', i, 'coverageId'], message: 'appears twice in the request' });
      seen.add(coverage.coverageId);
    });
  });
export type RegisterPatientRequest = z.infer<typeof registerPatientRequest>;

/** What `RegisterPatient` answers: what it did and which fields changed (names, never values). */
export const registerPatientResponse = z.object({
  patientId: entityId,
  status: z.enum(['created', 'updated', 'unchanged']),
  /** `patient.<field>`, `coverages.<coverageId>` (a new coverage) or `coverages.<coverageId>.<field>`. */
  changed: z.array(z.string().max(140)),
});
export type RegisterPatientResponse = z.infer<typeof registerPatientResponse>;

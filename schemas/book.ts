/**
 * A book of records to put into a stage with `rcm load`: reference data (providers, payer profiles),
 * patients with their coverages, and encounters with their charges. The loader sends each through the
 * stage's Lambda APIs (RegisterProvider, RegisterPayerProfile, RegisterPatient, CaptureEncounter), so a
 * book holds exactly what those requests hold. Two forms: one JSON object (`book`), or JSON Lines, one
 * record a line with its `kind` (`book-line`). A book holds PHI (patients): keep its file as you keep PHI.
 */
import { z } from 'zod';
import { entityId } from './common.ts';
import { coverageSchema } from './coverage.ts';
import { encounterSchema } from './encounter.ts';
import { patientSchema } from './patient.ts';
import { payerProfileSchema } from './payer-profile.ts';
import { providerSchema } from './provider.ts';

/** A patient and the coverages to register with them (RegisterPatient's `patient` and `coverages`). */
export const bookPatient = z.object({ patient: patientSchema, coverages: z.array(coverageSchema).max(10).default([]) });
export type BookPatient = z.infer<typeof bookPatient>;

/** An encounter to capture and the provider that bills it (CaptureEncounter's `encounter` and `billingProviderId`). */
export const bookEncounter = z.object({ encounter: encounterSchema, billingProviderId: entityId });
export type BookEncounter = z.infer<typeof bookEncounter>;

/** A whole book as one JSON object; every part may be left out. */
export const bookSchema = z.object({
  providers: z.array(providerSchema).default([]),
  payerProfiles: z.array(payerProfileSchema).default([]),
  patients: z.array(bookPatient).default([]),
  encounters: z.array(bookEncounter).default([]),
});
export type Book = z.infer<typeof bookSchema>;

/** One line of a JSON Lines book. */
export const bookLineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('provider'), provider: providerSchema }),
  z.object({ kind: z.literal('payerProfile'), payerProfile: payerProfileSchema }),
  bookPatient.extend({ kind: z.literal('patient') }),
  bookEncounter.extend({ kind: z.literal('encounter') }),
]);
export type BookLine = z.infer<typeof bookLineSchema>;

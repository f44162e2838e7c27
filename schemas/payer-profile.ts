/** The rules a payer imposes on claims, corrections and appeals. */
import { z } from 'zod';
import { claimType, entityId, nonNegativeCents } from './common.ts';

export const appealLevelSchema = z.object({
  level: z.number().int().min(1).max(5),
  name: z.string().min(1),
  /** Days from the remittance (or the previous level's decision) to file this level. */
  deadlineDays: z.number().int().positive(),
});

export const payerProfileSchema = z.object({
  payerId: entityId,
  name: z.string().min(1).max(60),
  claimType,
  /** Days from the date of service (837P) or discharge/through date (837I) to file an original claim. */
  timelyFilingDays: z.number().int().positive(),
  /** Days from the remittance date to submit a corrected (frequency 7) or void (8) claim. */
  correctedClaimWindowDays: z.number().int().positive(),
  /** Days from the remittance date to file a first-level appeal. */
  appealDeadlineDays: z.number().int().positive(),
  /** Appeal levels in order; level 1's days should equal appealDeadlineDays. */
  appealLevels: z.array(appealLevelSchema).min(1),
  /** CPT/HCPCS codes for which the payer requires prior authorization. */
  authorizationRequiredCodes: z.array(z.string().regex(/^[0-9A-Z]{5}$/)),
  /**
   * The hospital's small-balance policy for this payer: a denial of at most this many cents, in a
   * category a write-off fits, is written off by the rule instead of waiting for a person. Omitted: none.
   */
  smallBalanceWriteOffCents: nonNegativeCents.optional(),
  /**
   * The payer's fee schedule as far as the hospital knows it: the allowed amount per unit by CPT/HCPCS
   * code, in cents, for patient cost estimates (EstimatePatientCost). Omitted: estimates use the charges.
   */
  allowedAmounts: z.record(z.string().regex(/^[0-9A-Z]{5}$/), nonNegativeCents).optional(),
});
export type PayerProfile = z.infer<typeof payerProfileSchema>;
export type AppealLevel = z.infer<typeof appealLevelSchema>;

/**
 * Building blocks shared by every contract: identifiers, calendar dates and money.
 * Money is always integer cents; dates of service are calendar dates (no time zone).
 */
import { z } from 'zod';

/** A signed amount in integer cents (a refund or reversal may be negative). */
export const cents = z.number().int().describe('Amount in integer cents');

/** A non-negative amount in integer cents. */
export const nonNegativeCents = z.number().int().min(0).describe('Non-negative amount in integer cents');

/** A calendar date, ISO 8601 `YYYY-MM-DD`. */
export const isoDate = z.iso.date().describe('Calendar date YYYY-MM-DD');

/** An instant, ISO 8601 with `Z` offset. */
/** A Step Functions execution's ARN (not PHI): which run of a workflow did something. */
export const executionArn = z.string().min(1).max(2048);

export const isoDateTime = z.iso.datetime().describe('Instant, ISO 8601 UTC');

/** An opaque, non-PHI identifier safe to log (claim id, account id, entry id...). */
export const entityId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'identifier may hold letters, digits and . _ : -');

/** National Provider Identifier: ten digits (check digit validated by the claim scrubber). */
export const npi = z.string().regex(/^\d{10}$/, 'NPI is ten digits');

/** Coverage order for coordination of benefits. */
export const coveragePriority = z.enum(['primary', 'secondary', 'tertiary']);
export type CoveragePriority = z.infer<typeof coveragePriority>;

/** Who owes a part of an account's balance. */
export const responsibility = z.enum(['primary', 'secondary', 'tertiary', 'patient']);
export type Responsibility = z.infer<typeof responsibility>;

/** The X12 claim type a payer accepts. */
export const claimType = z.enum(['837P', '837I']);
export type ClaimType = z.infer<typeof claimType>;

export const postalAddress = z.object({
  line1: z.string().min(1).max(55),
  line2: z.string().max(55).optional(),
  city: z.string().min(1).max(30),
  state: z.string().regex(/^[A-Z]{2}$/, 'two-letter state code'),
  postalCode: z.string().regex(/^\d{5}(\d{4})?$/, 'ZIP or ZIP+4 without dash'),
});
export type PostalAddress = z.infer<typeof postalAddress>;

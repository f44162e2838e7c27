/** A billing, rendering or attending provider. */
import { z } from 'zod';
import { entityId, npi, postalAddress } from './common.ts';

export const providerSchema = z.object({
  providerId: entityId,
  npi,
  /** Health Care Provider Taxonomy code, e.g. 207Q00000X. */
  taxonomyCode: z.string().regex(/^[0-9A-Z]{9}X$/, 'taxonomy code is ten characters ending in X'),
  /** Employer identification number, nine digits without dash (validated by the scrubber). */
  taxId: z.string().regex(/^\d{9}$/, 'tax id is nine digits'),
  organizationName: z.string().max(60).optional(),
  firstName: z.string().max(35).optional(),
  lastName: z.string().max(60).optional(),
  address: postalAddress,
});
export type Provider = z.infer<typeof providerSchema>;

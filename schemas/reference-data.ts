/**
 * The reference-data Lambda APIs (issue 10): the providers who bill and render care, and the hospital's
 * profile of each payer (its filing limits, appeal levels, authorization list). Reference data is not
 * PHI: it names no patient, so these APIs record nothing in the PHI access audit trail; the billing
 * office calls them (consumer `billing-office`, purpose `operations`).
 */
import { z } from 'zod';
import { apiRequestBase } from './api.ts';
import { entityId } from './common.ts';
import { payerProfileSchema } from './payer-profile.ts';
import { providerSchema } from './provider.ts';

/** What a register call did: created, updated (naming the fields that changed) or nothing at all. */
const registration = {
  status: z.enum(['created', 'updated', 'unchanged']),
  /** The top-level fields that changed (names); empty when created or unchanged. */
  changed: z.array(z.string().max(64)),
};

/** `RegisterProvider`: create or replace a provider on file; the same request twice changes nothing. */
export const registerProviderRequest = apiRequestBase.extend({ provider: providerSchema });
export type RegisterProviderRequest = z.infer<typeof registerProviderRequest>;
export const registerProviderResponse = z.object({ providerId: entityId, ...registration });
export type RegisterProviderResponse = z.infer<typeof registerProviderResponse>;

/** `RegisterPayerProfile`: create or replace the hospital's profile of a payer; the same request twice changes nothing. */
export const registerPayerProfileRequest = apiRequestBase.extend({ payerProfile: payerProfileSchema });
export type RegisterPayerProfileRequest = z.infer<typeof registerPayerProfileRequest>;
export const registerPayerProfileResponse = z.object({ payerId: entityId, ...registration });
export type RegisterPayerProfileResponse = z.infer<typeof registerPayerProfileResponse>;

/** `GetProvider`: a provider on file. */
export const getProviderRequest = apiRequestBase.extend({ providerId: entityId });
export type GetProviderRequest = z.infer<typeof getProviderRequest>;
export const getProviderResponse = z.object({ provider: providerSchema });
export type GetProviderResponse = z.infer<typeof getProviderResponse>;

/** `GetPayerProfile`: the hospital's profile of a payer. */
export const getPayerProfileRequest = apiRequestBase.extend({ payerId: entityId });
export type GetPayerProfileRequest = z.infer<typeof getPayerProfileRequest>;
export const getPayerProfileResponse = z.object({ payerProfile: payerProfileSchema });
export type GetPayerProfileResponse = z.infer<typeof getPayerProfileResponse>;

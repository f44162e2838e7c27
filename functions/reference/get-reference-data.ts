/** Reading reference data back: a provider or a payer profile on file, or RecordNotFoundError naming the field. */
import { RecordNotFoundError } from '#functions/errors/index.ts';
import type { Store } from '#functions/store/index.ts';
import type { GetPayerProfileResponse, GetProviderResponse } from '#schemas/reference-data.ts';

/** The provider on file with this id. */
export async function getProvider(store: Store, providerId: string): Promise<GetProviderResponse> {
  const provider = await store.reference.getProvider(providerId);
  if (!provider) throw new RecordNotFoundError('provider', 'providerId');
  return { provider };
}

/** The payer profile on file with this id. */
export async function getPayerProfile(store: Store, payerId: string): Promise<GetPayerProfileResponse> {
  const payerProfile = await store.reference.getPayerProfile(payerId);
  if (!payerProfile) throw new RecordNotFoundError('payer profile', 'payerId');
  return { payerProfile };
}

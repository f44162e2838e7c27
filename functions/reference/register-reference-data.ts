/**
 * Registering reference data: a provider, or the hospital's profile of a payer. Each is created or
 * replaced whole (reference data has no partial updates), and only when it differs from what is on
 * file, so the same request twice writes nothing. Reference data is not PHI: nothing is audited. The
 * checks here are the ones the claims and denials code relies on that the contract alone cannot say.
 */
import { InputValidationError } from '#functions/errors/index.ts';
import { changedFields } from '#functions/records/field-changes.ts';
import type { Store } from '#functions/store/index.ts';
import type { PayerProfile } from '#schemas/payer-profile.ts';
import type { Provider } from '#schemas/provider.ts';
import type { RegisterPayerProfileResponse, RegisterProviderResponse } from '#schemas/reference-data.ts';

type Issue = { path: string; message: string };

/** What `registerProvider` and `registerPayerProfile` need. */
export interface ReferenceDeps {
  readonly store: Store;
}

/** Problems the 837 would meet: a provider must be named, as an organization or as a person. */
export function providerProblems(provider: Provider): Issue[] {
  const issues: Issue[] = [];
  if (!provider.organizationName && !provider.lastName)
    issues.push({ path: 'provider.organizationName', message: 'a provider needs an organizationName, or a lastName for a person' });
  if (provider.organizationName && (provider.firstName || provider.lastName))
    issues.push({ path: 'provider.organizationName', message: 'an organization has no firstName or lastName' });
  return issues;
}

/** Problems the denials and appeals code would meet: appeal levels 1, 2, ... in order, level 1 due when `appealDeadlineDays` says. */
export function payerProfileProblems(profile: PayerProfile): Issue[] {
  const issues: Issue[] = [];
  profile.appealLevels.forEach((level, i) => {
    if (level.level !== i + 1) issues.push({ path: `payerProfile.appealLevels.${i}.level`, message: `must be ${i + 1} (levels in order)` });
  });
  const first = profile.appealLevels[0];
  if (first && first.level === 1 && first.deadlineDays !== profile.appealDeadlineDays)
    issues.push({ path: 'payerProfile.appealLevels.0.deadlineDays', message: 'must equal appealDeadlineDays' });
  return issues;
}

/** What a register call did, comparing the record on file (if any) with the one sent. */
function outcome<T extends object>(before: T | null, after: T): { status: 'created' | 'updated' | 'unchanged'; changed: string[] } {
  if (!before) return { status: 'created', changed: [] };
  const changed = changedFields(before, after);
  return { status: changed.length > 0 ? 'updated' : 'unchanged', changed };
}

/** Creates or replaces a provider on file; unchanged when it equals what is there. */
export async function registerProvider({ store }: ReferenceDeps, provider: Provider): Promise<RegisterProviderResponse> {
  const issues = providerProblems(provider);
  if (issues.length > 0) throw new InputValidationError(issues);
  const result = outcome(await store.reference.getProvider(provider.providerId), provider);
  if (result.status !== 'unchanged') await store.reference.putProvider(provider);
  return { providerId: provider.providerId, ...result };
}

/** Creates or replaces the hospital's profile of a payer; unchanged when it equals what is there. */
export async function registerPayerProfile({ store }: ReferenceDeps, profile: PayerProfile): Promise<RegisterPayerProfileResponse> {
  const issues = payerProfileProblems(profile);
  if (issues.length > 0) throw new InputValidationError(issues);
  const result = outcome(await store.reference.getPayerProfile(profile.payerId), profile);
  if (result.status !== 'unchanged') await store.reference.putPayerProfile(profile);
  return { payerId: profile.payerId, ...result };
}

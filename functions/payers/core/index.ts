import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CoreRealTimeAdapter, type CoreAdapterOptions } from './adapter.ts';
import { CachedCoreCredentials, secretsManagerFetcher } from './credentials.ts';

export { CoreRealTimeAdapter, firstTransactionSet, type AdapterLog, type CoreAdapterOptions, type CredentialSource } from './adapter.ts';
export {
  CachedCoreCredentials,
  CoreSecretInvalidError,
  coreConnectionSecretSchema,
  secretsManagerFetcher,
  type CoreConnectionSecret,
  type SecretFetcher,
} from './credentials.ts';
export { payloadTypes } from './envelope.ts';

/**
 * The adapter as a Lambda builds it: credentials from the Secrets Manager secret `secretId`, cached
 * for `secretTtlMs` (default 5 min). Build it once per container, outside the handler.
 */
export function coreAdapterFromSecretsManager(
  client: Pick<SecretsManagerClient, 'send'>,
  secretId: string,
  options: Omit<CoreAdapterOptions, 'credentials'> & { secretTtlMs?: number } = {},
): CoreRealTimeAdapter {
  const { secretTtlMs, ...adapterOptions } = options;
  return new CoreRealTimeAdapter({
    ...adapterOptions,
    credentials: new CachedCoreCredentials(secretId, secretsManagerFetcher(client), secretTtlMs),
  });
}

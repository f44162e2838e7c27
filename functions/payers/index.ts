import type { S3Client } from '@aws-sdk/client-s3';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { S3AppealOutbox } from './batch/appeal-outbox.ts';
import { S3OutboxSubmitter, type OutboxOptions } from './batch/outbox.ts';
import { coreAdapterFromSecretsManager } from './core/index.ts';
import type { CoreAdapterOptions } from './core/adapter.ts';
import { composeGateway, type PayerGateway } from './gateway.ts';

export * from './gateway.ts';
export { routeRealTimeByPayer } from './router.ts';
export { S3OutboxSubmitter, type OutboxOptions } from './batch/outbox.ts';
export { S3AppealOutbox, appealOutboxKey, type AppealOutboxOptions } from './batch/appeal-outbox.ts';
export {
  CoreRealTimeAdapter,
  CachedCoreCredentials,
  coreAdapterFromSecretsManager,
  payloadTypes,
  type CoreAdapterOptions,
} from './core/index.ts';

/** What a Lambda needs to build the gateway to a real payer or clearinghouse. */
export interface RealGatewaySettings {
  secretsManager: Pick<SecretsManagerClient, 'send'>;
  s3: Pick<S3Client, 'send'>;
  /** Secrets Manager id of the CORE connection secret (see README). */
  coreSecretId: string;
  /** Bucket holding the outbox the SFTP connector drains. */
  outboxBucket: string;
  core?: Omit<CoreAdapterOptions, 'credentials'> & { secretTtlMs?: number };
  outbox?: Omit<OutboxOptions, 's3' | 'bucket'>;
}

/**
 * The gateway over real connectivity: CORE real-time for 270/271, 276/277 and 278, the S3 outbox for 837
 * batches and (under `appeals/`) for approved appeal packets. Build once per Lambda container (it caches the secret).
 */
export function realPayerGateway(settings: RealGatewaySettings): PayerGateway {
  const core = coreAdapterFromSecretsManager(settings.secretsManager, settings.coreSecretId, settings.core);
  return composeGateway(
    core,
    new S3OutboxSubmitter({ ...settings.outbox, s3: settings.s3, bucket: settings.outboxBucket }),
    new S3AppealOutbox({ s3: settings.s3, bucket: settings.outboxBucket, ...(settings.outbox?.now ? { now: settings.outbox.now } : {}) }),
    core,
  );
}

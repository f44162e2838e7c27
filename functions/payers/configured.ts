/**
 * Which payer connection the handlers use, chosen by configuration (`PAYER_GATEWAY`, required: a
 * deployment says which payer it talks to, and a missing setting is a non-retryable ConfigurationError):
 *
 * - `sandbox`: the sandbox payer embedded in the local stack (which sets the variable). It keeps its memory in the
 *   stack's process and runs on the stack's simulated clock, so it exists only where the stack
 *   installed it (`installEmbeddedGateway`); anywhere else the call fails with ConfigurationError.
 * - `sandbox-remote`: the sandbox payer deployed in AWS (stage `sandbox`): its memory is an encrypted S3
 *   object (`SANDBOX_PAYER_BUCKET_NAME`, `SANDBOX_PAYER_PREFIX`) whose current generation a one-item table
 *   (`SANDBOX_PAYER_TABLE_NAME`) names; its files go out from the scheduled `SandboxPayerTick`.
 * - `real`: CAQH CORE real-time (secret `PAYER_CORE_SECRET_ID`) and the S3 outbox
 *   (`OUTBOX_BUCKET_NAME`) for 837 batches.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { dynamoDbClient, s3Client } from '#functions/platform/aws-clients.ts';
import { now } from '#functions/platform/clock.ts';
import { ConfigurationError } from '#functions/errors/index.ts';
import type { AppealChannel, PayerGateway } from './gateway.ts';
import { realPayerGateway } from './index.ts';
import { remoteSandboxGateway, type SandboxMemoryLocation } from './sandbox/remote.ts';

let embedded: PayerGateway | undefined;
let real: PayerGateway | undefined;
let remote: PayerGateway | undefined;

/** Where the deployed sandbox payer keeps its memory, from the environment its functions are given. */
export function sandboxMemoryLocation(env: NodeJS.ProcessEnv = process.env): SandboxMemoryLocation {
  const table = env.SANDBOX_PAYER_TABLE_NAME;
  const bucket = env.SANDBOX_PAYER_BUCKET_NAME;
  const prefix = env.SANDBOX_PAYER_PREFIX;
  if (!table) throw new ConfigurationError('SANDBOX_PAYER_TABLE_NAME is not set');
  if (!bucket) throw new ConfigurationError('SANDBOX_PAYER_BUCKET_NAME is not set');
  if (!prefix) throw new ConfigurationError('SANDBOX_PAYER_PREFIX is not set');
  return { dynamodb: dynamoDbClient(), s3: s3Client(), table, bucket, prefix };
}

/**
 * The local stack puts its sandbox payer here and gets back a function that removes it again (on stop),
 * unless another stack installed its own since.
 */
export function installEmbeddedGateway(gateway: PayerGateway): () => void {
  embedded = gateway;
  return () => {
    if (embedded === gateway) embedded = undefined;
  };
}

/** The gateway this process is configured for (built once per Lambda container for `real`). */
export function payerGateway(env: NodeJS.ProcessEnv = process.env): PayerGateway {
  const mode = env.PAYER_GATEWAY;
  if (!mode) throw new ConfigurationError('PAYER_GATEWAY is not set');
  if (mode === 'sandbox') {
    // The sandbox payer lives only inside the local stack; elsewhere (a Lambda in AWS) no retry brings it.
    if (!embedded) throw new ConfigurationError('PAYER_GATEWAY is "sandbox" but no sandbox payer runs in this process');
    return embedded;
  }
  if (mode === 'sandbox-remote') {
    remote ??= remoteSandboxGateway(sandboxMemoryLocation(env), now);
    return remote;
  }
  if (mode !== 'real') throw new ConfigurationError('PAYER_GATEWAY must be "sandbox", "sandbox-remote" or "real"');
  if (!real) {
    const coreSecretId = env.PAYER_CORE_SECRET_ID;
    const outboxBucket = env.OUTBOX_BUCKET_NAME;
    if (!coreSecretId) throw new ConfigurationError('PAYER_CORE_SECRET_ID is not set');
    if (!outboxBucket) throw new ConfigurationError('OUTBOX_BUCKET_NAME is not set');
    real = realPayerGateway({ secretsManager: new SecretsManagerClient({}), s3: s3Client(), coreSecretId, outboxBucket });
  }
  return real;
}

/** The configured gateway's appeal channel; a gateway without one (an embedded gateway not yet given it) is a ConfigurationError. */
export function payerAppealChannel(env: NodeJS.ProcessEnv = process.env): AppealChannel {
  const gateway = payerGateway(env);
  const submitAppeal = gateway.submitAppeal;
  if (!submitAppeal) throw new ConfigurationError(`the ${env.PAYER_GATEWAY ?? ''} payer gateway has no appeal channel`);
  return { submitAppeal: (packet, ctx) => submitAppeal.call(gateway, packet, ctx) };
}

/**
 * Which payer connection the handlers use, chosen by configuration (`PAYER_GATEWAY`, required: a
 * deployment says which payer it talks to, and a missing setting is a non-retryable ConfigurationError):
 *
 * - `sandbox`: the sandbox payer embedded in the local stack (which sets the variable). It keeps its memory in the
 *   stack's process and runs on the stack's simulated clock, so it exists only where the stack
 *   installed it (`installEmbeddedGateway`); anywhere else the call fails with ConfigurationError.
 * - `real`: CAQH CORE real-time (secret `PAYER_CORE_SECRET_ID`) and the S3 outbox
 *   (`OUTBOX_BUCKET_NAME`) for 837 batches.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { s3Client } from '#functions/platform/aws-clients.ts';
import { ConfigurationError } from '#functions/errors/index.ts';
import type { PayerGateway } from './gateway.ts';
import { realPayerGateway } from './index.ts';

let embedded: PayerGateway | undefined;
let real: PayerGateway | undefined;

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
  if (mode !== 'real') throw new ConfigurationError('PAYER_GATEWAY must be "sandbox" or "real"');
  if (!real) {
    const coreSecretId = env.PAYER_CORE_SECRET_ID;
    const outboxBucket = env.OUTBOX_BUCKET_NAME;
    if (!coreSecretId) throw new ConfigurationError('PAYER_CORE_SECRET_ID is not set');
    if (!outboxBucket) throw new ConfigurationError('OUTBOX_BUCKET_NAME is not set');
    real = realPayerGateway({ secretsManager: new SecretsManagerClient({}), s3: s3Client(), coreSecretId, outboxBucket });
  }
  return real;
}

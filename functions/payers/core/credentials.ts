import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { AppError } from '#functions/errors/index.ts';

/** The Secrets Manager secret of one CORE connection (JSON). */
export const coreConnectionSecretSchema = z.object({
  /** HTTPS endpoint of the payer's or clearinghouse's CORE real-time service. */
  endpointUrl: z.url(),
  username: z.string().min(1),
  password: z.string().min(1),
  /** Our CORE SenderID, as registered with the receiver. */
  senderId: z.string().min(1),
  /** The receiver's CORE ReceiverID. */
  receiverId: z.string().min(1),
});
export type CoreConnectionSecret = z.infer<typeof coreConnectionSecretSchema>;

/** Anything that returns a secret's string value: Secrets Manager in Lambda, a fake in tests. */
export type SecretFetcher = (secretId: string) => Promise<string>;

/** A SecretFetcher over an AWS SDK v3 Secrets Manager client. */
export function secretsManagerFetcher(client: Pick<SecretsManagerClient, 'send'>): SecretFetcher {
  return async (secretId) => {
    const result = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (result.SecretString === undefined) throw new Error(`Secret ${secretId} has no string value`);
    return result.SecretString;
  };
}

/** Thrown when the secret is not the expected JSON; names the fields, never their values. */
export class CoreSecretInvalidError extends AppError {
  override readonly name = 'CoreSecretInvalidError';
  constructor(secretId: string, fields: string[]) {
    super(`Secret ${secretId} is not a CORE connection secret; check fields: ${fields.join(', ') || '(not JSON)'}`);
  }
}

/**
 * Reads the connection secret and keeps it for `ttlMs`, so a warm Lambda does not call Secrets Manager
 * per request yet picks up a rotated password within the TTL. `invalidate()` forces the next read,
 * which the adapter uses once after the payer answers "unauthorized" (the password may just have rotated).
 */
export class CachedCoreCredentials {
  private cached: { value: CoreConnectionSecret; expiresAt: number } | undefined;
  private inFlight: Promise<CoreConnectionSecret> | undefined;

  private readonly secretId: string;
  private readonly fetchSecret: SecretFetcher;
  private readonly ttlMs: number;
  private readonly now: () => number;
  constructor(secretId: string, fetchSecret: SecretFetcher, ttlMs: number = 5 * 60_000, now: () => number = Date.now) {
    this.secretId = secretId;
    this.fetchSecret = fetchSecret;
    this.ttlMs = ttlMs;
    this.now = now;
  }

  /** The current secret, from cache while fresh; concurrent callers share one fetch. */
  async get(): Promise<CoreConnectionSecret> {
    if (this.cached && this.now() < this.cached.expiresAt) return this.cached.value;
    this.inFlight ??= this.load().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  private async load(): Promise<CoreConnectionSecret> {
    const raw = await this.fetchSecret(this.secretId);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new CoreSecretInvalidError(this.secretId, []);
    }
    const parsed = coreConnectionSecretSchema.safeParse(json);
    if (!parsed.success)
      throw new CoreSecretInvalidError(
        this.secretId,
        parsed.error.issues.map((issue) => issue.path.join('.')),
      );
    this.cached = { value: parsed.data, expiresAt: this.now() + this.ttlMs };
    return parsed.data;
  }
}

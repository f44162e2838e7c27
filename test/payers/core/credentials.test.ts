import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { CachedCoreCredentials, CoreSecretInvalidError, secretsManagerFetcher } from '#functions/payers/core/credentials.ts';

const secret = {
  endpointUrl: 'https://core.payer.example/realtime',
  username: 'u',
  password: 'very-secret',
  senderId: 'HOSP01',
  receiverId: 'PAYER01',
};

function source(values: string[]) {
  const reads: string[] = [];
  const fetch = async (id: string) => {
    reads.push(id);
    const value = values[Math.min(reads.length - 1, values.length - 1)];
    if (value === undefined) throw new Error('no value');
    return value;
  };
  return { reads, fetch };
}

describe('CachedCoreCredentials', () => {
  it('reads the secret once within the TTL and again after it', async () => {
    let clock = 0;
    const rotated = { ...secret, password: 'rotated' };
    const { reads, fetch } = source([JSON.stringify(secret), JSON.stringify(rotated)]);
    const credentials = new CachedCoreCredentials('payers/core', fetch, 1_000, () => clock);
    expect(await credentials.get()).toEqual(secret);
    clock = 999;
    expect((await credentials.get()).password).toBe('very-secret');
    expect(reads).toEqual(['payers/core']);
    clock = 1_000;
    expect((await credentials.get()).password).toBe('rotated');
    expect(reads).toHaveLength(2);
  });

  it('shares one fetch among concurrent callers', async () => {
    const { reads, fetch } = source([JSON.stringify(secret)]);
    const credentials = new CachedCoreCredentials('payers/core', fetch);
    await Promise.all([credentials.get(), credentials.get(), credentials.get()]);
    expect(reads).toHaveLength(1);
  });

  it('re-reads after invalidate()', async () => {
    const { reads, fetch } = source([JSON.stringify(secret)]);
    const credentials = new CachedCoreCredentials('payers/core', fetch);
    await credentials.get();
    credentials.invalidate();
    await credentials.get();
    expect(reads).toHaveLength(2);
  });

  it('names the missing or bad fields of a malformed secret, never the values', async () => {
    const { fetch } = source([JSON.stringify({ ...secret, endpointUrl: 'not a url', username: undefined })]);
    const error = await new CachedCoreCredentials('payers/core', fetch).get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoreSecretInvalidError);
    expect((error as Error).message).toContain('endpointUrl');
    expect((error as Error).message).toContain('username');
    expect((error as Error).message).not.toContain('very-secret');
  });

  it('refuses a secret that is not JSON without echoing it', async () => {
    const { fetch } = source(['password=very-secret']);
    const error = await new CachedCoreCredentials('payers/core', fetch).get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoreSecretInvalidError);
    expect((error as Error).message).not.toContain('very-secret');
  });

  it('does not cache a failed read', async () => {
    let calls = 0;
    const credentials = new CachedCoreCredentials('payers/core', async () => {
      calls++;
      if (calls === 1) throw new Error('throttled');
      return JSON.stringify(secret);
    });
    await expect(credentials.get()).rejects.toThrow('throttled');
    expect(await credentials.get()).toEqual(secret);
  });
});

describe('secretsManagerFetcher', () => {
  it('asks Secrets Manager for the secret by id and returns its string', async () => {
    const sent: unknown[] = [];
    const client = { send: async (command: unknown) => (sent.push(command), { SecretString: JSON.stringify(secret) }) } as unknown as Pick<
      SecretsManagerClient,
      'send'
    >;
    expect(await secretsManagerFetcher(client)('arn:aws:secretsmanager:us-east-1:000000000000:secret:payers/core')).toBe(
      JSON.stringify(secret),
    );
    expect(sent[0]).toBeInstanceOf(GetSecretValueCommand);
    expect((sent[0] as GetSecretValueCommand).input).toEqual({
      SecretId: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:payers/core',
    });
  });

  it('fails on a binary-only secret', async () => {
    const client = { send: async () => ({ SecretBinary: new Uint8Array([1]) }) } as unknown as Pick<SecretsManagerClient, 'send'>;
    await expect(secretsManagerFetcher(client)('payers/core')).rejects.toThrow('no string value');
  });
});

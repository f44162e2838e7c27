import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3, type LocalS3 } from '#infra/local/s3.ts';
import { realPayerGateway } from '#functions/payers/index.ts';
import { coreResponse, FakeCoreServer } from './core/fake-core-server.ts';
import { tr3Example } from '#test/support/tr3-examples.ts';

const fixture = (name: string): string => tr3Example(name);

let s3: LocalS3;
let core: FakeCoreServer;

beforeAll(async () => {
  s3 = await startS3({ buckets: ['rcm-outbox'], account: '000000000000' });
  core = new FakeCoreServer();
  await core.start();
});
afterAll(async () => {
  await core?.stop();
  await s3?.stop();
});

describe('realPayerGateway', () => {
  it('routes inquiries to CORE and batches to the S3 outbox, with credentials from Secrets Manager', async () => {
    const secretIds: string[] = [];
    const secretsManager = {
      send: async (command: { input: { SecretId: string } }) => {
        secretIds.push(command.input.SecretId);
        return {
          SecretString: JSON.stringify({ endpointUrl: core.url, username: 'u', password: 'p', senderId: 'HOSP01', receiverId: 'PAYER01' }),
        };
      },
    } as unknown as Pick<SecretsManagerClient, 'send'>;
    const gateway = realPayerGateway({
      secretsManager,
      s3: s3.client(),
      coreSecretId: 'payers/clearinghouse/core',
      outboxBucket: 'rcm-outbox',
      core: { log: { info: () => {}, warn: () => {} } },
      outbox: { log: { info: () => {}, warn: () => {} } },
    });

    core.reply({
      body: (r) =>
        coreResponse({
          payloadType: 'X12_277_Response_005010X212',
          payloadId: r.core.PayloadID ?? '',
          payload: fixture('claim-level-status.277'),
        }),
    });
    expect(await gateway.claimStatus(fixture('claim-level-status.276'), { payerId: 'payer01' })).toBe(
      fixture('claim-level-status.277').trimEnd(),
    );
    expect(secretIds).toEqual(['payers/clearinghouse/core']);

    const receipt = await gateway.submitClaims({
      batchId: 'gw-1',
      payerId: 'payer01',
      files: [{ name: 'a.837', x12: fixture('demo.autoaccident.837') }],
    });
    expect(receipt).toMatchObject({ batchId: 'gw-1', bucket: 'rcm-outbox', fileCount: 1, status: 'queued' });
    expect(receipt.manifestKey).toMatch(/^outbox\/payer01\/\d{4}-\d{2}-\d{2}\/gw-1\/manifest\.json$/);
  });
});

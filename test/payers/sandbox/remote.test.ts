import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseX12, sequentialControlNumbers, TS270, writeInterchange } from '#functions/x12/index.ts';
import type { Eligibility27x } from '#functions/x12/index.ts';
import { PayerRateLimitedError } from '#functions/payers/gateway.ts';
import { useClock } from '#functions/platform/clock.ts';
import { payerGateway } from '#functions/payers/configured.ts';
import {
  MEMORY_TABLE_KEY,
  remoteSandboxGateway,
  sandboxPayerTick,
  withSandboxPayer,
  type SandboxMemoryLocation,
} from '#functions/payers/sandbox/remote.ts';
import { s3InboxWriter } from '#functions/payers/sandbox/s3-inbox.ts';
import { localCredentials, localRegion } from '#infra/local/credentials.ts';
import { startS3, type LocalS3 } from '#infra/local/s3.ts';
import { claim, line } from '#test/fixtures/payers/sandbox/claims.ts';
import { write837 } from '#test/fixtures/payers/sandbox/x837.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const outbox = 'rcm-outbox-remote';
const inbox = 'rcm-inbox-remote';
let s3Server: LocalS3;
let s3: S3Client;
let dynamodb: DynamoDBClient;
const tables: string[] = [];
const created: string[] = [];
let now = Date.parse('2026-01-15T09:00:00Z');
const clock = () => new Date(now);
// Conflicts retry quickly here; the deployed default backs off longer.
const fast = { pause: () => new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 20)), attempts: 50 };

beforeAll(async () => {
  s3Server = await startS3({ buckets: [outbox, inbox], account: '000000000000' });
  s3 = s3Server.client();
  s3Server.onObjectCreated((event) => {
    if (event.detail.bucket.name === inbox) created.push(event.detail.object.key);
  });
  dynamodb = new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), region: localRegion, credentials: localCredentials });
});
afterAll(async () => {
  for (const table of tables) await dynamodb.send(new DeleteTableCommand({ TableName: table }));
  dynamodb?.destroy();
  await s3Server?.stop();
});

/** A fresh memory: its own pointer table in DynamoDB Local and its own prefix in the local S3. */
async function freshMemory(): Promise<SandboxMemoryLocation> {
  const table = `sandbox-payer-${randomUUID()}`;
  await dynamodb.send(
    new CreateTableCommand({
      TableName: table,
      KeySchema: [{ AttributeName: MEMORY_TABLE_KEY, KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: MEMORY_TABLE_KEY, AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  tables.push(table);
  return { dynamodb, s3, table, bucket: outbox, prefix: `sandbox-payer/${randomUUID()}/` };
}

const memoryOf = (memory: SandboxMemoryLocation) =>
  withSandboxPayer(memory, { clock, inbox: async () => undefined }, async (payer) => payer.exportState());

const keysUnder = async (bucket: string, prefix: string) =>
  ((await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key!);

function x270(memberId: string): string {
  return writeInterchange(
    {
      senderQualifier: 'ZZ',
      senderId: 'RCMSUBMITTER',
      receiverQualifier: 'ZZ',
      receiverId: 'SANDBOXPAYER',
      date: '20260115',
      time: '0900',
      usageIndicator: 'T',
    },
    [
      {
        def: TS270,
        model: {
          beginning: { purposeCode: '13', referenceId: 'E1', date: '20260115', time: '0900', transactionTypeCode: 'RT' },
          sources: [
            {
              source: { entityCode: 'PR', entityType: '2', lastName: 'SANDBOX', idQualifier: 'PI', id: 'SBXCOMM01' },
              receivers: [
                {
                  receiver: { entityCode: '1P', entityType: '2', lastName: 'HOSPITAL', idQualifier: 'XX', id: '1234567893' },
                  subscribers: [
                    {
                      member: { entityType: '1', lastName: 'DOE', idQualifier: 'MI', id: memberId, inquiries: [{ serviceTypes: ['30'] }] },
                    },
                  ],
                },
              ],
            },
          ],
        },
      },
    ],
    sequentialControlNumbers(),
  );
}

const batch = (batchId: string, memberId: string) => ({
  batchId,
  payerId: 'SBXCOMM01',
  files: [{ name: `${batchId}.837`, x12: write837([claim(memberId, [line('99213', 9000, { serviceDate: '2026-01-10' })])]) }],
});

describe('the deployed sandbox payer (memory in S3 behind a DynamoDB pointer)', () => {
  it('answers a 270 and keeps its memory as one object per generation, the older one retired', async () => {
    const memory = await freshMemory();
    const gateway = remoteSandboxGateway(memory, clock, fast);
    const answer = parseX12(await gateway.checkEligibility(x270('COPAY530'), { payerId: 'SBXCOMM01' })).transactions[0]!;
    expect(answer.setId).toBe('271');
    const model = answer.model as unknown as Eligibility27x;
    expect(model.sources[0]?.receivers[0]?.subscribers?.[0]?.member.benefits?.[0]?.benefitCode).toBe('1');
    await gateway.checkEligibility(x270('COPAY530'), { payerId: 'SBXCOMM01' });

    const pointer = await dynamodb.send(
      new GetItemCommand({ TableName: memory.table, Key: { [MEMORY_TABLE_KEY]: { S: 'sandbox-payer' } }, ConsistentRead: true }),
    );
    expect(pointer.Item?.generation?.N).toBe('2');
    expect(await keysUnder(outbox, memory.prefix)).toEqual([pointer.Item?.objectKey?.S]);
  });

  it('remembers across calls (separate Lambda containers): the BUSY member rate-limits once, then is answered', async () => {
    const memory = await freshMemory();
    const first = remoteSandboxGateway(memory, clock, fast);
    const second = remoteSandboxGateway(memory, clock, fast);
    await expect(first.checkEligibility(x270('BUSY100'), { payerId: 'SBXCOMM01' })).rejects.toBeInstanceOf(PayerRateLimitedError);
    expect(parseX12(await second.checkEligibility(x270('BUSY100'), { payerId: 'SBXCOMM01' })).transactions[0]?.setId).toBe('271');
  });

  it('drops a submitted batch’s 999 and 277CA, then its 835, into inbound/<payer>/ when the tick finds them due, each once', async () => {
    const memory = await freshMemory();
    now = Date.parse('2026-01-15T09:00:00Z');
    const writer = s3InboxWriter({ s3, bucket: inbox });
    const receipt = await remoteSandboxGateway(memory, clock, fast).submitClaims(batch(`b-${randomUUID()}`, 'FULL900'));
    expect(receipt.status).toBe('queued');

    expect(await sandboxPayerTick(memory, clock, writer, fast)).toMatchObject({ delivered: 0 });
    now += HOUR;
    const acks = await sandboxPayerTick(memory, clock, writer, fast);
    expect(acks).toMatchObject({ delivered: 2, kinds: { '999': 1, '277CA': 1 } });
    expect(acks.nextDueAt).toBe('2026-01-22T00:00:00.000Z');
    now += 7 * DAY;
    expect(await sandboxPayerTick(memory, clock, writer, fast)).toMatchObject({ delivered: 1, kinds: { '835': 1 } });
    expect(await sandboxPayerTick(memory, clock, writer, fast)).toEqual({ delivered: 0, kinds: {} });

    const keys = await keysUnder(inbox, 'inbound/SBXCOMM01/');
    const kinds = await Promise.all(
      keys.map(async (key) => (await s3.send(new GetObjectCommand({ Bucket: inbox, Key: key }))).Metadata?.['x12-kind']),
    );
    expect(kinds.sort()).toEqual(['277CA', '835', '999']);
    await expect.poll(() => created.filter((key) => keys.includes(key)).length).toBe(3);
    const state = await memoryOf(memory);
    expect([state.acks, state.claims, state.undelivered]).toEqual([[], [], []]);
  });

  it('loses no update when payer calls and a tick race on the same memory', async () => {
    const memory = await freshMemory();
    now = Date.parse('2026-02-02T09:00:00Z');
    const writer = s3InboxWriter({ s3, bucket: inbox });
    let conflicts = 0;
    const counted = { ...fast, pause: () => ((conflicts += 1), fast.pause()) };
    // Eight containers at once, each with its own gateway, plus eligibility checks and a tick.
    const ids = Array.from({ length: 8 }, (_, i) => `race-${i}-${randomUUID().slice(0, 8)}`);
    await Promise.all([
      ...ids.map((id) => remoteSandboxGateway(memory, clock, counted).submitClaims(batch(id, 'FULL901'))),
      ...Array.from({ length: 4 }, () =>
        remoteSandboxGateway(memory, clock, counted).checkEligibility(x270('COPAY531'), { payerId: 'SBXCOMM01' }),
      ),
      sandboxPayerTick(memory, clock, writer, counted),
    ]);
    const state = await memoryOf(memory);
    expect(state.receipts.map((r) => r.receipt.batchId).sort()).toEqual([...ids].sort());
    expect(state.acks.map((a) => a.batchId).sort()).toEqual([...ids].sort());
    // Every 271 took interchange control numbers from the shared memory: none was handed out twice.
    expect(state.counters.controls.interchange).toBe(1 + 4);
    // The race was real: saves collided and were run again on the winner's memory.
    expect(conflicts).toBeGreaterThan(0);

    now += HOUR;
    const ticks = await Promise.all([
      sandboxPayerTick(memory, clock, writer, fast),
      remoteSandboxGateway(memory, clock, fast).checkEligibility(x270('COPAY531'), { payerId: 'SBXCOMM01' }),
    ]);
    expect(ticks[0]).toMatchObject({ kinds: { '999': 8, '277CA': 8 } });
    expect((await memoryOf(memory)).undelivered).toEqual([]);
  });

  it('runs as the SandboxPayerTick handler on a scheduled event, with the environment the CDK app gives it', async () => {
    const memory = await freshMemory();
    now = Date.parse('2026-03-02T09:00:00Z');
    await remoteSandboxGateway(memory, clock, fast).submitClaims(batch(`b-${randomUUID()}`, 'FULL902'));
    now += HOUR;
    Object.assign(process.env, {
      AWS_REGION: localRegion,
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoDbEndpoint'),
      AWS_ENDPOINT_URL_S3: s3Server.endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      SANDBOX_PAYER_TABLE_NAME: memory.table,
      SANDBOX_PAYER_BUCKET_NAME: memory.bucket,
      SANDBOX_PAYER_PREFIX: memory.prefix,
      INBOX_BUCKET_NAME: inbox,
    });
    useClock(clock);
    try {
      const { handler } = await import('#functions/handlers/sandbox-payer-tick.ts');
      const context = { functionName: 'SandboxPayerTick', awsRequestId: randomUUID(), getRemainingTimeInMillis: () => 60_000 };
      const result = await handler({ source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} }, context as never);
      expect(result).toMatchObject({ delivered: 2, kinds: { '999': 1, '277CA': 1 } });
    } finally {
      useClock();
    }
  });

  it('is what PAYER_GATEWAY=sandbox-remote configures', () => {
    const env = {
      PAYER_GATEWAY: 'sandbox-remote',
      SANDBOX_PAYER_TABLE_NAME: 't',
      SANDBOX_PAYER_BUCKET_NAME: 'b',
      SANDBOX_PAYER_PREFIX: 'sandbox-payer/',
    };
    const gateway = payerGateway(env);
    expect(typeof gateway.checkEligibility).toBe('function');
    expect(payerGateway(env)).toBe(gateway);
  });
});

import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startS3, type LocalS3 } from '#infra/local/s3.ts';
import { S3OutboxSubmitter, type OutboxOptions } from '#functions/payers/batch/outbox.ts';
import { BatchConflictError, PayerRequestInvalidError, PayerUnavailableError, type ClaimBatch } from '#functions/payers/gateway.ts';
import { tr3Example } from '#test/support/tr3-examples.ts';

const fixture = (name: string): string => tr3Example(name);
const autoAccident837 = fixture('demo.autoaccident.837');
const cob837 = fixture('demo.cob.example4.837');
const bucket = 'rcm-outbox';

let s3: LocalS3;
let client: S3Client;
let created: string[];
let logLines: string[];
let batchCounter = 0;

beforeAll(async () => {
  s3 = await startS3({ buckets: [bucket], account: '000000000000' });
  client = s3.client();
  s3.onObjectCreated((event) => created.push(event.detail.object.key));
});
afterAll(async () => s3?.stop());
beforeEach(() => {
  created = [];
  logLines = [];
});

/** A fresh batch id per test, so tests sharing the bucket do not see each other's batches. */
function newBatch(
  files = [
    { name: 'claims-0001.837', x12: autoAccident837 },
    { name: 'claims-0002.837', x12: cob837 },
  ],
): ClaimBatch {
  batchCounter += 1;
  return { batchId: `batch-${batchCounter}-${Date.now()}`, payerId: 'payer01', files };
}

function submitter(overrides: Partial<OutboxOptions> = {}, at = '2026-11-27T05:30:00.000Z'): S3OutboxSubmitter {
  return new S3OutboxSubmitter({
    s3: client,
    bucket,
    now: () => new Date(at),
    log: {
      info: (message, attributes) => logLines.push(JSON.stringify({ message, ...attributes })),
      warn: (message, attributes) => logLines.push(JSON.stringify({ message, ...attributes })),
    },
    ...overrides,
  });
}

async function text(key: string): Promise<string> {
  const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return object.Body!.transformToString('utf8');
}

async function keysUnder(prefix: string): Promise<string[]> {
  const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (listed.Contents ?? []).map((o) => o.Key!).sort();
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

async function settle(): Promise<void> {
  // s3rver emits its event after answering the PUT; let it arrive.
  await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('submitting a batch', () => {
  it('writes every 837 under outbox/<payer>/<day>/<batch>/ and a manifest that describes them', async () => {
    const batch = newBatch();
    const receipt = await submitter().submitClaims(batch);
    const prefix = `outbox/payer01/2026-11-27/${batch.batchId}`;

    expect(await keysUnder(`${prefix}/`)).toEqual([`${prefix}/claims-0001.837`, `${prefix}/claims-0002.837`, `${prefix}/manifest.json`]);
    expect(await text(`${prefix}/claims-0001.837`)).toBe(autoAccident837);
    expect(await text(`${prefix}/claims-0002.837`)).toBe(cob837);

    const manifest = JSON.parse(await text(`${prefix}/manifest.json`)) as Record<string, unknown>;
    expect(manifest).toEqual({
      manifestVersion: 1,
      batchId: batch.batchId,
      payerId: 'payer01',
      createdAt: '2026-11-27T05:30:00.000Z',
      fileCount: 2,
      files: [
        {
          name: 'claims-0001.837',
          key: `${prefix}/claims-0001.837`,
          size: Buffer.byteLength(autoAccident837),
          sha256: sha256(autoAccident837),
        },
        { name: 'claims-0002.837', key: `${prefix}/claims-0002.837`, size: Buffer.byteLength(cob837), sha256: sha256(cob837) },
      ],
      batchSha256: receipt.batchSha256,
    });
    expect(receipt).toEqual({
      batchId: batch.batchId,
      payerId: 'payer01',
      status: 'queued',
      submittedAt: '2026-11-27T05:30:00.000Z',
      bucket,
      manifestKey: `${prefix}/manifest.json`,
      fileCount: 2,
      files: manifest.files,
      batchSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('writes the manifest last, so a transfer job never sees an incomplete batch', async () => {
    const batch = newBatch(
      Array.from({ length: 12 }, (_, i) => ({ name: `claims-${String(i).padStart(4, '0')}.837`, x12: i % 2 ? cob837 : autoAccident837 })),
    );
    const receipt = await submitter({ concurrency: 4 }).submitClaims(batch);
    await settle();
    const outboxKeys = created.filter((key) => key.startsWith('outbox/'));
    expect(outboxKeys).toHaveLength(13);
    expect(outboxKeys.at(-1)).toBe(receipt.manifestKey);
    // The idempotency record precedes every outbox object and lives outside the outbox.
    expect(created[0]).toBe(`outbox-state/payer01/${batch.batchId}.json`);
  });

  it('stores a SHA-256 S3 can verify and the transfer side can check', async () => {
    const batch = newBatch();
    const receipt = await submitter().submitClaims(batch);
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: receipt.files[0]!.key }));
    expect(head.Metadata?.sha256).toBe(sha256(autoAccident837));
    expect(head.ContentType).toBe('application/edi-x12');
  });

  it('logs identifiers and counts, never claim content', async () => {
    await submitter().submitClaims(newBatch());
    expect(logLines).toHaveLength(1);
    expect(JSON.parse(logLines[0]!)).toMatchObject({ payerId: 'payer01', fileCount: 2, outcome: 'queued' });
    expect(logLines[0]).not.toContain('ISA*');
  });
});

describe('idempotency by batch id', () => {
  it('returns the same receipt and writes nothing when the same batch comes again, even days later', async () => {
    const batch = newBatch();
    const first = await submitter().submitClaims(batch);
    await settle();
    created = [];
    const again = await submitter({}, '2026-11-30T08:00:00.000Z').submitClaims(structuredClone(batch));
    await settle();
    expect(again).toEqual(first);
    expect(created).toEqual([]);
    expect(JSON.parse(logLines.at(-1)!)).toMatchObject({ outcome: 'already-queued' });
  });

  it('treats the same files in another order as the same batch', async () => {
    const batch = newBatch();
    const first = await submitter().submitClaims(batch);
    const reordered = { ...batch, files: [...batch.files].reverse() };
    expect(await submitter().submitClaims(reordered)).toEqual(first);
  });

  it('refuses different content under a used batch id and leaves the first batch untouched', async () => {
    const batch = newBatch();
    const first = await submitter().submitClaims(batch);
    await settle();
    created = [];
    const changed = { ...batch, files: [{ name: 'claims-0001.837', x12: cob837 }, batch.files[1]!] };
    const error = await submitter()
      .submitClaims(changed)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchConflictError);
    expect(error).toMatchObject({ name: 'BatchConflictError', batchId: batch.batchId, retryable: false });
    expect((error as Error).message).not.toContain('ISA');
    await settle();
    expect(created).toEqual([]);
    expect(await text(first.files[0]!.key)).toBe(autoAccident837);
  });

  it('finishes a batch an earlier attempt left without its manifest, keeping its folder and time', async () => {
    const batch = newBatch();
    // An S3 client that fails the second claim file, as a crash or throttling would.
    const failing: Pick<S3Client, 'send'> = {
      send: ((command: unknown) => {
        if (command instanceof PutObjectCommand && command.input.Key?.endsWith('claims-0002.837'))
          return Promise.reject(new Error('connection reset'));
        return client.send(command as PutObjectCommand);
      }) as S3Client['send'],
    };
    const error = await submitter({ s3: failing, concurrency: 1 })
      .submitClaims(batch)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayerUnavailableError);
    expect(error).toMatchObject({ name: 'PayerUnavailableError', reason: 'OutboxUnavailable', payloadId: batch.batchId });
    expect(JSON.parse(logLines.at(-1)!)).toMatchObject({
      message: '837 batch submission failed',
      batchId: batch.batchId,
      error: 'PayerUnavailableError',
    });
    const prefix = `outbox/payer01/2026-11-27/${batch.batchId}/`;
    expect(await keysUnder(prefix)).toEqual([`${prefix}claims-0001.837`]);

    const receipt = await submitter({}, '2026-11-28T01:00:00.000Z').submitClaims(batch);
    expect(receipt.submittedAt).toBe('2026-11-27T05:30:00.000Z');
    expect(await keysUnder(prefix)).toEqual([`${prefix}claims-0001.837`, `${prefix}claims-0002.837`, `${prefix}manifest.json`]);
    expect(JSON.parse(logLines.at(-1)!)).toMatchObject({ outcome: 'completed' });
  });
});

describe('concurrent submissions of one batch id', () => {
  /**
   * s3rver ignores If-None-Match, so this wraps the real local S3 with real S3's conditional-create
   * rule (412 PreconditionFailed when the key exists), checked and applied atomically.
   */
  function withConditionalCreate(): Pick<S3Client, 'send'> {
    let lock = Promise.resolve();
    return {
      send: (async (command: unknown) => {
        if (!(command instanceof PutObjectCommand) || command.input.IfNoneMatch !== '*') return client.send(command as PutObjectCommand);
        const run = lock.then(async () => {
          const exists = await client.send(new HeadObjectCommand({ Bucket: command.input.Bucket, Key: command.input.Key })).then(
            () => true,
            () => false,
          );
          if (exists)
            throw Object.assign(new Error('At least one of the pre-conditions you specified did not hold'), {
              name: 'PreconditionFailed',
              $metadata: { httpStatusCode: 412 },
            });
          return client.send(command);
        });
        lock = run.then(
          () => undefined,
          () => undefined,
        );
        return run;
      }) as S3Client['send'],
    };
  }

  it('lets one content win; the other gets BatchConflictError', async () => {
    const batch = newBatch();
    const other = { ...batch, files: [{ name: 'claims-0001.837', x12: cob837 }] };
    const s3 = withConditionalCreate();
    const results = await Promise.allSettled([submitter({ s3 }).submitClaims(batch), submitter({ s3 }).submitClaims(other)]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(BatchConflictError);
    const winner = (fulfilled[0] as PromiseFulfilledResult<Awaited<ReturnType<S3OutboxSubmitter['submitClaims']>>>).value;
    const manifest = JSON.parse(await text(winner.manifestKey)) as { batchSha256: string };
    expect(manifest.batchSha256).toBe(winner.batchSha256);
  });

  it('gives both callers the same receipt when the content is the same', async () => {
    const batch = newBatch();
    const s3 = withConditionalCreate();
    const [a, b] = await Promise.all([submitter({ s3 }).submitClaims(batch), submitter({ s3 }).submitClaims(structuredClone(batch))]);
    expect(a).toEqual(b);
  });
});

describe('refusals', () => {
  it.each([
    ['a batch id that could escape its folder', (b: ClaimBatch) => ({ ...b, batchId: '../other' })],
    ['a payer id with a slash', (b: ClaimBatch) => ({ ...b, payerId: 'payer/01' })],
    ['no files', (b: ClaimBatch) => ({ ...b, files: [] })],
    ['duplicate file names', (b: ClaimBatch) => ({ ...b, files: [b.files[0]!, b.files[0]!] })],
    ['a file named like the manifest', (b: ClaimBatch) => ({ ...b, files: [{ name: 'manifest.json', x12: autoAccident837 }] })],
    ['a file that is not X12', (b: ClaimBatch) => ({ ...b, files: [{ name: 'a.837', x12: 'Patient JOHN DOE 123456789' }] })],
    [
      'an X12 file that is not an 837',
      (b: ClaimBatch) => ({
        ...b,
        files: [
          {
            name: 'a.837',
            x12: tr3Example('subscriber-health-benefit-check.270'),
          },
        ],
      }),
    ],
  ])('refuses %s, writing nothing and echoing no content', async (_label, mutate) => {
    const error = await submitter()
      .submitClaims(mutate(newBatch()))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayerRequestInvalidError);
    expect((error as Error).message).not.toMatch(/JOHN|ISA\*/);
    await settle();
    expect(created).toEqual([]);
  });

  it('reports an outbox it cannot reach as PayerUnavailableError', async () => {
    const error = await submitter({ bucket: 'no-such-bucket' })
      .submitClaims(newBatch())
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PayerUnavailableError', reason: 'OutboxUnavailable' });
  });
});

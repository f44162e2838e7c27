import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { logger as platformLogger } from '#functions/platform/logger.ts';
import { isNotFound } from '#functions/platform/bucket-objects.ts';
import { BatchConflictError, PayerGatewayError, PayerRequestInvalidError, PayerUnavailableError } from '#functions/payers/errors.ts';
import type { ClaimBatch, SubmissionChannel, SubmissionReceipt } from '#functions/payers/gateway.ts';
import {
  batchFingerprint,
  batchPrefix,
  batchRecordSchema,
  claimBatchSchema,
  receiptOf,
  sha256Hex,
  stateKey,
  type BatchRecord,
} from './layout.ts';

/** The slice of a logger the submitter uses; attributes hold identifiers and numbers only. */
export interface OutboxLog {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
}

/** Settings of the S3 outbox submitter. */
export interface OutboxOptions {
  s3: Pick<S3Client, 'send'>;
  bucket: string;
  /** Prefix the transfer job watches (default `outbox`). */
  outboxPrefix?: string;
  /** Prefix of the idempotency records, outside the outbox (default `outbox-state`). */
  statePrefix?: string;
  /** Parallel file uploads (default 8). */
  concurrency?: number;
  now?: () => Date;
  log?: OutboxLog;
}

type PreparedFile = { name: string; body: Buffer; size: number; sha256: string };

/**
 * Submits 837 batches by writing them to an S3 outbox, the shape an AWS Transfer Family SFTP connector
 * moves to a clearinghouse: every file first, the manifest last, so a batch is picked up only once
 * complete. Idempotent by batch id: the same content again is a no-op returning the same receipt
 * (and finishes a batch an earlier crash left without its manifest); different content is a
 * BatchConflictError. Failures of S3 itself surface as PayerUnavailableError('OutboxUnavailable').
 */
export class S3OutboxSubmitter implements SubmissionChannel {
  private readonly outboxPrefix: string;
  private readonly statePrefix: string;
  private readonly concurrency: number;
  private readonly now: () => Date;
  private readonly log: OutboxLog;

  private readonly options: OutboxOptions;
  constructor(options: OutboxOptions) {
    this.options = options;
    this.outboxPrefix = options.outboxPrefix ?? 'outbox';
    this.statePrefix = options.statePrefix ?? 'outbox-state';
    this.concurrency = options.concurrency ?? 8;
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? platformLogger;
  }

  async submitClaims(batch: ClaimBatch): Promise<SubmissionReceipt> {
    const parsed = claimBatchSchema.safeParse(batch);
    const ids = {
      payerId: typeof batch?.payerId === 'string' ? batch.payerId : undefined,
      payloadId: typeof batch?.batchId === 'string' ? batch.batchId : undefined,
    };
    if (!parsed.success)
      throw new PayerRequestInvalidError(
        parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
        ids,
      );
    const started = performance.now();
    try {
      const { receipt, outcome } = await this.submit(parsed.data);
      this.log.info('837 batch submission', {
        batchId: receipt.batchId,
        payerId: receipt.payerId,
        fileCount: receipt.fileCount,
        outcome,
        durationMs: Math.round(performance.now() - started),
      });
      return receipt;
    } catch (error) {
      const failure = error instanceof PayerGatewayError ? error : new PayerUnavailableError('OutboxUnavailable', { ...ids, cause: error });
      this.log.warn('837 batch submission failed', {
        batchId: ids.payloadId,
        payerId: ids.payerId,
        error: failure.name,
        cause: error instanceof Error ? error.name : undefined,
      });
      throw failure;
    }
  }

  private async submit(batch: ClaimBatch): Promise<{ receipt: SubmissionReceipt; outcome: 'queued' | 'already-queued' | 'completed' }> {
    const files: PreparedFile[] = batch.files.map((f) => {
      const body = Buffer.from(f.x12, 'utf8');
      return { name: f.name, body, size: body.byteLength, sha256: sha256Hex(body) };
    });
    const fingerprint = batchFingerprint(files);
    const { record, created } = await this.recordFor(batch, files, fingerprint);
    if (record.batchSha256 !== fingerprint) throw new BatchConflictError(batch.batchId, { payerId: batch.payerId });

    const receipt = receiptOf(record, this.options.bucket);
    if (await this.exists(receipt.manifestKey)) return { receipt, outcome: 'already-queued' };

    const keyOf = new Map(record.files.map((f) => [f.name, f.key]));
    await this.inParallel(files, (f) => this.put(keyOf.get(f.name)!, f.body, 'application/edi-x12', f.sha256));
    // Last: its appearance tells the transfer job that every file above is in place.
    const manifest = Buffer.from(JSON.stringify(manifestOf(record), null, 2), 'utf8');
    await this.put(receipt.manifestKey, manifest, 'application/json', sha256Hex(manifest));
    // `completed`: an earlier attempt stopped before its manifest; this one finished the batch.
    return { receipt, outcome: created ? 'queued' : 'completed' };
  }

  /** The batch's idempotency record: the stored one, or a new one written only if none exists. */
  private async recordFor(
    batch: ClaimBatch,
    files: PreparedFile[],
    fingerprint: string,
  ): Promise<{ record: BatchRecord; created: boolean }> {
    const key = stateKey(this.statePrefix, batch.payerId, batch.batchId);
    const stored = await this.readRecord(key);
    if (stored) return { record: stored, created: false };
    const createdAt = this.now().toISOString();
    const prefix = batchPrefix(this.outboxPrefix, batch.payerId, createdAt, batch.batchId);
    const record: BatchRecord = {
      manifestVersion: 1,
      batchId: batch.batchId,
      payerId: batch.payerId,
      createdAt,
      prefix,
      fileCount: files.length,
      files: files.map((f) => ({ name: f.name, key: `${prefix}/${f.name}`, size: f.size, sha256: f.sha256 })),
      batchSha256: fingerprint,
    };
    try {
      // Conditional create: of two concurrent submissions of one batch id, one record wins (real S3).
      await this.options.s3.send(
        new PutObjectCommand({
          Bucket: this.options.bucket,
          Key: key,
          Body: JSON.stringify(record),
          ContentType: 'application/json',
          IfNoneMatch: '*',
        }),
      );
    } catch (error) {
      if (!isPreconditionFailure(error)) throw error;
      const winner = await this.readRecord(key);
      if (!winner) throw error;
      return { record: winner, created: false };
    }
    return { record, created: true };
  }

  private async readRecord(key: string): Promise<BatchRecord | undefined> {
    try {
      const object = await this.options.s3.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
      return batchRecordSchema.parse(JSON.parse((await object.Body?.transformToString('utf8')) ?? ''));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.options.s3.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  private async put(key: string, body: Buffer, contentType: string, sha256: string): Promise<void> {
    await this.options.s3.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        ContentLength: body.byteLength,
        // S3 verifies the upload against it; the transfer side can re-check against the manifest.
        ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
        Metadata: { sha256 },
      }),
    );
  }

  private async inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const item = items[next++]!;
        await work(item);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, items.length) }, worker));
  }
}

/** The manifest the transfer job reads: the record minus its folder (every file carries its full key). */
function manifestOf(record: BatchRecord) {
  return {
    manifestVersion: record.manifestVersion,
    batchId: record.batchId,
    payerId: record.payerId,
    createdAt: record.createdAt,
    fileCount: record.fileCount,
    files: record.files,
    batchSha256: record.batchSha256,
  };
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

function httpStatusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

function isPreconditionFailure(error: unknown): boolean {
  return (
    errorName(error) === 'PreconditionFailed' ||
    errorName(error) === 'ConditionalRequestConflict' ||
    httpStatusOf(error) === 412 ||
    httpStatusOf(error) === 409
  );
}

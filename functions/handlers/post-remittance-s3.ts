/**
 * The S3 side of posting an 835 with a Distributed Map: where the split claims and the batches' results
 * live (under `posting/` of the inbox, which starts no workflow), a JSON Lines object written in
 * multipart parts (constant memory, any size), and the batches' results read back from the Map Run's
 * ResultWriter manifest; the 835 itself read more than once, every read pinned to one ETag, and the
 * reconciliation report. Shared by the posting handlers only.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { InboundFile } from '#schemas/inbound-file.ts';
import { reconciliationReport, reconciliationReportKey } from '#functions/remittance/reconciliation-report.ts';
import type { RemittanceFileOutcome } from '#functions/remittance/remittance-file.ts';
import { requiredEnv } from '#functions/platform/env.ts';
import { stableId } from '#functions/platform/stable-id.ts';

/**
 * An inbox file opened for reading more than once: `open()` answers the first read's body, then reads
 * again pinned to `etag` (given, or the first read's), so every read sees the same bytes; S3 refuses a
 * read of a file replaced since.
 */
export async function pinnedObject(
  s3: S3Client,
  file: Pick<InboundFile, 'bucket' | 'key'>,
  etag?: string,
): Promise<{ open: () => Promise<AsyncIterable<Uint8Array>>; etag: string | undefined; receivedAt: string }> {
  const first = await s3.send(new GetObjectCommand({ Bucket: file.bucket, Key: file.key, ...(etag ? { IfMatch: etag } : {}) }));
  const pinned = etag ?? first.ETag;
  let opened = false;
  const open = async (): Promise<AsyncIterable<Uint8Array>> => {
    if (!opened) {
      opened = true;
      return first.Body as AsyncIterable<Uint8Array>;
    }
    const again = await s3.send(new GetObjectCommand({ Bucket: file.bucket, Key: file.key, ...(pinned ? { IfMatch: pinned } : {}) }));
    return again.Body as AsyncIterable<Uint8Array>;
  };
  return { open, etag: pinned, receivedAt: (first.LastModified ?? new Date(0)).toISOString() };
}

/**
 * Writes a posted file's reconciliation report (JSON and CSV) to the reports bucket, where the billing
 * office reconciles the deposit by trace number; answers the JSON report's key.
 */
export async function writeReconciliationReport(
  s3: S3Client,
  outcome: RemittanceFileOutcome,
  file: { key: string; receivedAt: string },
): Promise<string> {
  const report = reconciliationReport(outcome, file);
  const key = reconciliationReportKey(file.key, file.receivedAt);
  const Bucket = requiredEnv('REPORTS_BUCKET_NAME');
  await s3.send(new PutObjectCommand({ Bucket, Key: `${key}.json`, Body: report.json, ContentType: 'application/json' }));
  await s3.send(new PutObjectCommand({ Bucket, Key: `${key}.csv`, Body: report.csv, ContentType: 'text/csv' }));
  return `${key}.json`;
}

/** Where the claims of one delivery of a file are split to: the same file and ETag always give the same keys. */
export function splitKeys(fileKey: string, etag: string | undefined): { unordered: string; ordered: string } {
  const run = stableId('PST', fileKey, etag ?? '');
  return { unordered: `posting/claims/${run}/unordered.jsonl`, ordered: `posting/claims/${run}/ordered.jsonl` };
}

/** S3's smallest part but the last (5 MiB); parts are cut a little above it. */
const PART_BYTES = 6 * 1024 * 1024;

/** A JSON Lines object written as it grows: one PutObject when small, else a multipart upload of 6 MiB parts. */
export function jsonLinesObject(s3: S3Client, bucket: string, key: string) {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let uploadId: string | undefined;
  const parts: { ETag: string | undefined; PartNumber: number }[] = [];
  const flush = async (): Promise<void> => {
    if (uploadId === undefined) {
      const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: 'application/jsonl' }));
      uploadId = created.UploadId;
    }
    const body = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    const PartNumber = parts.length + 1;
    const out = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber, Body: body }));
    parts.push({ ETag: out.ETag, PartNumber });
  };
  return {
    async write(line: string): Promise<void> {
      const bytes = Buffer.from(line, 'utf8');
      pending.push(bytes);
      pendingBytes += bytes.length;
      if (pendingBytes >= PART_BYTES) await flush();
    },
    /** Completes the object (an empty file is an empty object: the Map then has no items). */
    async close(): Promise<void> {
      if (uploadId === undefined) {
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.concat(pending), ContentType: 'application/jsonl' }));
        return;
      }
      try {
        if (pendingBytes > 0) await flush();
        await s3.send(
          new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } }),
        );
      } catch (error) {
        await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId })).catch(() => undefined);
        throw error;
      }
    },
  };
}

/** Where a Distributed Map with a ResultWriter says its results are (its state output). */
interface MapRunResults {
  readonly ResultWriterDetails: { readonly Bucket: string; readonly Key: string };
}

async function readJson(s3: S3Client, bucket: string, key: string): Promise<unknown> {
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return JSON.parse((await out.Body?.transformToString('utf-8')) ?? 'null');
}

/**
 * Yields the output of every child execution that succeeded in a Map Run, from its ResultWriter
 * manifest: each SUCCEEDED file is a JSON array of executions whose `Output` is a JSON string (the
 * default NONE transformation), or of the outputs themselves (COMPACT).
 */
export async function* succeededOutputs(s3: S3Client, results: MapRunResults): AsyncGenerator<unknown> {
  const { Bucket, Key } = results.ResultWriterDetails;
  const manifest = (await readJson(s3, Bucket, Key)) as {
    DestinationBucket?: string;
    ResultFiles?: { SUCCEEDED?: { Key: string }[] };
  };
  for (const file of manifest.ResultFiles?.SUCCEEDED ?? []) {
    const executions = await readJson(s3, manifest.DestinationBucket ?? Bucket, file.Key);
    for (const execution of Array.isArray(executions) ? executions : []) {
      const output = (execution as { Output?: unknown }).Output;
      yield typeof output === 'string' ? JSON.parse(output) : execution;
    }
  }
}

/**
 * The S3 side of posting an 835 with a Distributed Map: where the split claims and the batches' results
 * live (under `posting/` of the inbox, which starts no workflow), a JSON Lines object written in
 * multipart parts (constant memory, any size), and the batches' results read back from the Map Run's
 * ResultWriter manifest. Shared by the posting handlers only.
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
import { stableId } from '#functions/platform/stable-id.ts';

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
export interface MapRunResults {
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

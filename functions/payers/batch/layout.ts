import { createHash } from 'node:crypto';
import { z } from 'zod';
import { identifyInbound } from '#functions/inbound/identify.ts';
import type { SubmissionReceipt } from '#functions/payers/gateway.ts';

/**
 * Outbox layout (keys relative to the bucket):
 *
 *   <outboxPrefix>/<payerId>/<yyyy-mm-dd>/<batchId>/<file name>   each 837 interchange
 *   <outboxPrefix>/<payerId>/<yyyy-mm-dd>/<batchId>/manifest.json  written last: the batch is complete
 *   <statePrefix>/<payerId>/<batchId>.json                         idempotency record, outside the outbox
 *
 * The date is the UTC day of the first submission, so a batch resubmitted tomorrow still lands in
 * (and is recognised from) its original folder.
 */
export const manifestFileName = 'manifest.json';

const safeName = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Reads only the envelope head (ISA, GS, first ST), as the inbound identifier does. */
function is837Interchange(x12: string): boolean {
  const identified = identifyInbound(Buffer.from(x12.slice(0, 4096), 'latin1'));
  return identified.ok && identified.transactionSet === '837';
}

/** The request shape, checked before anything is written. Issues name paths, never values. */
export const claimBatchSchema = z.object({
  batchId: z.string().max(128).regex(safeName, 'letters, digits, ".", "_", "-"'),
  payerId: z.string().max(64).regex(safeName, 'letters, digits, ".", "_", "-"'),
  files: z
    .array(
      z.object({
        name: z
          .string()
          .max(128)
          .regex(safeName, 'letters, digits, ".", "_", "-"')
          .refine((name) => name !== manifestFileName, `"${manifestFileName}" is reserved`),
        x12: z.string().refine(is837Interchange, 'must be an X12 interchange holding 837 transaction sets'),
      }),
    )
    .min(1)
    .max(1000)
    .refine((files) => new Set(files.map((f) => f.name)).size === files.length, 'file names must be unique'),
});

/** One file as recorded in the manifest. */
export const manifestFileSchema = z.object({
  name: z.string(),
  key: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/**
 * The idempotency record and the manifest share this shape: what was queued, where, and when.
 * `manifestVersion` lets the transfer side evolve with us.
 */
export const batchRecordSchema = z.object({
  manifestVersion: z.literal(1),
  batchId: z.string(),
  payerId: z.string(),
  createdAt: z.iso.datetime(),
  prefix: z.string(),
  fileCount: z.number().int().positive(),
  files: z.array(manifestFileSchema),
  batchSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BatchRecord = z.infer<typeof batchRecordSchema>;

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The batch fingerprint: SHA-256 over the (name, sha256) pairs sorted by name, so file order does not matter. */
export function batchFingerprint(files: readonly { name: string; sha256: string }[]): string {
  const lines = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((f) => `${f.name} ${f.sha256}\n`);
  return sha256Hex(lines.join(''));
}

export function batchPrefix(outboxPrefix: string, payerId: string, createdAt: string, batchId: string): string {
  return `${outboxPrefix}/${payerId}/${createdAt.slice(0, 10)}/${batchId}`;
}

export function stateKey(statePrefix: string, payerId: string, batchId: string): string {
  return `${statePrefix}/${payerId}/${batchId}.json`;
}

/** The receipt a record stands for; the same record always yields an identical receipt. */
export function receiptOf(record: BatchRecord, bucket: string): SubmissionReceipt {
  return {
    batchId: record.batchId,
    payerId: record.payerId,
    status: 'queued',
    submittedAt: record.createdAt,
    bucket,
    manifestKey: `${record.prefix}/${manifestFileName}`,
    fileCount: record.fileCount,
    files: record.files.map((f) => ({ ...f })),
    batchSha256: record.batchSha256,
  };
}

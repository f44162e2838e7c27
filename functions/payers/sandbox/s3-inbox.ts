/**
 * Delivers the sandbox payer's files into the S3 inbox through the S3 API, as a clearinghouse would:
 * `<prefix>/<payerId>/<file name>` (default prefix `inbound`), Content-Type application/edi-x12, with
 * an S3-verified SHA-256 checksum. The only module of the sandbox that knows about AWS; the client is
 * injected (real S3, or s3rver on the embedded stack).
 */
import { createHash } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import type { InboxFile, InboxWriter } from './sandbox-payer.ts';

export interface S3InboxOptions {
  s3: Pick<S3Client, 'send'>;
  bucket: string;
  prefix?: string;
}

/** The object key a file is written to. */
export function inboxKey(file: Pick<InboxFile, 'payerId' | 'name'>, prefix = 'inbound'): string {
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${prefix}/${safe(file.payerId)}/${safe(file.name)}`;
}

/** An {@link InboxWriter} that puts each file into the inbox bucket. */
export function s3InboxWriter(options: S3InboxOptions): InboxWriter {
  return async (file) => {
    const body = Buffer.from(file.x12, 'utf8');
    await options.s3.send(
      new PutObjectCommand({
        Bucket: options.bucket,
        Key: inboxKey(file, options.prefix),
        Body: body,
        ContentType: 'application/edi-x12',
        ChecksumSHA256: createHash('sha256').update(body).digest('base64'),
        Metadata: { 'x12-kind': file.kind, 'sent-at': file.sentAt },
      }),
    );
  };
}

/** Text objects of one bucket over S3, for use-cases that are given a put/get port instead of the SDK. */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

export interface BucketObjects {
  /** Text, or bytes (a PDF). */
  put(key: string, body: string | Uint8Array, contentType: string): Promise<void>;
  /** The object's text, or null when the key does not exist. */
  get(key: string): Promise<string | null>;
}

/** Whether an S3 error says the object (or bucket) is not there: NoSuchKey on GET, NotFound on HEAD, or a 404. */
export function isNotFound(error: unknown): boolean {
  const name = error instanceof Error ? error.name : undefined;
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return name === 'NoSuchKey' || name === 'NotFound' || status === 404;
}

/** Puts and gets text objects in `bucket` (bodies are never logged: they may hold PHI). */
export function bucketObjects(s3: Pick<S3Client, 'send'>, bucket: string): BucketObjects {
  return {
    async put(key, body, contentType) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    },
    async get(key) {
      try {
        const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return (await out.Body?.transformToString('utf8')) ?? '';
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
  };
}

import { S3Client } from '@aws-sdk/client-s3';

let s3: S3Client | undefined;

/**
 * Shared clients, created once per Lambda container. Endpoints come from the standard
 * `AWS_ENDPOINT_URL_<SERVICE>` variables, which the local stack sets; S3 needs path-style there.
 */
export function s3Client(): S3Client {
  s3 ??= new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });
  return s3;
}

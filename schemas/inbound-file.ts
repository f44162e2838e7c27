/**
 * A file that landed in the inbox bucket, as the payer-file workflow carries it from task to task
 * (identify, apply acknowledgements, post remittances, quarantine). Where it is, never what it says.
 */
import { z } from 'zod';

export const inboundFileSchema = z.object({
  /** The inbox bucket (S3 bucket names have at least three characters). */
  bucket: z.string().min(3),
  /** The object key, under `inbound/`. */
  key: z.string().min(1),
  /** Bytes, as S3 reported them when the file landed. */
  size: z.number().int().nonnegative(),
  /** S3's entity tag; the S3 event may lack it (the identifying task then passes ''). */
  etag: z.string().optional(),
});
export type InboundFile = z.infer<typeof inboundFileSchema>;

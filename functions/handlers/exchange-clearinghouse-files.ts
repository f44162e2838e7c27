import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { StartDirectoryListingCommand, StartFileTransferCommand, TransferClient } from '@aws-sdk/client-transfer';
import { z } from 'zod';
import { exchangeClearinghouseFiles, type ExchangeObjects } from '#functions/clearinghouse/exchange-files.ts';
import { s3Client } from '#functions/platform/aws-clients.ts';
import { bucketObjects, isNotFound } from '#functions/platform/bucket-objects.ts';
import { now } from '#functions/platform/clock.ts';
import { requiredEnv } from '#functions/platform/env.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { logger } from '#functions/platform/logger.ts';
import { CLEARINGHOUSE_SFTP } from '#functions/clearinghouse/layout.ts';

/** The scheduled event (EventBridge); nothing in it is used. */
const scheduledEvent = z.object({}).loose();

let transfer: TransferClient | undefined;

/** The outbox bucket's objects as the exchange reads and writes them. */
function s3Objects(s3: S3Client, Bucket: string): ExchangeObjects {
  const objects = bucketObjects(s3, Bucket);
  return {
    async list(Prefix) {
      const keys: string[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken }));
        keys.push(...(page.Contents ?? []).map((o) => o.Key!));
        ContinuationToken = page.NextContinuationToken;
      } while (ContinuationToken);
      return keys;
    },
    read: async (Key) => (await s3.send(new GetObjectCommand({ Bucket, Key }))).Body!.transformToString(),
    exists: (Key) =>
      s3.send(new HeadObjectCommand({ Bucket, Key })).then(
        () => true,
        (error: unknown) => {
          if (isNotFound(error)) return false;
          throw error;
        },
      ),
    write: (Key, body) => objects.put(Key, body, 'application/json'),
    remove: async (Key) => void (await s3.send(new DeleteObjectCommand({ Bucket, Key }))),
  };
}

/**
 * Every 15 minutes where the stage reaches its clearinghouse over SFTP: our complete 837 batches go out,
 * the clearinghouse's files come into the inbox (see functions/clearinghouse/exchange-files.ts).
 */
export const handler = lambdaHandler(scheduledEvent, async () => {
  transfer ??= new TransferClient({});
  const client = transfer;
  const ConnectorId = requiredEnv('SFTP_CONNECTOR_ID');
  const outbox = requiredEnv('OUTBOX_BUCKET_NAME');
  const result = await exchangeClearinghouseFiles({
    connector: {
      startDirectoryListing: async (RemoteDirectoryPath) =>
        (
          await client.send(
            new StartDirectoryListingCommand({ ConnectorId, RemoteDirectoryPath, OutputDirectoryPath: requiredEnv('SFTP_LISTINGS_INTO') }),
          )
        ).ListingId!,
      retrieve: async (paths) =>
        (
          await client.send(
            new StartFileTransferCommand({
              ConnectorId,
              RetrieveFilePaths: [...paths],
              LocalDirectoryPath: requiredEnv('SFTP_RETRIEVE_INTO'),
            }),
          )
        ).TransferId!,
      send: async (keys, RemoteDirectoryPath) =>
        (
          await client.send(
            new StartFileTransferCommand({ ConnectorId, SendFilePaths: keys.map((key) => `/${outbox}/${key}`), RemoteDirectoryPath }),
          )
        ).TransferId!,
    },
    objects: s3Objects(s3Client(), outbox),
    layout: {
      outboxPrefix: CLEARINGHOUSE_SFTP.sendFrom.prefix,
      listingPrefix: CLEARINGHOUSE_SFTP.listings.prefix,
      statePrefix: CLEARINGHOUSE_SFTP.state.prefix,
      remoteInboundDirectory: requiredEnv('SFTP_REMOTE_INBOUND_DIRECTORY'),
      remoteOutboundDirectory: requiredEnv('SFTP_REMOTE_OUTBOUND_DIRECTORY'),
    },
    now: now(),
  });
  logger.info('Clearinghouse files exchanged', { ...result });
  return result;
});

import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
// s3rver ships no types; the surface used here is small.
import S3rver from 's3rver';
import { localCredentials, localRegion } from './credentials.ts';
import { freePort } from './ports.ts';

/** The part of an s3rver event record the local stack reads. */
interface S3EventRecord {
  eventName: string;
  eventTime: string;
  s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string; sequencer?: string } };
}

/** An S3 "Object Created" event as EventBridge delivers it to a Step Functions target. */
export interface ObjectCreatedEvent {
  version: '0';
  id: string;
  'detail-type': 'Object Created';
  source: 'aws.s3';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: {
    version: '0';
    bucket: { name: string };
    object: { key: string; size: number; etag: string; sequencer: string };
    'request-id': string;
    requester: string;
    'source-ip-address': string;
    reason: 'PutObject' | 'CopyObject' | 'CompleteMultipartUpload';
  };
}

export interface LocalS3 {
  readonly endpoint: string;
  readonly port: number;
  readonly directory: string;
  client(): S3Client;
  /** Called for each object created, with the event EventBridge would deliver. */
  onObjectCreated(listener: (event: ObjectCreatedEvent) => void): void;
  stop(): Promise<void>;
}

/** Creates an AWS SDK v3 S3 client for a local endpoint (path-style, as s3rver serves). */
export function localS3Client(endpoint: string): S3Client {
  return new S3Client({ endpoint, region: localRegion, credentials: localCredentials, forcePathStyle: true });
}

/**
 * Starts s3rver on a free loopback port with the given buckets. Objects live in `dataDir`
 * (or a fresh temporary directory), and every object created is reported as an EventBridge event.
 */
export async function startS3(options: { buckets: readonly string[]; dataDir?: string; account: string }): Promise<LocalS3> {
  const port = await freePort();
  const directory = options.dataDir ? resolve(options.dataDir) : mkdtempSync(join(tmpdir(), 'rcm-s3-'));
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    port,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: options.buckets.map((name) => ({ name })),
    allowMismatchedSignatures: true,
    vhostBuckets: false,
  });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const listeners: ((event: ObjectCreatedEvent) => void)[] = [];
  server.on('event', (event: { Records: S3EventRecord[] }) => {
    for (const record of event.Records) {
      if (!record.eventName.startsWith('ObjectCreated')) continue;
      const reason = record.eventName.endsWith('Copy')
        ? 'CopyObject'
        : record.eventName.endsWith('CompleteMultipartUpload')
          ? 'CompleteMultipartUpload'
          : 'PutObject';
      const bridged: ObjectCreatedEvent = {
        version: '0',
        id: crypto.randomUUID(),
        'detail-type': 'Object Created',
        source: 'aws.s3',
        account: options.account,
        time: record.eventTime,
        region: localRegion,
        resources: [`arn:aws:s3:::${record.s3.bucket.name}`],
        detail: {
          version: '0',
          bucket: { name: record.s3.bucket.name },
          object: {
            key: decodeURIComponent(record.s3.object.key.replace(/\+/g, ' ')),
            size: record.s3.object.size ?? 0,
            etag: (record.s3.object.eTag ?? '').replace(/"/g, ''),
            sequencer: record.s3.object.sequencer ?? '',
          },
          'request-id': crypto.randomUUID(),
          requester: options.account,
          'source-ip-address': '127.0.0.1',
          reason,
        },
      };
      for (const listener of listeners) listener(bridged);
    }
  });
  return {
    endpoint,
    port,
    directory,
    client: () => localS3Client(endpoint),
    onObjectCreated: (listener) => listeners.push(listener),
    stop: async () => {
      await server.close();
    },
  };
}

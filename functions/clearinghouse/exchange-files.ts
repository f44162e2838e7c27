/**
 * Files to and from the clearinghouse over SFTP, through an AWS Transfer Family SFTP connector, on a
 * schedule. Every transfer the connector does is asynchronous (it answers a transfer id, then moves the
 * file), so each run does what the previous run's requests made possible:
 *
 * 1. Sends each complete 837 batch in the outbox (its manifest is written last) once: the manifest's
 *    files, then the manifest, to the clearinghouse's inbound directory.
 * 2. Reads the directory listings earlier runs asked for and retrieves each file not retrieved before
 *    (by path, size and modification time) into the inbox's `inbound/` prefix, where it starts
 *    `PayerFileIntake` like any payer file. Intake de-duplicates, so a file fetched twice posts once.
 * 3. Asks for a new listing of the clearinghouse's outbound directory, for the next run.
 *
 * What was sent or retrieved is remembered as small marker objects (no PHI: keys, paths and transfer
 * ids) under the state prefix, written only after the connector accepted the transfer.
 */
import { z } from 'zod';

/** At most this many paths per StartFileTransfer call (the Transfer Family limit). */
export const PATHS_PER_TRANSFER = 10;

/** The connector's operations this use-case starts (the handler wires the Transfer Family client). */
export interface SftpConnector {
  /** Asks for a listing of the remote directory; it lands as a JSON object under the listing prefix. */
  startDirectoryListing(remoteDirectoryPath: string): Promise<string>;
  /** Starts retrieving remote files (at most {@link PATHS_PER_TRANSFER}) into the inbox's inbound prefix; answers the transfer id. */
  retrieve(remoteFilePaths: readonly string[]): Promise<string>;
  /** Starts sending objects of the outbox bucket (keys, at most {@link PATHS_PER_TRANSFER}) to the remote directory. */
  send(keys: readonly string[], remoteDirectoryPath: string): Promise<string>;
}

/** The objects of the bucket the connector works from (the outbox bucket). */
export interface ExchangeObjects {
  list(prefix: string): Promise<string[]>;
  read(key: string): Promise<string>;
  exists(key: string): Promise<boolean>;
  write(key: string, body: string): Promise<void>;
  remove(key: string): Promise<void>;
}

/** Where things are: prefixes of the outbox bucket and the clearinghouse's directories. */
export interface ExchangeLayout {
  /** The 837 batches (`outbox/`). */
  readonly outboxPrefix: string;
  /** Where the connector writes directory listings (`sftp-listings/`). */
  readonly listingPrefix: string;
  /** Where this use-case remembers what it sent and retrieved (`sftp-state/`). */
  readonly statePrefix: string;
  /** The clearinghouse's directory we put our files in. */
  readonly remoteInboundDirectory: string;
  /** The clearinghouse's directory it leaves our 999, 277CA, 835... in. */
  readonly remoteOutboundDirectory: string;
}

/** A directory listing as the connector writes it. */
const listingSchema = z.object({
  files: z
    .array(z.object({ filePath: z.string().min(1), modifiedTimestamp: z.string().optional(), size: z.number().optional() }))
    .default([]),
  truncated: z.boolean().optional(),
});

export interface ExchangeResult {
  /** Batches whose files were handed to the connector this run. */
  readonly batchesSent: number;
  readonly filesSent: number;
  /** Remote files whose retrieval was started this run. */
  readonly filesRetrieved: number;
  /** Listings read (and removed) this run. */
  readonly listingsRead: number;
  /** A listing the connector cut short (more files than it lists at once): the rest come in later runs. */
  readonly truncatedListings: number;
}

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

/** A marker key for a remote file: its path, size and time, so a file replaced under the same name is fetched again. */
export function retrievedMarker(layout: ExchangeLayout, file: { filePath: string; size?: number; modifiedTimestamp?: string }): string {
  const id = encodeURIComponent(`${file.filePath}@${file.size ?? ''}@${file.modifiedTimestamp ?? ''}`);
  return `${layout.statePrefix}retrieved/${id}.json`;
}

/** A marker key for a batch of the outbox (its folder). */
export function sentMarker(layout: ExchangeLayout, batchFolder: string): string {
  return `${layout.statePrefix}sent/${batchFolder.slice(layout.outboxPrefix.length)}.json`;
}

/** One scheduled run: send, retrieve, ask for the next listing (see the module comment). */
export async function exchangeClearinghouseFiles(deps: {
  readonly connector: SftpConnector;
  readonly objects: ExchangeObjects;
  readonly layout: ExchangeLayout;
  readonly now: Date;
}): Promise<ExchangeResult> {
  const { connector, objects, layout } = deps;
  const at = deps.now.toISOString();

  // 1. Complete batches (manifest present) not sent yet: the files first, the manifest last.
  let batchesSent = 0;
  let filesSent = 0;
  const manifests = (await objects.list(layout.outboxPrefix)).filter((key) => key.endsWith('/manifest.json')).sort();
  for (const manifestKey of manifests) {
    const folder = manifestKey.slice(0, -'manifest.json'.length);
    const marker = sentMarker(layout, folder);
    if (await objects.exists(marker)) continue;
    const manifest = z.object({ files: z.array(z.object({ key: z.string() })) }).parse(JSON.parse(await objects.read(manifestKey)));
    const keys = [...manifest.files.map((f) => f.key), manifestKey];
    const transfers: string[] = [];
    // The manifest goes in the last call, after every file of the batch was handed over.
    for (const part of [...chunks(keys.slice(0, -1), PATHS_PER_TRANSFER), [manifestKey]])
      transfers.push(await connector.send(part, layout.remoteInboundDirectory));
    await objects.write(marker, JSON.stringify({ manifestKey, files: keys.length, transfers, at }));
    batchesSent += 1;
    filesSent += keys.length;
  }

  // 2. Listings earlier runs asked for: retrieve what is new, then drop the listing.
  let filesRetrieved = 0;
  let truncatedListings = 0;
  const listings = (await objects.list(layout.listingPrefix)).filter((key) => key.endsWith('.json')).sort();
  for (const listingKey of listings) {
    const listing = listingSchema.parse(JSON.parse(await objects.read(listingKey)));
    if (listing.truncated) truncatedListings += 1;
    const fresh = [];
    for (const file of listing.files) if (!(await objects.exists(retrievedMarker(layout, file)))) fresh.push(file);
    for (const part of chunks(fresh, PATHS_PER_TRANSFER)) {
      const transferId = await connector.retrieve(part.map((f) => f.filePath));
      for (const file of part)
        await objects.write(retrievedMarker(layout, file), JSON.stringify({ filePath: file.filePath, transferId, at }));
      filesRetrieved += part.length;
    }
    await objects.remove(listingKey);
  }

  // 3. The next run's listing.
  await connector.startDirectoryListing(layout.remoteOutboundDirectory);
  return { batchesSent, filesSent, filesRetrieved, listingsRead: listings.length, truncatedListings };
}

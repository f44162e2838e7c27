/**
 * The clearinghouse exchange over its SFTP connector, run after run, against a fake connector that
 * behaves as Transfer Family does (each request answers at once with an id; the listing it asked for
 * lands as a JSON object for the next run) and an in-memory bucket. Unit test: the connector and S3 are
 * replaced here; the CDK side is in test/infra/clearinghouse-sftp.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  exchangeClearinghouseFiles,
  PATHS_PER_TRANSFER,
  type ExchangeLayout,
  type ExchangeObjects,
  type SftpConnector,
} from '#functions/clearinghouse/exchange-files.ts';

const layout: ExchangeLayout = {
  outboxPrefix: 'outbox/',
  listingPrefix: 'sftp-listings/',
  statePrefix: 'sftp-state/',
  remoteInboundDirectory: '/inbound',
  remoteOutboundDirectory: '/outbound',
};

/** A clearinghouse server, the connector in front of it, and our outbox bucket. */
function world() {
  const bucket = new Map<string, string>();
  const server = new Map<string, { body: string; modified: string }>();
  const sent: { keys: string[]; to: string }[] = [];
  const retrieved: string[][] = [];
  let ids = 0;
  const objects: ExchangeObjects = {
    list: async (prefix) => [...bucket.keys()].filter((k) => k.startsWith(prefix)),
    read: async (key) => bucket.get(key)!,
    exists: async (key) => bucket.has(key),
    write: async (key, body) => void bucket.set(key, body),
    remove: async (key) => void bucket.delete(key),
  };
  const connector: SftpConnector = {
    async startDirectoryListing(dir) {
      const files = [...server.entries()]
        .filter(([path]) => path.startsWith(`${dir}/`))
        .map(([filePath, f]) => ({ filePath, size: f.body.length, modifiedTimestamp: f.modified }));
      bucket.set(`${layout.listingPrefix}listing-${++ids}.json`, JSON.stringify({ files, paths: [], truncated: false }));
      return `listing-${ids}`;
    },
    async retrieve(paths) {
      expect(paths.length).toBeLessThanOrEqual(PATHS_PER_TRANSFER);
      retrieved.push([...paths]);
      return `t-${++ids}`;
    },
    async send(keys, to) {
      expect(keys.length).toBeLessThanOrEqual(PATHS_PER_TRANSFER);
      sent.push({ keys: [...keys], to });
      return `t-${++ids}`;
    },
  };
  const run = () => exchangeClearinghouseFiles({ connector, objects, layout, now: new Date('2026-07-10T09:00:00Z') });
  const batch = (folder: string, files: number, complete: boolean) => {
    const keys = Array.from({ length: files }, (_, i) => `outbox/SBXCOMM01/2026-07-10/${folder}/claims-${i + 1}.837`);
    for (const key of keys) bucket.set(key, 'ISA*...');
    if (complete)
      bucket.set(`outbox/SBXCOMM01/2026-07-10/${folder}/manifest.json`, JSON.stringify({ files: keys.map((key) => ({ key })) }));
  };
  return { bucket, server, sent, retrieved, run, batch };
}

describe('the clearinghouse exchange', () => {
  it('sends each complete batch once, files first and the manifest last, and leaves a batch without its manifest', async () => {
    const w = world();
    w.batch('B-1', 12, true);
    w.batch('B-2', 1, false);
    const first = await w.run();
    expect(first).toMatchObject({ batchesSent: 1, filesSent: 13 });
    expect(w.sent.map((s) => s.keys.length)).toEqual([10, 2, 1]);
    expect(w.sent.at(-1)!.keys).toEqual(['outbox/SBXCOMM01/2026-07-10/B-1/manifest.json']);
    expect(w.sent.every((s) => s.to === '/inbound')).toBe(true);

    w.batch('B-2', 1, true);
    const second = await w.run();
    expect(second).toMatchObject({ batchesSent: 1, filesSent: 2 });
    expect(w.sent.flatMap((s) => s.keys).filter((k) => k.includes('/B-1/'))).toHaveLength(13);
    expect((await w.run()).batchesSent).toBe(0);
  });

  it("retrieves the clearinghouse's new files from the listing the previous run asked for, each once, ten at a time", async () => {
    const w = world();
    for (let i = 1; i <= 12; i++) w.server.set(`/outbound/file-${i}.835`, { body: `835 number ${i}`, modified: '2026-07-10T08:00:00Z' });
    expect(await w.run()).toMatchObject({ filesRetrieved: 0, listingsRead: 0 }); // asks for the first listing
    expect(await w.run()).toMatchObject({ filesRetrieved: 12, listingsRead: 1 });
    expect(w.retrieved.map((r) => r.length)).toEqual([10, 2]);
    expect(await w.run()).toMatchObject({ filesRetrieved: 0, listingsRead: 1 });

    // The clearinghouse replaces a file under the same name: it is new, and fetched again.
    w.server.set('/outbound/file-3.835', { body: '835 number 3, corrected', modified: '2026-07-10T08:30:00Z' });
    await w.run(); // reads the listing from before the change, asks for a new one
    await w.run();
    expect(w.retrieved.at(-1)).toEqual(['/outbound/file-3.835']);
    // Listings are dropped once read; markers hold paths and transfer ids, no file content.
    expect([...w.bucket.keys()].filter((k) => k.startsWith('sftp-listings/'))).toHaveLength(1);
    const markers = [...w.bucket.entries()].filter(([k]) => k.startsWith('sftp-state/retrieved/'));
    expect(markers).toHaveLength(13);
    for (const [, body] of markers) expect(body).not.toContain('835 number');
  });
});

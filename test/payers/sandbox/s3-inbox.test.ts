import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3, type LocalS3 } from '#infra/local/s3.ts';
import { inboxKey, s3InboxWriter } from '#functions/payers/sandbox/s3-inbox.ts';
import { SandboxPayer } from '#functions/payers/sandbox/sandbox-payer.ts';
import { claim, line } from '#test/fixtures/payers/sandbox/claims.ts';
import { write837 } from '#test/fixtures/payers/sandbox/x837.ts';

const bucket = 'rcm-inbox-sandbox';
let s3: LocalS3;
let client: S3Client;
const created: string[] = [];

beforeAll(async () => {
  s3 = await startS3({ buckets: [bucket], account: '000000000000' });
  client = s3.client();
  s3.onObjectCreated((event) => created.push(event.detail.object.key));
});
afterAll(async () => s3?.stop());

describe('sandbox S3 inbox writer', () => {
  it('delivers the sandbox payer’s files into the inbox bucket through the S3 API (object-created events fire)', async () => {
    let now = Date.parse('2026-01-15T09:00:00Z');
    const payer = new SandboxPayer({ clock: () => new Date(now), inbox: s3InboxWriter({ s3: client, bucket }) });
    await payer.submitClaims({
      batchId: 'b-s3',
      payerId: 'SBXCOMM01',
      files: [{ name: 'c.837', x12: write837([claim('FULL900', [line('99213', 9000, { serviceDate: '2026-01-10' })])]) }],
    });
    now += 3_600_000;
    const sent = await payer.runDue();
    now += 7 * 86_400_000;
    sent.push(...(await payer.runDue()));
    expect(sent.map((f) => f.kind)).toEqual(['999', '277CA', '835']);
    for (const f of sent) {
      const key = inboxKey(f);
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      expect(head.ContentType).toBe('application/edi-x12');
      expect(head.Metadata).toMatchObject({ 'x12-kind': f.kind });
      const body = await (await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body?.transformToString('utf8');
      expect(body).toBe(f.x12);
    }
    await expect.poll(() => created.length).toBe(3);
    expect(created.every((k) => k.startsWith('inbound/SBXCOMM01/'))).toBe(true);
  });

  it('keeps keys safe', () => {
    expect(inboxKey({ payerId: 'a/b', name: '../x y' }, 'in')).toBe('in/a_b/.._x_y');
  });
});

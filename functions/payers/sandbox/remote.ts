/**
 * The sandbox payer deployed in AWS (stage `sandbox`), where every call runs in a short-lived Lambda:
 * each call restores the payer from its memory, acts, and saves the memory again as one optimistic
 * transaction.
 *
 * Where the memory lives: the snapshot (it holds synthetic PHI and grows with every claim) is an
 * immutable, KMS-encrypted S3 object per generation; a one-item DynamoDB table says which generation
 * is current. A save writes the new object, then moves the pointer with a conditional write on the
 * generation it read; the loser of a race deletes its object and runs again on the winner's memory, so
 * no update is lost. DynamoDB arbitrates rather than S3's own conditional writes because DynamoDB
 * Local tests that for real (the local S3 ignores If-Match on PUT); S3 holds the body because a
 * DynamoDB item stops at 400 KB.
 */
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { PayerUnavailableError } from '#functions/payers/errors.ts';
import type { AppealPacket, ClaimBatch, PayerGateway, RequestContext, SubmissionReceipt } from '#functions/payers/gateway.ts';
import { appealToSandbox } from './appeal-channel.ts';
import { inboxKey } from './s3-inbox.ts';
import { SandboxPayer } from './sandbox-payer.ts';
import type { InboxFile, InboxWriter, SandboxPayerOptions, SandboxPayerSnapshot } from './sandbox-payer.ts';

/** Where the deployed sandbox payer keeps its memory. */
export interface SandboxMemoryLocation {
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  readonly s3: Pick<S3Client, 'send'>;
  /** The one-item table holding the current generation (partition key `id`). */
  readonly table: string;
  readonly bucket: string;
  /** Key prefix of the snapshots, ending in `/`. */
  readonly prefix: string;
  /** Which sandbox (one per deployment); default `sandbox-payer`. */
  readonly id?: string;
}

/** One saved version of the memory. */
interface Generation {
  readonly number: number;
  readonly key?: string;
  readonly snapshot?: SandboxPayerSnapshot;
}

/** The partition key attribute of the memory table (the CDK app declares the same). */
export const MEMORY_TABLE_KEY = 'id';

async function readPointer(memory: SandboxMemoryLocation): Promise<{ number: number; key?: string }> {
  const { Item } = await memory.dynamodb.send(
    new GetItemCommand({
      TableName: memory.table,
      Key: { [MEMORY_TABLE_KEY]: { S: memory.id ?? 'sandbox-payer' } },
      ConsistentRead: true,
    }),
  );
  const key = Item?.objectKey?.S;
  return { number: Number(Item?.generation?.N ?? 0), ...(key ? { key } : {}) };
}

async function load(memory: SandboxMemoryLocation): Promise<Generation> {
  for (;;) {
    const pointer = await readPointer(memory);
    if (!pointer.key) return pointer;
    try {
      const object = await memory.s3.send(new GetObjectCommand({ Bucket: memory.bucket, Key: pointer.key }));
      const text = await object.Body?.transformToString('utf8');
      return { ...pointer, snapshot: JSON.parse(text ?? '') as SandboxPayerSnapshot };
    } catch (error) {
      // A newer save deleted this generation between the two reads: read the newer one.
      if ((await readPointer(memory)).number === pointer.number) throw error;
    }
  }
}

/** Saves `snapshot` as the generation after `read`; false when another call saved first. */
async function save(memory: SandboxMemoryLocation, read: Generation, snapshot: SandboxPayerSnapshot): Promise<boolean> {
  const number = read.number + 1;
  const key = `${memory.prefix}memory/${String(number).padStart(12, '0')}-${randomUUID()}.json`;
  await memory.s3.send(
    new PutObjectCommand({ Bucket: memory.bucket, Key: key, Body: JSON.stringify(snapshot), ContentType: 'application/json' }),
  );
  try {
    await memory.dynamodb.send(
      new PutItemCommand({
        TableName: memory.table,
        Item: {
          [MEMORY_TABLE_KEY]: { S: memory.id ?? 'sandbox-payer' },
          generation: { N: String(number) },
          objectKey: { S: key },
        },
        ConditionExpression: read.number === 0 ? 'attribute_not_exists(#id)' : 'generation = :read',
        ExpressionAttributeNames: read.number === 0 ? { '#id': MEMORY_TABLE_KEY } : undefined,
        ExpressionAttributeValues: read.number === 0 ? undefined : { ':read': { N: String(read.number) } },
      }),
    );
  } catch (error) {
    await memory.s3.send(new DeleteObjectCommand({ Bucket: memory.bucket, Key: key })).catch(() => undefined);
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
  // The previous generation is no longer read; a failed delete leaves an orphan, never a wrong memory.
  if (read.key) await memory.s3.send(new DeleteObjectCommand({ Bucket: memory.bucket, Key: read.key })).catch(() => undefined);
  return true;
}

export interface TransactionOptions {
  /** Attempts before giving up on a memory other calls keep changing (default 10). */
  readonly attempts?: number;
  /** Waits between attempts (default: a jittered backoff); tests pass a shorter one. */
  readonly pause?: (attempt: number) => Promise<void>;
}

const backoff = (attempt: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.random() * Math.min(1_000, 25 * 2 ** attempt)));

/**
 * Runs `act` on the sandbox payer restored from its memory and saves what changed; when another call
 * saved in between, runs `act` again on the newer memory. What `act` throws (a payer error such as the
 * `BUSY` member's rate limit) is rethrown after the memory is saved, since the payer remembers it.
 * `act` must have no effect outside the payer, or one that is safe to repeat.
 */
export async function withSandboxPayer<T>(
  memory: SandboxMemoryLocation,
  payerOptions: Omit<SandboxPayerOptions, 'restore'>,
  act: (payer: SandboxPayer) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 10;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const read = await load(memory);
    const payer = new SandboxPayer({ ...payerOptions, ...(read.snapshot ? { restore: read.snapshot } : {}) });
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await act(payer) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    const snapshot = payer.exportState();
    const changed = JSON.stringify(snapshot) !== JSON.stringify(read.snapshot ?? new SandboxPayer(payerOptions).exportState());
    if (!changed || (await save(memory, read, snapshot))) {
      if (outcome.ok) return outcome.value;
      throw outcome.error;
    }
    if (attempt < attempts) await (options.pause ?? backoff)(attempt);
  }
  throw new PayerUnavailableError('SandboxMemoryContended', { attempts });
}

/** An inbox writer for calls that must not deliver (only the tick delivers). */
const noDelivery: InboxWriter = async () => {
  throw new Error('the deployed sandbox payer delivers files only from its scheduled tick');
};

/**
 * The payer gateway over the deployed sandbox payer: 270/271 and 276/277 answered at once, 837
 * batches accepted, appeals decided; the 999, 277CA and 835 go out from {@link sandboxPayerTick}.
 */
export function remoteSandboxGateway(memory: SandboxMemoryLocation, clock: () => Date, options: TransactionOptions = {}): PayerGateway {
  const run = <T>(act: (payer: SandboxPayer) => Promise<T>) => withSandboxPayer(memory, { clock, inbox: noDelivery }, act, options);
  return {
    checkEligibility: (x12: string, ctx: RequestContext) => run((payer) => payer.checkEligibility(x12, ctx)),
    claimStatus: (x12: string, ctx: RequestContext) => run((payer) => payer.claimStatus(x12, ctx)),
    requestAuthorization: (x12: string, ctx: RequestContext) => run((payer) => payer.requestAuthorization(x12, ctx)),
    submitClaims: (batch: ClaimBatch): Promise<SubmissionReceipt> => run((payer) => payer.submitClaims(batch)),
    // Decided at once; an overturn's 835 goes out from the next tick.
    submitAppeal: (packet: AppealPacket, ctx: RequestContext) => run(async (payer) => appealToSandbox(payer, packet, ctx, clock())),
  };
}

/** What one tick did: counts and kinds only (the files hold PHI). */
export interface TickResult {
  /** Files written into the inbox by this tick. */
  readonly delivered: number;
  readonly kinds: Partial<Record<InboxFile['kind'], number>>;
  /** When the payer next has work (ISO 8601), if it has any. */
  readonly nextDueAt?: string;
}

/**
 * One scheduled run of the deployed sandbox payer: first produces the files that are due and saves
 * them in its memory (no outside effect, so a conflict simply reruns it), then writes them into the
 * inbox and saves that they went out. A rerun of the second step skips files this tick already wrote,
 * so a file reaches the inbox once even when a payer call races the tick.
 */
export async function sandboxPayerTick(
  memory: SandboxMemoryLocation,
  clock: () => Date,
  inbox: InboxWriter,
  options: TransactionOptions = {},
): Promise<TickResult> {
  await withSandboxPayer(memory, { clock, inbox: noDelivery }, async (payer) => payer.prepareDue(), options);
  const written = new Set<string>();
  const once: InboxWriter = async (file) => {
    const key = inboxKey(file);
    if (written.has(key)) return;
    await inbox(file);
    written.add(key);
  };
  const sent: InboxFile[] = [];
  const next = await withSandboxPayer(
    memory,
    { clock, inbox: once },
    async (payer) => {
      sent.length = 0;
      sent.push(...(await payer.deliverPending()));
      return payer.nextDueAt();
    },
    options,
  );
  const kinds: Partial<Record<InboxFile['kind'], number>> = {};
  for (const file of sent) kinds[file.kind] = (kinds[file.kind] ?? 0) + 1;
  return { delivered: written.size, kinds, ...(next === undefined ? {} : { nextDueAt: new Date(next).toISOString() }) };
}

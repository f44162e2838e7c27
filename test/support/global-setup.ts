import type { TestProject } from 'vitest/node';
import { startDynamoDb, type LocalDynamoDb } from '#infra/local/dynamodb.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}

let dynamo: LocalDynamoDb | undefined;

/** One in-memory DynamoDB Local for the whole test run; each test file creates its own table. */
export async function setup(project: TestProject): Promise<void> {
  dynamo = await startDynamoDb();
  project.provide('dynamoDbEndpoint', dynamo.endpoint);
}

export async function teardown(): Promise<void> {
  await dynamo?.stop();
}

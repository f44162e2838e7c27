import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { patientAccountsTable, type TableDefinition } from '#functions/store/table-definition.ts';
import { ensureTable } from '#infra/local/dynamodb.ts';
import { localCredentials, localRegion } from '#infra/local/credentials.ts';

export interface TestTable {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  drop(): Promise<void>;
}

/** Creates a fresh copy of the application table (or another declared one) in the run's shared DynamoDB Local. */
export async function createTestTable(definition: TableDefinition = patientAccountsTable): Promise<TestTable> {
  const client = new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), region: localRegion, credentials: localCredentials });
  const tableName = `test-${randomUUID()}`;
  await ensureTable(client, tableName, definition);
  return {
    client,
    tableName,
    drop: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
}

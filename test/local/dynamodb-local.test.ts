import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientAccountsTable } from '#functions/store/table-definition.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';

describe('DynamoDB Local table from the shared declaration', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable();
  });
  afterAll(async () => {
    await table.drop();
  });

  it('has the declared keys and every global secondary index', async () => {
    const { Table } = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));
    expect(Table?.KeySchema?.map((k) => k.AttributeName)).toEqual(['pk', 'sk']);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(
      patientAccountsTable.globalSecondaryIndexes.map((i) => i.indexName).sort(),
    );
  });
});

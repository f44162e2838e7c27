/**
 * A DynamoDB table built from a shared declaration (functions/store/table-definition.ts), the way every
 * table of this application is kept: encrypted with a customer-managed key, recoverable to any point,
 * protected from deletion and retained with the stack gone.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { TableDefinition } from '#functions/store/table-definition.ts';

const attributeType = (type: 'S' | 'N') => (type === 'S' ? AttributeType.STRING : AttributeType.NUMBER);

/** The table `definition` declares (keys, indexes, TTL), encrypted with `key`; its construct id is the definition's logical name. */
export function tableFromDefinition(scope: Construct, definition: TableDefinition, key: Key): Table {
  const table = new Table(scope, definition.logicalName, {
    partitionKey: { name: definition.partitionKey.name, type: attributeType(definition.partitionKey.type) },
    sortKey: { name: definition.sortKey.name, type: attributeType(definition.sortKey.type) },
    timeToLiveAttribute: definition.timeToLiveAttribute,
    billingMode: BillingMode.PAY_PER_REQUEST,
    encryption: TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  for (const index of definition.globalSecondaryIndexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: { name: index.partitionKey.name, type: attributeType(index.partitionKey.type) },
      sortKey: { name: index.sortKey.name, type: attributeType(index.sortKey.type) },
      projectionType: index.projection === 'ALL' ? ProjectionType.ALL : ProjectionType.KEYS_ONLY,
    });
  }
  return table;
}

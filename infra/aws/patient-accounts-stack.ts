import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { AppModel, BucketSpec } from '#infra/app-model.ts';
import type { TableDefinition } from '#functions/store/table-definition.ts';

export interface PatientAccountsStackProps extends StackProps {
  readonly model: AppModel;
}

const attributeType = (type: 'S' | 'N') => (type === 'S' ? AttributeType.STRING : AttributeType.NUMBER);

/** The single table, built from the same declaration the local stack uses. */
function tableFromDefinition(scope: Construct, definition: TableDefinition, key: Key): Table {
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

/**
 * The patient-accounts application on AWS. It holds PHI: every store is encrypted with a
 * customer-managed key, retained on stack deletion, private and TLS-only.
 */
export class PatientAccountsStack extends Stack {
  readonly table: Table;
  readonly buckets: Readonly<Record<string, Bucket>>;
  readonly dataKey: Key;

  constructor(scope: Construct, id: string, props: PatientAccountsStackProps) {
    super(scope, id, props);
    const { model } = props;
    this.dataKey = new Key(this, 'DataKey', {
      description: 'Encrypts patient-accounts data (PHI) at rest',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table = tableFromDefinition(this, model.table, this.dataKey);

    const accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED, // S3 server access logging cannot write to SSE-KMS buckets
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(2555) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const bucket = (spec: BucketSpec) =>
      new Bucket(this, `${spec.name}Bucket`, {
        encryption: BucketEncryption.KMS,
        encryptionKey: this.dataKey,
        bucketKeyEnabled: true,
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        versioned: true,
        serverAccessLogsBucket: accessLogs,
        serverAccessLogsPrefix: `${spec.name.toLowerCase()}/`,
        // Object Created events reach Step Functions through EventBridge (see model.triggers).
        eventBridgeEnabled: model.triggers.some((t) => t.bucket === spec.name),
        removalPolicy: RemovalPolicy.RETAIN,
      });
    this.buckets = Object.fromEntries(model.buckets.map((spec) => [spec.name, bucket(spec)]));
  }
}

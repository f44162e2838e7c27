import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { appModel } from '#infra/app-model.ts';
import { patientAccountsTable } from '#functions/store/table-definition.ts';
import { synthesize } from './app.ts';

const { stack, template } = synthesize();

describe('the CDK stack builds from the same declarations as the local stack', () => {
  it('creates the table with the declared keys, indexes and TTL, encrypted and recoverable', () => {
    const tables = template.findResources('AWS::DynamoDB::Table');
    const [table] = Object.values(tables) as { Properties: Record<string, unknown> }[];
    expect(table!.Properties.KeySchema).toEqual([
      { AttributeName: patientAccountsTable.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: patientAccountsTable.sortKey.name, KeyType: 'RANGE' },
    ]);
    const indexes = (table!.Properties.GlobalSecondaryIndexes as { IndexName: string }[]).map((i) => i.IndexName).sort();
    expect(indexes).toEqual(patientAccountsTable.globalSecondaryIndexes.map((i) => i.indexName).sort());
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: patientAccountsTable.timeToLiveAttribute, Enabled: true },
      SSESpecification: Match.objectLike({ SSEEnabled: true, SSEType: 'KMS' }),
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
  });

  it('creates every bucket of the model private, versioned and encrypted with the data key', () => {
    const dataKey = stack.resolve(stack.dataKey.keyArn) as unknown;
    const buckets = template.findResources('AWS::S3::Bucket', {
      Properties: {
        BucketEncryption: Match.objectLike({
          ServerSideEncryptionConfiguration: [
            Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: dataKey } }),
          ],
        }),
      },
    });
    expect(Object.keys(buckets)).toHaveLength(appModel.buckets.length);
    for (const bucket of Object.values(buckets) as { Properties: Record<string, unknown> }[]) {
      expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('sends Object Created events of the trigger buckets to EventBridge, without a custom resource', () => {
    const triggerBuckets = new Set(appModel.triggers.map((t) => t.bucket));
    const notifying = template.findResources('AWS::S3::Bucket', {
      Properties: { NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } } },
    });
    expect(Object.keys(notifying)).toHaveLength(triggerBuckets.size);
    template.resourceCountIs('Custom::S3BucketNotifications', 0);
  });
});

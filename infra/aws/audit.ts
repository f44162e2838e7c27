import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import { ReadWriteType, Trail } from 'aws-cdk-lib/aws-cloudtrail';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface AuditProps {
  /** Buckets whose object reads and writes are recorded (they hold PHI). */
  readonly phiBuckets: readonly IBucket[];
  readonly table: ITable;
  readonly dataKey: Key;
  readonly opsKey: Key;
  readonly accessLogs: IBucket;
  readonly logRetention: RetentionDays;
}

/** Six years: the HIPAA retention of documentation, applied to audit records and backups. */
const SIX_YEARS = Duration.days(2192);

/**
 * Who did what, and a way back: a CloudTrail trail (log file validation, KMS-encrypted, also sent to
 * an encrypted log group) with S3 data events on the PHI buckets, and the table in an AWS Backup plan
 * (daily, kept 35 days; monthly, kept six years; DynamoDB backups stay warm) in a vault encrypted with the data key.
 */
export class Audit extends Construct {
  readonly trail: Trail;
  readonly trailBucket: Bucket;
  readonly backupPlan: BackupPlan;

  constructor(scope: Construct, id: string, props: AuditProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const trailName = `${stack.stackName}-audit`;
    const trailArn = `arn:${stack.partition}:cloudtrail:${stack.region}:${stack.account}:trail/${trailName}`;
    props.opsKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudTrailEncrypt',
        principals: [new ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceArn': trailArn },
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${stack.partition}:cloudtrail:*:${stack.account}:trail/*` },
        },
      }),
    );
    this.trailBucket = new Bucket(this, 'TrailBucket', {
      encryption: BucketEncryption.KMS,
      encryptionKey: props.opsKey,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'trail/',
      lifecycleRules: [{ expiration: SIX_YEARS }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const trailLogs = new LogGroup(this, 'TrailLogs', {
      encryptionKey: props.opsKey,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.trail = new Trail(this, 'Trail', {
      trailName,
      bucket: this.trailBucket,
      encryptionKey: props.opsKey,
      enableFileValidation: true,
      includeGlobalServiceEvents: true,
      isMultiRegionTrail: true,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: trailLogs,
    });
    this.trail.addS3EventSelector(
      props.phiBuckets.map((bucket) => ({ bucket })),
      { readWriteType: ReadWriteType.ALL, includeManagementEvents: true },
    );

    const vault = new BackupVault(this, 'Vault', { encryptionKey: props.dataKey, removalPolicy: RemovalPolicy.RETAIN });
    this.backupPlan = new BackupPlan(this, 'Plan', {
      backupVault: vault,
      backupPlanRules: [
        new BackupPlanRule({
          ruleName: 'Daily',
          scheduleExpression: Schedule.cron({ hour: '5', minute: '0' }),
          deleteAfter: Duration.days(35),
        }),
        new BackupPlanRule({
          ruleName: 'Monthly',
          scheduleExpression: Schedule.cron({ day: '1', hour: '5', minute: '0' }),
          deleteAfter: SIX_YEARS,
        }),
      ],
    });
    this.backupPlan.addSelection('Table', { resources: [BackupResource.fromDynamoDbTable(props.table)] });
  }
}

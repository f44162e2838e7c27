import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { CfnConnector } from 'aws-cdk-lib/aws-transfer';
import { Construct } from 'constructs';
import type { ClearinghouseSftp as ClearinghouseSftpSettings } from '#infra/app-model.ts';
import { CLEARINGHOUSE_SFTP } from '#functions/clearinghouse/layout.ts';

/** Transfer Family's current security policy for SFTP connectors (its algorithms, FIPS-friendly). */
export const SFTP_CONNECTOR_SECURITY_POLICY = 'TransferSFTPConnectorSecurityPolicy-2024-03';

export interface ClearinghouseSftpProps {
  readonly settings: ClearinghouseSftpSettings;
  /** The application's buckets by model name (the inbox and the outbox). */
  readonly buckets: Readonly<Record<string, IBucket>>;
  /** The buckets' key (and the credentials secret's). */
  readonly dataKey: IKey;
  /** The key of the connector's log group. */
  readonly logKey: IKey;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

/**
 * The clearinghouse's SFTP server as an AWS Transfer Family SFTP connector: the credentials secret the
 * clearinghouse issues (created empty of them here: ops put the user name and private key in it), the
 * role the connector works with (only the places `CLEARINGHOUSE_SFTP` names, and the secret), and its
 * own encrypted log group. `ExchangeClearinghouseFiles` starts its listings and transfers on a schedule.
 */
export class ClearinghouseSftp extends Construct {
  readonly connector: CfnConnector;
  readonly secret: Secret;
  readonly accessRole: Role;
  readonly loggingRole: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ClearinghouseSftpProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.secret = new Secret(this, 'Credentials', {
      description:
        'The clearinghouse SFTP login for the Transfer Family connector: set {"Username": ..., "PrivateKey": ...} as the clearinghouse issued them',
      encryptionKey: props.dataKey,
      // A placeholder the connector cannot log in with until ops replace it.
      generateSecretString: { secretStringTemplate: JSON.stringify({ Username: 'set-me' }), generateStringKey: 'Password' },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const assumedByTransfer = new ServicePrincipal('transfer.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    });
    this.accessRole = new Role(this, 'AccessRole', {
      assumedBy: assumedByTransfer,
      description: 'The clearinghouse SFTP connector: reads our 837 batches, writes its files into the inbox, reads its login',
    });
    const place = ({ bucket, prefix }: { bucket: string; prefix: string }) => props.buckets[bucket]!.arnForObjects(`${prefix}*`);
    const { sendFrom, listings, retrieveInto } = CLEARINGHOUSE_SFTP;
    this.accessRole.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'SendBatches', actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [place(sendFrom)] }),
    );
    this.accessRole.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'WriteFiles', actions: ['s3:PutObject'], resources: [place(retrieveInto), place(listings)] }),
    );
    this.accessRole.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'Buckets',
        actions: ['s3:ListBucket', 's3:GetBucketLocation'],
        resources: [...new Set([sendFrom.bucket, listings.bucket, retrieveInto.bucket])].map((b) => props.buckets[b]!.bucketArn),
      }),
    );
    this.secret.grantRead(this.accessRole);
    this.accessRole.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'DataKey',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [props.dataKey.keyArn],
        conditions: {
          StringEquals: { 'kms:ViaService': [`s3.${stack.region}.amazonaws.com`, `secretsmanager.${stack.region}.amazonaws.com`] },
        },
      }),
    );

    this.loggingRole = new Role(this, 'LoggingRole', {
      assumedBy: assumedByTransfer,
      description: 'The clearinghouse SFTP connector writes its transfer log to its own log group',
    });
    this.connector = new CfnConnector(this, 'Connector', {
      url: props.settings.url,
      accessRole: this.accessRole.roleArn,
      loggingRole: this.loggingRole.roleArn,
      securityPolicyName: SFTP_CONNECTOR_SECURITY_POLICY,
      sftpConfig: { userSecretId: this.secret.secretArn, trustedHostKeys: [...props.settings.trustedHostKeys] },
    });
    // Transfer Family logs a connector to /aws/transfer/<connector id>: created here, so it is encrypted and kept as long as the others.
    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/transfer/${this.connector.attrConnectorId}`,
      encryptionKey: props.logKey,
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.loggingRole.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ConnectorLog',
        actions: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
        // The log group's ARN ends in `:*`, which covers its streams.
        resources: [this.logGroup.logGroupArn],
      }),
    );
  }

  /** Lets a function start listings and transfers on this connector, and nothing else of Transfer Family. */
  grantStartTransfers(role: Role): void {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'SftpConnector',
        actions: ['transfer:StartDirectoryListing', 'transfer:StartFileTransfer'],
        resources: [this.connector.attrArn],
      }),
    );
  }
}

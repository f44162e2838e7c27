import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { BackupResource } from 'aws-cdk-lib/aws-backup';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Schedule as DailySchedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import {
  checkModel,
  consumersOf,
  definitionSubstitutions,
  deployedModel,
  functionEnvironment,
  usesSandboxPayerMemory,
  type AppModel,
  type BucketSpec,
} from '#infra/app-model.ts';
import { MEMORY_TABLE_KEY } from '#functions/payers/sandbox/remote.ts';
import { grantDeclaredAccess } from './access.ts';
import { ApiConsumers } from './api-consumers.ts';
import { ApplicationFunction } from './application-function.ts';
import { Audit } from './audit.ts';
import { apiFunctionNameOf } from './names.ts';
import { AuditTrail } from './audit-trail.ts';
import { ClearinghouseSftp } from './clearinghouse-sftp.ts';
import { OpsConsole } from './console.ts';
import { Operations } from './operations.ts';
import type { StageConfig } from './stage.ts';
import { stateMachineArn, stateMachineArnPattern, Workflow } from './workflows.ts';
import { tableFromDefinition } from './table-from-definition.ts';

export interface PatientAccountsStackProps extends StackProps {
  readonly model: AppModel;
  readonly stage: StageConfig;
  /** Repository root (entries and workflow files are relative to it). */
  readonly rootDir: string;
}

/** Days a Distributed Map's working files stay (see the lifecycle rule below). */
export const DISTRIBUTED_MAP_FILES_DAYS = 30;

/**
 * The patient-accounts application on AWS, built from the app model: the table and buckets, one
 * function per handler with exactly the access it declares, one state machine per workflow file, the
 * S3 → EventBridge → Step Functions triggers, the ops dashboard and alarms, and the audit trail. It
 * holds PHI: every store is encrypted with a customer-managed key, retained on stack deletion, private
 * and TLS-only.
 */
export class PatientAccountsStack extends Stack {
  readonly table: Table;
  readonly buckets: Readonly<Record<string, Bucket>>;
  /** Encrypts PHI at rest: table, buckets, state machines, dead-letter queues. */
  readonly dataKey: Key;
  /** Encrypts what ops and auditors read: log groups, the alarm topic, the audit trail. */
  readonly opsKey: Key;
  readonly functions: Readonly<Record<string, ApplicationFunction>>;
  readonly workflows: Readonly<Record<string, Workflow>>;
  readonly functionDeadLetters: Queue;
  readonly triggerDeadLetters: Queue;
  /** The role each trigger (and each state-machine schedule) starts its workflow with. */
  readonly triggerRoles: Role[] = [];
  readonly accessLogs: Bucket;
  readonly operations: Operations;
  readonly audit: Audit;
  /** The PHI access audit trail (its own table and key), where the model declares one. */
  readonly auditTrail: AuditTrail | undefined;
  /** The API consumers' aliases deployed in this stage. */
  readonly apiConsumers: ApiConsumers;
  /** The deployed sandbox payer's pointer table (stage `sandbox` only). */
  readonly sandboxPayerTable: Table | undefined;
  /** The clearinghouse SFTP connector, where the stage reaches its clearinghouse over SFTP. */
  readonly clearinghouseSftp: ClearinghouseSftp | undefined;
  /** The schedule rules, by function name. */
  readonly schedules: Readonly<Record<string, Rule>>;
  /** The model as this stage deploys it: without the functions (and their schedules) of other payer connections. */
  readonly model: AppModel;
  readonly stage: StageConfig;
  /** The ops console, where the stage deploys it (stage setting `console`). */
  readonly console: OpsConsole | undefined;

  constructor(scope: Construct, id: string, props: PatientAccountsStackProps) {
    super(scope, id, props);
    const { stage, rootDir } = props;
    checkModel(props.model);
    const model = deployedModel(props.model, stage.payer);
    this.model = model;
    this.stage = stage;
    const logRetention = stage.logRetentionDays as RetentionDays;
    const logRemovalPolicy = stage.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.dataKey = new Key(this, 'DataKey', {
      description: 'Encrypts patient-accounts data (PHI) at rest',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.opsKey = new Key(this, 'OpsKey', {
      description: 'Encrypts patient-accounts logs, alarm notifications and the audit trail',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch Logs encrypts this account's log groups in this region with the ops key.
    this.opsKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchLogs',
        principals: [new ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${this.region}:${this.account}:log-group:*` },
        },
      }),
    );
    this.table = tableFromDefinition(this, model.table, this.dataKey);
    this.auditTrail = model.auditTable ? new AuditTrail(this, 'AuditTrail', { definition: model.auditTable }) : undefined;
    const auditTrail = this.auditTrail;

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED, // S3 server access logging cannot write to SSE-KMS buckets
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(2555) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const bucket = (spec: BucketSpec) => {
      const created = new Bucket(this, `${spec.name}Bucket`, {
        encryption: BucketEncryption.KMS,
        encryptionKey: this.dataKey,
        bucketKeyEnabled: true,
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        versioned: true,
        serverAccessLogsBucket: this.accessLogs,
        serverAccessLogsPrefix: `${spec.name.toLowerCase()}/`,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      // Object Created events reach Step Functions through EventBridge (see model.triggers). Set on the
      // bucket itself rather than with `eventBridgeEnabled`, which adds a custom-resource Lambda.
      if (model.triggers.some((t) => t.bucket === spec.name)) {
        (created.node.defaultChild as CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
      }
      return created;
    };
    this.buckets = Object.fromEntries(model.buckets.map((spec) => [spec.name, bucket(spec)]));

    const deadLetterQueue = (queueId: string) =>
      new Queue(this, queueId, {
        encryption: QueueEncryption.KMS,
        encryptionMasterKey: this.dataKey,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
        removalPolicy: logRemovalPolicy,
      });
    this.functionDeadLetters = deadLetterQueue('FunctionDeadLetters');
    this.triggerDeadLetters = deadLetterQueue('TriggerDeadLetters');

    // The deployed sandbox payer's pointer to its current memory (see functions/payers/sandbox/remote.ts):
    // one item, encrypted with the data key; the memory itself is objects in `model.sandboxPayer`'s bucket.
    this.sandboxPayerTable = model.functions.some((fn) => usesSandboxPayerMemory(fn, stage.payer))
      ? new Table(this, 'SandboxPayerMemory', {
          partitionKey: { name: MEMORY_TABLE_KEY, type: AttributeType.STRING },
          billingMode: BillingMode.PAY_PER_REQUEST,
          encryption: TableEncryption.CUSTOMER_MANAGED,
          encryptionKey: this.dataKey,
          pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
          removalPolicy: RemovalPolicy.RETAIN,
        })
      : undefined;
    const sandboxPayerTable = this.sandboxPayerTable;
    // Every save retires the previous generation; in the versioned bucket it would stay as a noncurrent version.
    if (sandboxPayerTable && model.sandboxPayer)
      this.buckets[model.sandboxPayer.memory.bucket]!.addLifecycleRule({
        id: 'SandboxPayerRetiredMemory',
        prefix: model.sandboxPayer.memory.prefix,
        noncurrentVersionExpiration: Duration.days(7),
        expiredObjectDeleteMarker: true,
      });

    // A Distributed Map's working files (the split claims it reads, the results it writes) serve one
    // posting and its resumes; the 835 itself stays in the inbox, so they need not outlive a month.
    for (const machine of model.stateMachines)
      for (const grant of machine.distributedMap?.objects ?? [])
        this.buckets[grant.bucket]!.addLifecycleRule({
          id: `${machine.name}Working${grant.prefix.replace(/[^A-Za-z0-9]/g, '')}`,
          prefix: grant.prefix,
          expiration: Duration.days(DISTRIBUTED_MAP_FILES_DAYS),
        });

    const sftp = stage.payer.gateway === 'real' ? stage.payer.sftp : undefined;
    this.clearinghouseSftp = sftp
      ? new ClearinghouseSftp(this, 'ClearinghouseSftp', {
          settings: sftp,
          buckets: this.buckets,
          dataKey: this.dataKey,
          logKey: this.opsKey,
          logRetention,
          logRemovalPolicy,
        })
      : undefined;
    const clearinghouseSftp = this.clearinghouseSftp;

    const resolver = {
      functionArn: (name: string) => this.functions[name]!.function.functionArn,
      stateMachineArn: (name: string) => stateMachineArn(this, name),
      bucketName: (name: string) => this.buckets[name]!.bucketName,
      tableName: () => this.table.tableName,
      ...(auditTrail ? { auditTableName: () => auditTrail.table.tableName } : {}),
      ...(sandboxPayerTable ? { sandboxPayerTableName: () => sandboxPayerTable.tableName } : {}),
      ...(clearinghouseSftp ? { sftpConnectorId: () => clearinghouseSftp.connector.attrConnectorId } : {}),
    };
    const payerSecretName = stage.payer.gateway === 'real' ? stage.payer.coreSecretId : undefined;
    const functions: Record<string, ApplicationFunction> = {};
    for (const spec of model.functions) {
      const fn = new ApplicationFunction(this, spec.name, {
        spec,
        // Other services call API functions by name: a stable one, from the stage (infra/aws/names.ts).
        ...(consumersOf(model, spec.name).length > 0 ? { functionName: apiFunctionNameOf(stage.stage, spec.name) } : {}),
        rootDir,
        environment: functionEnvironment(model, spec, resolver, stage.payer),
        logKey: this.opsKey,
        logRetention,
        logRemovalPolicy,
        deadLetterQueue: this.functionDeadLetters,
        deadLetterKey: this.dataKey,
      });
      grantDeclaredAccess(fn.role, spec, {
        model,
        table: this.table,
        buckets: this.buckets,
        dataKey: this.dataKey,
        stateMachineArn: resolver.stateMachineArn,
        stateMachineArnPattern: stateMachineArnPattern(this),
        ...(payerSecretName ? { payerSecretName } : {}),
        payer: stage.payer,
        ...(auditTrail ? { auditTrail: { table: auditTrail.table, key: auditTrail.key } } : {}),
        ...(sandboxPayerTable && model.sandboxPayer
          ? {
              sandboxPayerMemory: {
                table: sandboxPayerTable,
                bucket: this.buckets[model.sandboxPayer.memory.bucket]!,
                prefix: model.sandboxPayer.memory.prefix,
              },
            }
          : {}),
      });
      if (spec.access?.sftpConnector) {
        if (!clearinghouseSftp) throw new Error(`${spec.name}: uses the clearinghouse SFTP connector, which this stage does not deploy`);
        clearinghouseSftp.grantStartTransfers(fn.role);
      }
      functions[spec.name] = fn;
    }
    this.functions = functions;
    this.apiConsumers = new ApiConsumers(this, 'ApiConsumers', { model, functions, principals: stage.consumers });

    const substitutions = definitionSubstitutions(model, resolver);
    const functionArns = Object.fromEntries(model.functions.map((spec) => [spec.name, functions[spec.name]!.function.functionArn]));
    this.workflows = Object.fromEntries(
      model.stateMachines.map((spec) => [
        spec.name,
        new Workflow(this, spec.name, {
          spec,
          rootDir,
          substitutions,
          functionArns,
          dataKey: this.dataKey,
          logKey: this.opsKey,
          logRetention,
          logRemovalPolicy,
          buckets: this.buckets,
        }),
      ]),
    );

    // EventBridge delivers to the encrypted dead-letter queue of the triggers with the data key.
    this.dataKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'EventBridgeDeadLetters',
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    for (const trigger of model.triggers) {
      const target = this.workflows[trigger.stateMachine]!.stateMachine;
      const role = new Role(this, `${trigger.bucket}To${trigger.stateMachine}Role`, {
        assumedBy: new ServicePrincipal('events.amazonaws.com'),
        description: `Starts ${trigger.stateMachine} for objects created under ${trigger.prefix} in ${trigger.bucket}`,
      });
      this.mayStartWorkflow(role, target);
      new Rule(this, `${trigger.bucket}To${trigger.stateMachine}`, {
        description: `Objects created under ${trigger.prefix} in ${trigger.bucket} start ${trigger.stateMachine}`,
        eventPattern: {
          source: ['aws.s3'],
          detailType: ['Object Created'],
          detail: { bucket: { name: [this.buckets[trigger.bucket]!.bucketName] }, object: { key: [{ prefix: trigger.prefix }] } },
        },
        targets: [
          new SfnStateMachine(target, {
            role,
            deadLetterQueue: this.triggerDeadLetters,
            retryAttempts: 20,
            maxEventAge: Duration.hours(24),
          }),
        ],
      });
    }

    // Schedules from the model: EventBridge invokes the function at its rate, retrying, then dead-letters.
    this.schedules = Object.fromEntries(
      (model.schedules ?? []).map((schedule) => [
        schedule.function,
        new Rule(this, `${schedule.function}Schedule`, {
          description: schedule.description,
          schedule: Schedule.rate(Duration.minutes(schedule.everyMinutes)),
          targets: [
            new LambdaFunction(this.functions[schedule.function]!.function, {
              deadLetterQueue: this.triggerDeadLetters,
              retryAttempts: 2,
              maxEventAge: Duration.minutes(schedule.everyMinutes),
            }),
          ],
        }),
      ]),
    );

    // State machines started daily (EventBridge Scheduler): the role may start only that machine and
    // encrypt its input with the machine's key; missed starts go to the triggers' dead-letter queue.
    for (const schedule of model.stateMachineSchedules ?? []) {
      const target = this.workflows[schedule.stateMachine]!.stateMachine;
      const role = new Role(this, `${schedule.stateMachine}ScheduleRole`, {
        assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': this.account } } }),
        description: `Starts ${schedule.stateMachine} daily at ${schedule.dailyAtUtc} UTC`,
      });
      // A missed start is dead-lettered to a queue encrypted with the data key: only through SQS.
      role.addToPrincipalPolicy(
        new PolicyStatement({
          sid: 'DeadLetterKey',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [this.dataKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `sqs.${this.region}.amazonaws.com` } },
        }),
      );
      this.mayStartWorkflow(role, target);
      const [hour, minute] = schedule.dailyAtUtc.split(':');
      new DailySchedule(this, `${schedule.stateMachine}Schedule`, {
        description: schedule.description,
        schedule: ScheduleExpression.cron({ hour: String(Number(hour)), minute: String(Number(minute)) }),
        target: new StepFunctionsStartExecution(target, {
          role,
          input: ScheduleTargetInput.fromObject(schedule.input),
          deadLetterQueue: this.triggerDeadLetters,
          retryAttempts: 20,
          maxEventAge: Duration.hours(12),
        }),
      });
    }

    this.operations = new Operations(this, 'Operations', {
      model,
      alarmEmail: stage.alarmEmail,
      key: this.opsKey,
      functions: this.functions,
      workflows: this.workflows,
      deadLetterQueues: [this.functionDeadLetters, this.triggerDeadLetters],
    });
    this.audit = new Audit(this, 'Audit', {
      phiBuckets: model.buckets.map((spec) => this.buckets[spec.name]!),
      table: this.table,
      dataKey: this.dataKey,
      opsKey: this.opsKey,
      accessLogs: this.accessLogs,
      logRetention,
    });
    // The audit trail is backed up with the table: its entries are kept for the accounting of disclosures.
    if (auditTrail) this.audit.backupPlan.addSelection('AuditTrail', { resources: [BackupResource.fromDynamoDbTable(auditTrail.table)] });

    this.console = stage.console
      ? new OpsConsole(this, 'Console', {
          settings: stage.console,
          rootDir,
          functions: this.functions,
          apis: Object.fromEntries(
            Object.entries(functions).map(([name, fn]) => {
              const alias = this.apiConsumers.aliases[`${name}/billing-office`];
              return [name, { functionName: fn.function.functionName, ...(alias ? { aliasArn: alias.functionArn } : {}) }];
            }),
          ),
          stateMachineArns: Object.fromEntries(model.stateMachines.map(({ name }) => [name, stateMachineArn(this, name)])),
          workflowKey: this.dataKey,
          logKey: this.opsKey,
          logRetention,
          logRemovalPolicy,
          deadLetterQueue: this.functionDeadLetters,
          deadLetterKey: this.dataKey,
          ruleDeadLetterQueue: this.triggerDeadLetters,
          accessLogs: this.accessLogs,
        })
      : undefined;
    if (this.console)
      this.audit.backupPlan.addSelection('ConsoleState', { resources: [BackupResource.fromDynamoDbTable(this.console.table)] });
  }

  /**
   * Lets a role that EventBridge or EventBridge Scheduler assumes start `target`: the execution input is
   * encrypted with the state machine's key by the caller that starts it. Nag acknowledges the inline
   * policy of every such role (infra/aws/nag.ts).
   */
  private mayStartWorkflow(role: Role, target: IStateMachine): void {
    this.triggerRoles.push(role);
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'WorkflowKey',
        actions: ['kms:GenerateDataKey'],
        resources: [this.dataKey.keyArn],
        conditions: { StringEquals: { 'kms:EncryptionContext:aws:states:stateMachineArn': target.stateMachineArn } },
      }),
    );
  }
}

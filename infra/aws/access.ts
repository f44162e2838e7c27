import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { executionArnOf } from '#functions/platform/start-lifecycle.ts';
import { usesSandboxPayerMemory, type AppModel, type FunctionSpec, type ObjectAccess, type PayerConnection } from '#infra/app-model.ts';

/** The resources a function's declared access refers to. */
export interface AccessTargets {
  readonly model: AppModel;
  readonly table: ITable;
  readonly buckets: Readonly<Record<string, IBucket>>;
  /** The key of the table and the buckets. */
  readonly dataKey: IKey;
  readonly stateMachineArn: (name: string) => string;
  /** Matches the ARNs of every state machine of the stack (their executions are encrypted with the data key). */
  readonly stateMachineArnPattern: string;
  /** Secrets Manager name of the clearinghouse connection secret, when the stage uses a real payer. */
  readonly payerSecretName?: string;
  /** The stage's payer connection (omitted: one without a deployed sandbox payer). */
  readonly payer?: PayerConnection;
  /** The PHI access audit trail: its table and its own key (where the model has one). */
  readonly auditTrail?: { readonly table: ITable; readonly key: IKey };
  /** The deployed sandbox payer's memory: its pointer table and the prefix of its objects (stage `sandbox`). */
  readonly sandboxPayerMemory?: { readonly table: ITable; readonly bucket: IBucket; readonly prefix: string };
}

/** Exact S3 actions per declared access: no wildcard, nothing on the bucket beyond listing. */
const OBJECT_ACTIONS: Record<Exclude<ObjectAccess, 'list'>, readonly string[]> = {
  read: ['s3:GetObject'],
  write: ['s3:PutObject'],
  delete: ['s3:DeleteObject'],
};

const TABLE_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
const TABLE_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/**
 * The IAM statements a function's declaration in the app model grants, and nothing else: table actions
 * on the table and its declared indexes, object actions on the declared prefixes, the data key only
 * through the services that use it, the payer secret by name, task-token callbacks, executions of the
 * declared state machines.
 */
export function accessStatements(fn: FunctionSpec, targets: AccessTargets): PolicyStatement[] {
  const { model, table, buckets, dataKey } = targets;
  const stack = Stack.of(table);
  const access = fn.access ?? {};
  const statements: PolicyStatement[] = [];
  const keyActions = new Set<string>();
  const viaServices = new Set<string>();

  if (access.table) {
    const indexArns = model.table.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`);
    const actions = access.table === 'readWrite' ? [...TABLE_READ, ...TABLE_WRITE] : TABLE_READ;
    statements.push(new PolicyStatement({ sid: 'Table', actions, resources: [table.tableArn, ...indexArns] }));
    keyActions.add('kms:Decrypt').add('kms:DescribeKey');
    if (access.table === 'readWrite') keyActions.add('kms:Encrypt').add('kms:GenerateDataKey');
    viaServices.add(`dynamodb.${stack.region}.amazonaws.com`);
  }

  const objects = access.objects ?? [];
  for (const [index, grant] of objects.entries()) {
    const bucket = buckets[grant.bucket];
    if (!bucket) throw new Error(`${fn.name}: unknown bucket ${grant.bucket}`);
    statements.push(
      new PolicyStatement({
        sid: `Objects${index}`,
        actions: grant.access.flatMap((a) => (a === 'list' ? [] : OBJECT_ACTIONS[a])),
        resources: [bucket.arnForObjects(`${grant.prefix}*`)],
      }),
    );
    if (grant.access.includes('read')) keyActions.add('kms:Decrypt');
    if (grant.access.includes('write')) keyActions.add('kms:GenerateDataKey').add('kms:Decrypt');
    viaServices.add(`s3.${stack.region}.amazonaws.com`);
  }
  // `list`: without s3:ListBucket a read of a missing key answers 403 instead of 404, and the outbox
  // tells "not there yet" from "denied" that way. The condition cannot narrow it to a prefix (a GET
  // carries no s3:prefix), so it is declared only where a function needs it.
  for (const bucketName of new Set(objects.filter((grant) => grant.access.includes('list')).map((grant) => grant.bucket))) {
    statements.push(
      new PolicyStatement({ sid: `List${bucketName}`, actions: ['s3:ListBucket'], resources: [buckets[bucketName]!.bucketArn] }),
    );
  }
  // The deployed sandbox payer's memory: read and move its pointer, read, write and retire its snapshots.
  if (targets.payer && usesSandboxPayerMemory(fn, targets.payer)) {
    const memory = targets.sandboxPayerMemory;
    if (!memory) throw new Error(`${fn.name}: uses the sandbox payer's memory, which this stack does not deploy`);
    statements.push(
      new PolicyStatement({
        sid: 'SandboxPayerPointer',
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        resources: [memory.table.tableArn],
      }),
      new PolicyStatement({
        sid: 'SandboxPayerMemory',
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [memory.bucket.arnForObjects(`${memory.prefix}*`)],
      }),
    );
    keyActions.add('kms:Decrypt').add('kms:DescribeKey').add('kms:Encrypt').add('kms:GenerateDataKey');
    viaServices.add(`dynamodb.${stack.region}.amazonaws.com`).add(`s3.${stack.region}.amazonaws.com`);
  }
  // The audit trail: entries are added (PutItem, conditioned so none is replaced) and, for the access
  // report, queried; no function may update or delete one. Its key opens only through DynamoDB.
  if (access.audit) {
    const trail = targets.auditTrail;
    if (!trail) throw new Error(`${fn.name}: uses the audit trail, which this stack does not deploy`);
    const actions = access.audit === 'read' ? ['dynamodb:PutItem', 'dynamodb:Query'] : ['dynamodb:PutItem'];
    statements.push(
      new PolicyStatement({ sid: 'AuditTrail', actions, resources: [trail.table.tableArn] }),
      new PolicyStatement({
        sid: 'AuditTrailKey',
        actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
        resources: [trail.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${stack.region}.amazonaws.com` } },
      }),
    );
  }
  if (keyActions.size > 0) {
    statements.push(
      new PolicyStatement({
        sid: 'DataKey',
        actions: [...keyActions].sort(),
        resources: [dataKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': [...viaServices].sort() } },
      }),
    );
  }

  if (access.payerGateway && targets.payerSecretName) {
    statements.push(
      new PolicyStatement({
        sid: 'PayerSecret',
        actions: ['secretsmanager:GetSecretValue'],
        // Secrets Manager appends six random characters to a secret's name in its ARN.
        resources: [
          stack.formatArn({
            service: 'secretsmanager',
            resource: 'secret',
            resourceName: `${targets.payerSecretName}-??????`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );
  }
  if (access.taskTokens) {
    statements.push(
      new PolicyStatement({
        sid: 'TaskTokens',
        effect: Effect.ALLOW,
        actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'],
        // Task-token callbacks name no resource: IAM accepts only "*" for them.
        resources: ['*'],
      }),
    );
  }
  for (const [index, name] of (access.startExecutions ?? []).entries()) {
    statements.push(
      new PolicyStatement({ sid: `Start${index}`, actions: ['states:StartExecution'], resources: [targets.stateMachineArn(name)] }),
    );
  }
  for (const [index, name] of (access.readExecutions ?? []).entries()) {
    // Execution ARNs are the state machine's with `execution` and a name known only at run time.
    const executions = executionArnOf(targets.stateMachineArn(name), '*');
    statements.push(
      new PolicyStatement({ sid: `DescribeExecutions${index}`, actions: ['states:DescribeExecution'], resources: [executions] }),
    );
  }
  if (access.taskTokens || (access.startExecutions ?? []).length > 0) {
    // A caller that hands a workflow data (an execution's input, a task's output) encrypts it with the
    // state machine's customer-managed key.
    statements.push(
      new PolicyStatement({
        sid: 'WorkflowKey',
        actions: ['kms:GenerateDataKey'],
        resources: [dataKey.keyArn],
        conditions: { StringLike: { 'kms:EncryptionContext:aws:states:stateMachineArn': targets.stateMachineArnPattern } },
      }),
    );
  }
  return statements;
}

/** Adds a function's statements to its role. */
export function grantDeclaredAccess(grantee: IGrantable, fn: FunctionSpec, targets: AccessTargets): void {
  for (const statement of accessStatements(fn, targets)) grantee.grantPrincipal.addToPrincipalPolicy(statement);
}

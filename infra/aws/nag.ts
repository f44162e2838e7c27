import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { usesSandboxPayerMemory } from '#infra/app-model.ts';
import { CLEARINGHOUSE_SFTP } from '#functions/clearinghouse/layout.ts';
import { acknowledgeConsoleFindings } from './console-nag.ts';
import type { PatientAccountsStack } from './patient-accounts-stack.ts';

/** Acknowledges one cdk-nag finding on the construct it concerns (never on the stack), with why. */
function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** The default policy CDK attaches to a role (the `Role/DefaultPolicy` child). */
function defaultPolicy(role: IConstruct): IConstruct {
  return role.node.findChild('DefaultPolicy');
}

const INLINE_POLICY =
  'The policy belongs to exactly one role, which only this resource assumes; a managed policy would add an attachable object nobody else should attach.';
const NO_VPC =
  'The function calls AWS APIs and the clearinghouse over TLS and holds no network listener; a VPC would add NAT and endpoints and no control HIPAA asks for here.';
const REPLICATION =
  'Versioned, retained and KMS-encrypted; cross-region replication needs a second region and key that the hospital chooses (README, Deploy to AWS).';

/**
 * Every cdk-nag finding (AWS Solutions, HIPAA Security) the stack accepts, each on its resource with
 * the reason. A finding not acknowledged here fails the synth and the test in test/infra.
 */
export function acknowledgeFindings(stack: PatientAccountsStack): void {
  const logicalId = (construct: IConstruct) => Stack.of(construct).resolve((construct.node.defaultChild as CfnElement).logicalId) as string;

  for (const [name, fn] of Object.entries(stack.functions)) {
    const spec = stack.model.functions.find((f) => f.name === name)!;
    acknowledge(
      fn.function,
      'AwsSolutions-L1',
      'Node.js 22 is the runtime the project builds, tests and supports (package.json engines); moving on is a project decision.',
    );
    acknowledge(fn.function, 'HIPAA.Security-LambdaInsideVPC', NO_VPC);
    if (spec.reservedConcurrency === undefined) {
      acknowledge(
        fn.function,
        'HIPAA.Security-LambdaConcurrency',
        'Invoked only by our workflows, whose concurrency bounds it; no payer limit applies, and reserving would take capacity from the account.',
      );
    }
    const policy = defaultPolicy(fn.role);
    acknowledge(policy, 'HIPAA.Security-IAMNoInlinePolicy', INLINE_POLICY);
    acknowledge(
      policy,
      'AwsSolutions-IAM5[Resource::*]',
      spec.access?.taskTokens
        ? 'X-Ray PutTraceSegments/PutTelemetryRecords and states:SendTaskSuccess/SendTaskFailure accept no resource but "*".'
        : 'X-Ray PutTraceSegments/PutTelemetryRecords accept no resource but "*".',
    );
    for (const machine of spec.access?.readExecutions ?? []) {
      acknowledge(
        policy,
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${stack.stackName}-${machine}:*]`,
        `DescribeExecution on executions of ${machine} only: each execution's name is known at run time (declared in infra/app-model.ts).`,
      );
    }
    const memory = stack.model.sandboxPayer?.memory;
    const grants = [...(spec.access?.objects ?? [])];
    if (memory && usesSandboxPayerMemory(spec, stack.stage.payer)) grants.push({ ...memory, access: ['read', 'write', 'delete'] });
    for (const grant of grants) {
      acknowledge(
        policy,
        `AwsSolutions-IAM5[Resource::<${logicalId(stack.buckets[grant.bucket]!)}.Arn>/${grant.prefix}*]`,
        `Objects under ${grant.prefix} only: each file has its own key, known at run time (declared in infra/app-model.ts).`,
      );
    }
  }

  for (const [workflowName, workflow] of Object.entries(stack.workflows)) {
    const policy = defaultPolicy(workflow.stateMachine.role);
    acknowledge(policy, 'HIPAA.Security-IAMNoInlinePolicy', INLINE_POLICY);
    acknowledge(
      policy,
      'AwsSolutions-IAM5[Resource::*]',
      'Step Functions log delivery (logs:*LogDelivery, DescribeLogGroups, resource policies) and X-Ray accept no resource but "*".',
    );
    const map = stack.model.stateMachines.find((m) => m.name === workflowName)?.distributedMap;
    if (map) {
      const name = `${stack.stackName}-${workflowName}`;
      for (const kind of ['execution', 'mapRun'])
        acknowledge(
          policy,
          `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:${kind}:${name}/*]`,
          `Its Distributed Maps' own child executions and Map Runs only (${name}/<map state>:<id>); their ids are made at run time.`,
        );
      for (const grant of map.objects)
        acknowledge(
          policy,
          `AwsSolutions-IAM5[Resource::<${logicalId(stack.buckets[grant.bucket]!)}.Arn>/${grant.prefix}*]`,
          `A Distributed Map's items or results under ${grant.prefix} only: each file's keys are made at run time (declared in infra/app-model.ts).`,
        );
    }
  }

  if (stack.sandboxPayerTable)
    acknowledge(
      stack.sandboxPayerTable,
      'HIPAA.Security-DynamoDBInBackupPlan',
      "One item pointing at the sandbox payer's current memory (synthetic test data, stage sandbox only), with point-in-time recovery; losing it only restarts the simulated payer empty.",
    );
  for (const role of stack.triggerRoles) acknowledge(defaultPolicy(role), 'HIPAA.Security-IAMNoInlinePolicy', INLINE_POLICY);

  const sftp = stack.clearinghouseSftp;
  if (sftp) {
    const rotation =
      'The clearinghouse issues this SFTP login (a key pair it registers on its server); it is rotated with the clearinghouse, by ops, not by a Lambda of ours.';
    acknowledge(sftp.secret, 'AwsSolutions-SMG4', rotation);
    acknowledge(sftp.secret, 'HIPAA.Security-SecretsManagerRotationEnabled', rotation);
    for (const role of [sftp.accessRole, sftp.loggingRole])
      acknowledge(defaultPolicy(role), 'HIPAA.Security-IAMNoInlinePolicy', INLINE_POLICY);
    for (const { bucket, prefix } of Object.values(CLEARINGHOUSE_SFTP))
      acknowledge(
        defaultPolicy(sftp.accessRole),
        `AwsSolutions-IAM5[Resource::<${logicalId(stack.buckets[bucket]!)}.Arn>/${prefix}*]`,
        `Objects under ${prefix} only: each file the connector moves has its own key, known at transfer time (functions/clearinghouse/layout.ts).`,
      );
    acknowledge(
      defaultPolicy(sftp.loggingRole),
      `AwsSolutions-IAM5[Resource::<${logicalId(sftp.logGroup)}.Arn>]`,
      "The connector's own log group; its ARN ends in :* so that its log streams are covered.",
    );
  }

  for (const bucket of Object.values(stack.buckets)) acknowledge(bucket, 'HIPAA.Security-S3BucketReplicationEnabled', REPLICATION);
  acknowledge(stack.accessLogs, 'HIPAA.Security-S3BucketReplicationEnabled', REPLICATION);
  acknowledge(
    stack.accessLogs,
    'HIPAA.Security-S3DefaultEncryptionKMS',
    'S3 server access logging delivers only to buckets encrypted with SSE-S3; the logs hold request metadata, not PHI.',
  );
  acknowledge(stack.triggerDeadLetters, 'AwsSolutions-SQS3', 'This queue is the dead-letter queue of the EventBridge trigger targets.');

  const { audit } = stack;
  acknowledge(audit.trailBucket, 'HIPAA.Security-S3BucketReplicationEnabled', REPLICATION);
  acknowledge(defaultPolicy(audit.trail.node.findChild('LogsRole')), 'HIPAA.Security-IAMNoInlinePolicy', INLINE_POLICY);
  if (stack.console)
    acknowledgeConsoleFindings(
      stack.console,
      stack.model.stateMachines.map((m) => `${stack.stackName}-${m.name}`),
    );
  for (const selection of ['Table', ...(stack.auditTrail ? ['AuditTrail'] : []), ...(stack.console ? ['ConsoleState'] : [])])
    acknowledge(
      audit.backupPlan.node.findChild(selection).node.findChild('Role'),
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      'AWS Backup assumes this role; the AWS-managed backup policy is the one AWS keeps current for the services it backs up.',
    );
}

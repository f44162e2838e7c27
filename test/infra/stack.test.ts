import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { describe, expect, it } from 'vitest';
import { appModel, definitionSubstitutions, functionEnvironment, placeholdersIn, substitute } from '#infra/app-model.ts';
import { repoRoot } from '#infra/aws/app.ts';
import { DISTRIBUTED_MAP_FILES_DAYS } from '#infra/aws/patient-accounts-stack.ts';
import { stateMachineArn } from '#infra/aws/workflows.ts';
import { localResolver } from '#infra/local/stack.ts';
import { localStateMachineArn } from '#infra/local/sfn/local-step-functions.ts';
import { synthesize } from './app.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };

const { app, stack, template } = synthesize();
const resources = template.toJSON().Resources as Record<string, Resource>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  stack.resolve((construct.node.defaultChild as { logicalId: string }).logicalId) as string;
const ref = (construct: { node: { defaultChild?: unknown } }) => ({ Ref: logicalId(construct) });
const arnOf = (construct: { node: { defaultChild?: unknown } }) => ({ 'Fn::GetAtt': [logicalId(construct), 'Arn'] });

describe('every function of the model', () => {
  it.each(stack.model.functions.map((spec) => [spec.name, spec] as const))('%s exists with its settings', (name, spec) => {
    const fn = stack.functions[name]!;
    const props = resources[logicalId(fn.function)]!.Properties;
    expect(props).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: spec.memoryMb,
      Timeout: spec.timeoutSeconds,
      TracingConfig: { Mode: 'Active' },
      Handler: 'index.handler',
      DeadLetterConfig: { TargetArn: arnOf(stack.functionDeadLetters) },
      LoggingConfig: { LogGroup: ref(fn.logGroup) },
    });
    expect(props.ReservedConcurrentExecutions).toEqual(spec.reservedConcurrency);
    expect(resources[logicalId(fn.logGroup)]!.Properties.KmsKeyId).toEqual(arnOf(stack.opsKey));
  });

  it('gets exactly the environment its declaration derives, plus the Powertools settings', () => {
    const resolver = {
      functionArn: (name: string) => stack.functions[name]!.function.functionArn,
      // Formatted from the name, as the stack does: a Ref to the state machine would be a dependency cycle.
      stateMachineArn: (name: string) => stateMachineArn(stack, name),
      bucketName: (name: string) => stack.buckets[name]!.bucketName,
      tableName: () => stack.table.tableName,
      auditTableName: () => stack.auditTrail!.table.tableName,
    };
    for (const spec of stack.model.functions) {
      const env = (
        resources[logicalId(stack.functions[spec.name]!.function)]!.Properties.Environment as { Variables: Record<string, unknown> }
      ).Variables;
      const derived = stack.resolve(functionEnvironment(stack.model, spec, resolver, stack.stage.payer)) as Record<string, unknown>;
      const { NODE_OPTIONS, LOG_LEVEL, POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE, BUSINESS_METRICS, ...rest } = env;
      expect(rest, spec.name).toEqual(derived);
      expect({ NODE_OPTIONS, LOG_LEVEL, POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE }).toEqual({
        NODE_OPTIONS: '--enable-source-maps',
        LOG_LEVEL: 'INFO',
        POWERTOOLS_SERVICE_NAME: 'patient-accounts',
        POWERTOOLS_METRICS_NAMESPACE: 'PatientAccounts',
      });
      expect(BUSINESS_METRICS === undefined ? [] : JSON.parse(String(BUSINESS_METRICS)), spec.name).toEqual(
        (spec.metrics ?? []).map((m) => ({ ...m })),
      );
      expect('TABLE_NAME' in env, spec.name).toBe(Boolean(spec.access?.table));
      expect(env.PAYER_GATEWAY, spec.name).toEqual(spec.access?.payerGateway ? 'real' : undefined);
    }
  });
});

describe('every workflow of the model', () => {
  const workflowFor = (name: string) => {
    const workflow = stack.workflows[name]!;
    return { workflow, props: resources[logicalId(workflow.stateMachine)]!.Properties };
  };
  /** The file CloudFormation will read: the staged asset of `DefinitionBody.fromFile`. */
  const deployedFile = (name: string) => {
    const asset = stack.workflows[name]!.stateMachine.node.findChild('DefinitionBody') as Asset;
    return readFileSync(join(app.outdir, asset.assetPath), 'utf8');
  };
  const functionIds = new Set(ofType('AWS::Lambda::Function').map(([id]) => id));

  it.each(appModel.stateMachines.map((sm) => [sm.name, sm] as const))('%s is deployed from its file with its settings', (name, sm) => {
    const { workflow, props } = workflowFor(name);
    expect(props).toMatchObject({
      StateMachineType: 'STANDARD',
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: false,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: arnOf(workflow.logGroup) } }],
      },
      TracingConfiguration: { Enabled: true },
      EncryptionConfiguration: { Type: 'CUSTOMER_MANAGED_KMS_KEY', KmsKeyId: arnOf(stack.dataKey) },
    });
    expect(resources[logicalId(workflow.logGroup)]!.Properties.KmsKeyId).toEqual(arnOf(stack.opsKey));
    const file = readFileSync(join(repoRoot, sm.file), 'utf8');
    expect(deployedFile(name)).toEqual(file);
  });

  it.each(appModel.stateMachines.map((sm) => [sm.name, sm] as const))(
    '%s: substitutions are the local stack’s, every placeholder is filled, every Task points into this stack',
    (name, sm) => {
      const { props } = workflowFor(name);
      const text = deployedFile(name);
      const substitutions = props.DefinitionSubstitutions as Record<string, unknown>;
      // The same placeholders the local stack fills from the same `definitionSubstitutions`.
      const local = definitionSubstitutions(appModel, localResolver(localStateMachineArn));
      expect(Object.keys(substitutions).sort()).toEqual(placeholdersIn(text).sort());
      for (const key of Object.keys(substitutions)) expect(local, key).toHaveProperty(key);
      // What Step Functions will run: the file with each placeholder replaced (intrinsics as markers).
      const values = Object.values(substitutions);
      const markers = Object.fromEntries(Object.keys(substitutions).map((key, index) => [key, `@@${index}@@`]));
      const deployed = substitute(text, markers, sm.file);
      expect(deployed).not.toContain('${');
      const tasks: { Resource: string; Parameters?: Record<string, unknown> }[] = [];
      const visit = (
        states: Record<string, { Type: string; Resource?: string; Parameters?: Record<string, unknown>; [k: string]: unknown }>,
      ) => {
        for (const state of Object.values(states)) {
          if (state.Type === 'Task') tasks.push(state as (typeof tasks)[number]);
          for (const nested of [state.Iterator, state.ItemProcessor, ...((state.Branches as unknown[]) ?? [])] as { States?: object }[])
            if (nested?.States) visit(nested.States as never);
        }
      };
      visit((JSON.parse(deployed) as { States: never }).States);
      expect(tasks.length).toBeGreaterThan(0);
      const pointsAtStackFunction = (value: unknown) => {
        const match = /^@@(\d+)@@$/.exec(String(value));
        const intrinsic = match ? (values[Number(match[1])] as { 'Fn::GetAtt'?: [string, string] }) : undefined;
        return Boolean(intrinsic?.['Fn::GetAtt'] && functionIds.has(intrinsic['Fn::GetAtt'][0]) && intrinsic['Fn::GetAtt'][1] === 'Arn');
      };
      for (const task of tasks) {
        if (task.Resource.startsWith('arn:aws:states:::')) {
          expect(task.Resource).toMatch(/^arn:aws:states:::lambda:invoke(\.waitForTaskToken)?$/);
          expect(pointsAtStackFunction(task.Parameters?.FunctionName), task.Resource).toBe(true);
        } else expect(pointsAtStackFunction(task.Resource), task.Resource).toBe(true);
      }
    },
  );

  it('may invoke exactly the functions its file names', () => {
    for (const sm of appModel.stateMachines) {
      const { workflow } = workflowFor(sm.name);
      const policy = resources[logicalId(workflow.stateMachine.role.node.findChild('DefaultPolicy') as never)]!.Properties as {
        PolicyDocument: { Statement: { Sid?: string; Action: string | string[]; Resource: unknown }[] };
      };
      const invoke = policy.PolicyDocument.Statement.find((s) => s.Sid === 'InvokeFunctions')!;
      const named = placeholdersIn(readFileSync(join(repoRoot, sm.file), 'utf8'))
        .filter((p) => p.endsWith('FunctionArn'))
        .map((p) => arnOf(stack.functions[p.slice(0, -'FunctionArn'.length)]!.function));
      expect(invoke.Action).toEqual('lambda:InvokeFunction');
      expect(invoke.Resource).toEqual(named.length === 1 ? named[0] : named);
    }
  });
});

describe('the trigger', () => {
  it('starts PayerFileIntake for objects created under inbound/, with retries and a dead-letter queue', () => {
    for (const trigger of appModel.triggers) {
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: {
          source: ['aws.s3'],
          'detail-type': ['Object Created'],
          detail: { bucket: { name: [ref(stack.buckets[trigger.bucket]!)] }, object: { key: [{ prefix: trigger.prefix }] } },
        },
        Targets: [
          {
            Arn: ref(stack.workflows[trigger.stateMachine]!.stateMachine),
            DeadLetterConfig: { Arn: arnOf(stack.triggerDeadLetters) },
            RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 86_400 },
            Id: 'Target0',
            RoleArn: arnOf(stack.triggerRoles[0]! as never),
          },
        ],
      });
    }
  });
});

describe('Distributed Map working files', () => {
  it('expire from their bucket, while the payer file they came from stays', () => {
    const maps = appModel.stateMachines.flatMap((m) => m.distributedMap?.objects ?? []);
    expect(maps.length).toBeGreaterThan(0);
    for (const grant of maps) {
      const bucket = resources[logicalId(stack.buckets[grant.bucket]!)]!;
      const rules = (bucket.Properties.LifecycleConfiguration as { Rules: { Prefix?: string; ExpirationInDays?: number }[] }).Rules;
      expect(rules).toContainEqual(expect.objectContaining({ Prefix: grant.prefix, ExpirationInDays: DISTRIBUTED_MAP_FILES_DAYS }));
      // No rule may expire what triggers put in the bucket.
      for (const trigger of appModel.triggers.filter((t) => t.bucket === grant.bucket))
        expect(rules.filter((r) => r.ExpirationInDays !== undefined && trigger.prefix.startsWith(r.Prefix ?? ''))).toEqual([]);
    }
  });
});

describe('encryption and least privilege', () => {
  const projectKeys = [arnOf(stack.dataKey), arnOf(stack.opsKey)];
  const projectKeyIds = [...projectKeys, ref(stack.dataKey), ref(stack.opsKey)];

  it('encrypts every log group, queue and topic with a project key', () => {
    for (const [id, r] of ofType('AWS::Logs::LogGroup')) expect(projectKeyIds, id).toContainEqual(r.Properties.KmsKeyId);
    for (const [id, r] of ofType('AWS::SQS::Queue')) expect(projectKeyIds, id).toContainEqual(r.Properties.KmsMasterKeyId);
    for (const [id, r] of ofType('AWS::SNS::Topic')) expect(projectKeyIds, id).toContainEqual(r.Properties.KmsMasterKeyId);
    expect(ofType('AWS::Logs::LogGroup').length).toBe(stack.model.functions.length + appModel.stateMachines.length + 1);
  });

  it('encrypts every bucket with a project key, but the access-log bucket (S3 delivers access logs only to SSE-S3)', () => {
    for (const [id, r] of ofType('AWS::S3::Bucket')) {
      const byDefault = (
        r.Properties.BucketEncryption as { ServerSideEncryptionConfiguration: { ServerSideEncryptionByDefault: Record<string, unknown> }[] }
      ).ServerSideEncryptionConfiguration[0]!.ServerSideEncryptionByDefault;
      if (id === logicalId(stack.accessLogs)) expect(byDefault).toEqual({ SSEAlgorithm: 'AES256' });
      else expect(projectKeyIds, id).toContainEqual(byDefault.KMSMasterKeyID);
    }
  });

  it('grants no IAM action with a wildcard', () => {
    const statements = [
      ...ofType('AWS::IAM::Policy').map(([id, r]) => [id, r.Properties.PolicyDocument] as const),
      ...ofType('AWS::IAM::ManagedPolicy').map(([id, r]) => [id, r.Properties.PolicyDocument] as const),
      ...ofType('AWS::IAM::Role').flatMap(([id, r]) =>
        ((r.Properties.Policies as { PolicyDocument: unknown }[]) ?? []).map((p) => [id, p.PolicyDocument] as const),
      ),
    ].flatMap(([id, doc]) => (doc as { Statement: { Action: string | string[] }[] }).Statement.map((s) => [id, s] as const));
    expect(statements.length).toBeGreaterThan(0);
    for (const [id, statement] of statements) {
      for (const action of [statement.Action].flat()) expect(action, id).not.toContain('*');
    }
  });

  it('lets a function touch only what it declares', () => {
    const policyOf = (name: string) =>
      JSON.stringify(resources[logicalId(stack.functions[name]!.role.node.findChild('DefaultPolicy') as never)]!.Properties.PolicyDocument);
    expect(policyOf('InspectInboundFile')).not.toMatch(/dynamodb:|s3:PutObject|s3:DeleteObject|secretsmanager:|states:/);
    expect(policyOf('QuarantineInboundFile')).toContain('s3:DeleteObject');
    expect(policyOf('AwaitClaimUpdate')).not.toMatch(/s3:|secretsmanager:/);
    expect(policyOf('SubmitClaims')).toContain('secretsmanager:GetSecretValue');
    expect(policyOf('SubmitClaims')).toContain('patient-accounts/dev/clearinghouse-core-??????');
    expect(policyOf('CheckEligibility')).not.toContain('s3:');
    for (const spec of stack.model.functions) {
      expect(policyOf(spec.name).includes('states:SendTaskSuccess'), spec.name).toBe(Boolean(spec.access?.taskTokens));
      // The audit trail takes PutItem too (on its own table only: see test/infra/api-consumers.test.ts).
      expect(policyOf(spec.name).includes('dynamodb:PutItem'), spec.name).toBe(
        spec.access?.table === 'readWrite' || Boolean(spec.access?.audit),
      );
      // Resuming a workflow (or starting one) encrypts the task's output (the execution's input) with the workflows' key.
      const handsWorkflowData = Boolean(spec.access?.taskTokens) || (spec.access?.startExecutions ?? []).length > 0;
      expect(policyOf(spec.name).includes('aws:states:stateMachineArn'), spec.name).toBe(handsWorkflowData);
      expect(policyOf(spec.name).includes('states:StartExecution'), spec.name).toBe((spec.access?.startExecutions ?? []).length > 0);
    }
  });

  it('names the state machines a function starts by ARN, never by reference, so a workflow may invoke the function that starts it', () => {
    const policy = JSON.stringify(
      resources[logicalId(stack.functions.SettleClaim!.role.node.findChild('DefaultPolicy') as never)]!.Properties.PolicyDocument,
    );
    expect(policy).toContain('states:StartExecution');
    expect(policy).toContain('-ClaimLifecycle');
    // A Ref or GetAtt on a state machine here would make its definition (which names the function) and this policy depend on each other.
    for (const [id] of ofType('AWS::StepFunctions::StateMachine')) expect(policy).not.toContain(`"${id}"`);
  });
});

describe('ops and audit', () => {
  it('alarms on failed and timed-out executions, quarantined files, unmatched remittance claims and dead letters, to the encrypted topic', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm');
    expect(alarms.length).toBe(appModel.stateMachines.length * 2 + 2 + 2);
    for (const [, alarm] of alarms) expect(alarm.Properties.AlarmActions).toEqual([ref(stack.operations.topic)]);
    const names = alarms.map(([, a]) => String(a.Properties.MetricName));
    expect(names).toEqual(
      expect.arrayContaining([
        'ExecutionsFailed',
        'ExecutionsTimedOut',
        'FilesQuarantined',
        'RemittanceClaimsUnmatched',
        'ApproximateNumberOfMessagesVisible',
      ]),
    );
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: stack.stage.alarmEmail });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('keeps a validated, encrypted trail with data events on every PHI bucket, and backs the table up', () => {
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      EnableLogFileValidation: true,
      KMSKeyId: arnOf(stack.opsKey),
      IsMultiRegionTrail: true,
    });
    const [trail] = ofType('AWS::CloudTrail::Trail');
    const selectors = JSON.stringify(trail![1].Properties.EventSelectors);
    for (const spec of appModel.buckets) expect(selectors).toContain(logicalId(stack.buckets[spec.name]!));
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: { Resources: [arnOf(stack.table)] },
    });
    template.hasResourceProperties('AWS::Backup::BackupVault', { EncryptionKeyArn: arnOf(stack.dataKey) });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArnFormat, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  CustomerManagedEncryptionConfiguration,
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { placeholdersIn, type ObjectGrant, type StateMachineSpec } from '#infra/app-model.ts';

export interface WorkflowProps {
  readonly spec: StateMachineSpec;
  readonly rootDir: string;
  /** Every substitution of the model (`definitionSubstitutions`); the workflow receives those its file uses. */
  readonly substitutions: Readonly<Record<string, string>>;
  /** ARN of each function of the model, by name, for the invoke permissions. */
  readonly functionArns: Readonly<Record<string, string>>;
  readonly dataKey: IKey;
  readonly logKey: IKey;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
  /** The model's buckets, by name: a Distributed Map's ItemReader and ResultWriter objects are in them. */
  readonly buckets?: Readonly<Record<string, IBucket>>;
}

/** The physical name of a workflow's state machine (known before it exists, so workflows may name each other). */
export function stateMachineName(scope: Construct, name: string): string {
  return `${Stack.of(scope).stackName}-${name}`;
}

/** Matches the ARN of every workflow's state machine of the stack. */
export function stateMachineArnPattern(scope: Construct): string {
  return stateMachineArn(scope, '*');
}

/** The ARN of a workflow's state machine, from its name. */
export function stateMachineArn(scope: Construct, name: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: stateMachineName(scope, name),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/**
 * One workflow file deployed as it is (`DefinitionBody.fromFile`, the same placeholders the local stack
 * substitutes): Standard, logged at ALL without execution data (it holds PHI), traced, encrypted with
 * the data key. Its role may invoke exactly the functions its file names.
 */
export class Workflow extends Construct {
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;
  /** The placeholders the file uses. */
  readonly placeholders: readonly string[];

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);
    const { spec } = props;
    const file = join(props.rootDir, spec.file);
    this.placeholders = placeholdersIn(readFileSync(file, 'utf8'));
    const definitionSubstitutions: Record<string, string> = {};
    for (const key of this.placeholders) {
      const value = props.substitutions[key];
      if (value === undefined) throw new Error(`${spec.file}: unknown placeholder \${${key}}`);
      definitionSubstitutions[key] = value;
    }
    const name = stateMachineName(this, spec.name);
    this.logGroup = new LogGroup(this, 'Logs', {
      // Step Functions' log delivery writes to /aws/vendedlogs/ without growing the account's resource policy.
      logGroupName: `/aws/vendedlogs/states/${name}`,
      encryptionKey: props.logKey,
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: name,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromFile(file),
      definitionSubstitutions,
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
      encryptionConfiguration: new CustomerManagedEncryptionConfiguration(props.dataKey),
    });
    const invoked = this.placeholders
      .filter((key) => key.endsWith('FunctionArn'))
      .map((key) => props.functionArns[key.slice(0, -'FunctionArn'.length)]!);
    if (invoked.length > 0) {
      this.stateMachine.addToRolePolicy(
        new PolicyStatement({ sid: 'InvokeFunctions', actions: ['lambda:InvokeFunction'], resources: invoked }),
      );
    }
    if (spec.distributedMap) this.allowDistributedMaps(spec.distributedMap.objects, props);
    const started = this.placeholders.filter((key) => key.endsWith('StateMachineArn')).map((key) => definitionSubstitutions[key]!);
    if (started.length > 0) {
      // A child workflow started without `.sync`; a `.sync` child also needs DescribeExecution and the managed rule.
      this.stateMachine.addToRolePolicy(
        new PolicyStatement({ sid: 'StartWorkflows', actions: ['states:StartExecution'], resources: started }),
      );
    }
  }

  /**
   * A Distributed Map runs its items as child executions of this state machine (StartExecution on itself,
   * DescribeExecution and StopExecution on its executions), may be described as a Map Run, reads its
   * items (ItemReader: GetObject) and writes its results (ResultWriter: PutObject, multipart) in buckets
   * encrypted with the data key.
   */
  private allowDistributedMaps(objects: readonly ObjectGrant[], props: WorkflowProps): void {
    const stack = Stack.of(this);
    const name = stateMachineName(this, props.spec.name);
    const arn = (resource: string, resourceName: string) =>
      stack.formatArn({ service: 'states', resource, resourceName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const role = this.stateMachine;
    role.addToRolePolicy(
      new PolicyStatement({
        sid: 'StartMapChildren',
        actions: ['states:StartExecution'],
        resources: [stateMachineArn(this, props.spec.name)],
      }),
    );
    role.addToRolePolicy(
      new PolicyStatement({
        sid: 'WatchMapChildren',
        actions: ['states:DescribeExecution', 'states:StopExecution'],
        resources: [arn('execution', `${name}/*`)],
      }),
    );
    role.addToRolePolicy(
      new PolicyStatement({ sid: 'DescribeMapRuns', actions: ['states:DescribeMapRun'], resources: [arn('mapRun', `${name}/*`)] }),
    );
    const reads = objects.filter((o) => o.access.includes('read'));
    const writes = objects.filter((o) => o.access.includes('write'));
    const objectArns = (grants: readonly ObjectGrant[]) => grants.map((g) => props.buckets![g.bucket]!.arnForObjects(`${g.prefix}*`));
    if (reads.length > 0)
      role.addToRolePolicy(new PolicyStatement({ sid: 'ReadMapItems', actions: ['s3:GetObject'], resources: objectArns(reads) }));
    if (writes.length > 0)
      role.addToRolePolicy(
        new PolicyStatement({
          sid: 'WriteMapResults',
          actions: ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'],
          resources: objectArns(writes),
        }),
      );
    role.addToRolePolicy(
      new PolicyStatement({
        sid: 'MapObjectsKey',
        actions: ['kms:Decrypt', ...(writes.length > 0 ? ['kms:GenerateDataKey'] : [])],
        resources: [props.dataKey.keyArn],
      }),
    );
  }
}

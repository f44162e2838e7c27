/**
 * The cdk-nag findings the ops console accepts (infra/aws/console.ts), each on its resource with why.
 * Called from infra/aws/nag.ts where the stage deploys the console.
 */
import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { OpsConsole } from './console.ts';

function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

const INLINE_POLICY =
  'The policy belongs to exactly one role, which only this resource assumes; a managed policy would add an attachable object nobody else should attach.';

/** Acknowledges the console's findings; `machines` are the state machines' names (`<stack>-<workflow>`). */
export function acknowledgeConsoleFindings(console: OpsConsole, machines: readonly string[]): void {
  const stack = Stack.of(console);
  const logicalId = (construct: IConstruct) => stack.resolve((construct.node.defaultChild as CfnElement).logicalId) as string;

  for (const [role, fn] of Object.entries(console.functions)) {
    acknowledge(fn.function, 'AwsSolutions-L1', 'Node.js 22 is the runtime the project builds, tests and supports (package.json engines).');
    acknowledge(
      fn.function,
      'HIPAA.Security-LambdaInsideVPC',
      'The function calls AWS APIs only (Step Functions, Lambda, DynamoDB) over TLS and holds no listener; a VPC would add NAT and endpoints and no control.',
    );
    if (role !== 'refresher')
      acknowledge(
        fn.function,
        'HIPAA.Security-LambdaConcurrency',
        role === 'server'
          ? "Bounded by the HTTP API's throttling (50 requests a second) and the few ops users; reserving would take capacity from the account."
          : "Invoked by EventBridge for the application's executions, whose rate the workflows bound; reserving would take capacity from the account.",
      );
    const policy = fn.role.node.findChild('DefaultPolicy');
    acknowledge(policy, 'HIPAA.Security-IAMNoInlinePolicy', INLINE_POLICY);
    acknowledge(
      policy,
      'AwsSolutions-IAM5[Resource::*]',
      role === 'server'
        ? 'X-Ray PutTraceSegments/PutTelemetryRecords and states:ListStateMachines accept no resource but "*".'
        : 'X-Ray PutTraceSegments/PutTelemetryRecords accept no resource but "*".',
    );
    acknowledge(
      policy,
      `AwsSolutions-IAM5[Resource::<${logicalId(console.table)}.Arn>/index/*]`,
      "The console table's own indexes (execution index by workflow and status, by state, by claim id); no other table.",
    );
    for (const machine of machines)
      acknowledge(
        policy,
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${machine}:*]`,
        `Executions of ${machine} only: each execution's name is known at run time.`,
      );
  }

  const cdn =
    'Reached only by the hospital staff who have a console account; every /api route requires a Cognito token with MFA checked by the JWT authorizer, and the static files hold no data.';
  acknowledge(
    console.distribution,
    'AwsSolutions-CFR1',
    `${cdn} Where staff work from (geo restriction) is the hospital's setting to add.`,
  );
  acknowledge(
    console.distribution,
    'AwsSolutions-CFR2',
    `${cdn} A WAF web ACL lives in us-east-1 and is priced per rule: the hospital attaches its own (README, Ops console).`,
  );
  acknowledge(
    console.distribution,
    'AwsSolutions-CFR4',
    "The distribution's default *.cloudfront.net certificate cannot be pinned to TLS 1.2; a custom domain with an ACM certificate and the TLSv1.2_2021 policy is the hospital's to add.",
  );
  acknowledge(
    console.webBucket,
    'HIPAA.Security-S3BucketReplicationEnabled',
    'The built front end only (no PHI), rebuilt and redeployed by every deployment.',
  );
  acknowledge(
    console.webBucket,
    'HIPAA.Security-S3DefaultEncryptionKMS',
    'The built front end only (no PHI), read by CloudFront through origin access control; SSE-S3 avoids a key policy for CloudFront.',
  );

  // CDK's own function that copies the front end into the bucket at deployment.
  const deployer = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (deployer) {
    const cdk = "CDK's BucketDeployment provider (runs only during a deployment, copies the console's static files)";
    acknowledge(deployer, 'AwsSolutions-L1', `${cdk}: its runtime is chosen by aws-cdk-lib.`);
    acknowledge(deployer, 'HIPAA.Security-LambdaConcurrency', `${cdk}: one invocation per deployment.`);
    acknowledge(deployer, 'HIPAA.Security-LambdaDLQ', `${cdk}: CloudFormation invokes it synchronously and reports its failure.`);
    acknowledge(deployer, 'HIPAA.Security-LambdaInsideVPC', `${cdk}: it calls S3 and CloudFront APIs only.`);
    acknowledge(deployer, 'HIPAA.Security-IAMNoInlinePolicy', `${cdk}: ${INLINE_POLICY}`);
    acknowledge(
      deployer,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      `${cdk}: the managed policy writes its own logs only.`,
    );
    for (const id of [
      'AwsSolutions-IAM5[Action::s3:Abort*]',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      'AwsSolutions-IAM5[Action::s3:GetObject*]',
      'AwsSolutions-IAM5[Action::s3:List*]',
      'AwsSolutions-IAM5[Resource::*]',
      `AwsSolutions-IAM5[Resource::<${logicalId(console.webBucket)}.Arn>/*]`,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
    ])
      acknowledge(
        deployer,
        id,
        `${cdk}: it reads the staged asset and replaces the web bucket's objects; CloudFront invalidation takes no resource.`,
      );
  }
}

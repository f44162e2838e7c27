import { describe, expect, it } from 'vitest';
import { appModel } from '#infra/app-model.ts';
import { prodSettings, synthesize } from './app.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };

const synth = (context: Record<string, unknown>) => {
  const { stack, template } = synthesize(context);
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
    stack.resolve((construct.node.defaultChild as { logicalId: string }).logicalId) as string;
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const policyOf = (name: string) =>
    JSON.stringify(resources[logicalId(stack.functions[name]!.role.node.findChild('DefaultPolicy') as never)]!.Properties.PolicyDocument);
  const envOf = (name: string) =>
    (resources[logicalId(stack.functions[name]!.function)]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
  return { stack, template, resources, logicalId, ofType, policyOf, envOf };
};

const payerFunctions = appModel.functions.filter((fn) => fn.access?.payerGateway).map((fn) => fn.name);

describe('the sandbox stage deploys the sandbox payer', () => {
  const { stack, resources, logicalId, ofType, policyOf, envOf } = synth({ stage: 'sandbox' });
  const tick = stack.functions.SandboxPayerTick!;
  const memoryTable = stack.sandboxPayerTable!;

  it('has the tick function, reserved to one at a time, on its schedule with a dead-letter queue', () => {
    expect(resources[logicalId(tick.function)]!.Properties.ReservedConcurrentExecutions).toBe(1);
    // The tick's own schedule (other functions have theirs, e.g. SendStatements).
    const rules = ofType('AWS::Events::Rule').filter(
      ([, r]) => r.Properties.ScheduleExpression !== undefined && JSON.stringify(r.Properties.Targets).includes(logicalId(tick.function)),
    );
    expect(rules).toHaveLength(1);
    const rule = rules[0]![1].Properties;
    expect(rule.ScheduleExpression).toBe('rate(5 minutes)');
    expect(rule.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [logicalId(tick.function), 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(stack.triggerDeadLetters), 'Arn'] } },
        RetryPolicy: expect.objectContaining({ MaximumRetryAttempts: 2 }),
      }),
    ]);
    const permissions = ofType('AWS::Lambda::Permission').map(([, p]) => p.Properties);
    expect(permissions).toContainEqual(
      expect.objectContaining({ Principal: 'events.amazonaws.com', FunctionName: { 'Fn::GetAtt': [logicalId(tick.function), 'Arn'] } }),
    );
  });

  it('keeps the payer’s memory pointer in a table encrypted with the data key, with point-in-time recovery', () => {
    expect(resources[logicalId(memoryTable)]!.Properties).toMatchObject({
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [logicalId(stack.dataKey), 'Arn'] } },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    // Retired generations (noncurrent versions in the versioned outbox) expire after a week.
    expect(resources[logicalId(stack.buckets.Outbox!)]!.Properties.LifecycleConfiguration).toEqual({
      Rules: [
        expect.objectContaining({
          Id: 'SandboxPayerRetiredMemory',
          Prefix: 'sandbox-payer/',
          NoncurrentVersionExpiration: { NoncurrentDays: 7 },
          Status: 'Enabled',
        }),
      ],
    });
  });

  it('points the payer functions and the tick at the memory, and the payer functions at the deployed sandbox', () => {
    const memoryEnv = {
      SANDBOX_PAYER_TABLE_NAME: { Ref: logicalId(memoryTable) },
      SANDBOX_PAYER_BUCKET_NAME: { Ref: logicalId(stack.buckets.Outbox!) },
      SANDBOX_PAYER_PREFIX: 'sandbox-payer/',
    };
    for (const name of payerFunctions) expect(envOf(name), name).toMatchObject({ PAYER_GATEWAY: 'sandbox-remote', ...memoryEnv });
    expect(envOf('SandboxPayerTick')).toMatchObject({ ...memoryEnv, INBOX_BUCKET_NAME: { Ref: logicalId(stack.buckets.Inbox!) } });
    expect(envOf('SandboxPayerTick').PAYER_GATEWAY).toBeUndefined();
    expect(envOf('SandboxPayerTick').TABLE_NAME).toBeUndefined();
  });

  it('grants the tick only the memory and writing under inbound/ in the inbox', () => {
    const policy = JSON.parse(policyOf('SandboxPayerTick')) as {
      Statement: { Sid?: string; Action: string | string[]; Resource: unknown }[];
    };
    const bySid = Object.fromEntries(policy.Statement.filter((s) => s.Sid).map((s) => [s.Sid, s]));
    expect(bySid.SandboxPayerPointer).toMatchObject({
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      Resource: { 'Fn::GetAtt': [logicalId(memoryTable), 'Arn'] },
    });
    expect(bySid.SandboxPayerMemory).toMatchObject({ Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'] });
    expect(JSON.stringify(bySid.SandboxPayerMemory!.Resource)).toContain('/sandbox-payer/*');
    expect(bySid.Objects0).toMatchObject({ Action: 's3:PutObject' });
    expect(JSON.stringify(bySid.Objects0!.Resource)).toContain('/inbound/*');
    const text = JSON.stringify(policy);
    expect(text).not.toContain(logicalId(stack.table));
    expect(text).not.toMatch(/secretsmanager:|states:|s3:ListBucket/);
    for (const name of payerFunctions) expect(policyOf(name), name).toContain('SandboxPayerPointer');
    for (const name of stack.model.functions.map((fn) => fn.name).filter((n) => !payerFunctions.includes(n) && n !== 'SandboxPayerTick'))
      expect(policyOf(name), name).not.toContain('SandboxPayer');
  });
});

describe.each([
  ['dev', {}],
  ['prod', prodSettings],
] as const)('the %s stage', (stage, settings) => {
  it('deploys no sandbox payer: no tick, no schedule, no memory, no grant on it', () => {
    const { stack, ofType, template } = synth({ stage, ...settings });
    expect(stack.functions.SandboxPayerTick).toBeUndefined();
    // Without a clearinghouse SFTP server in its settings, the stage has no SFTP exchange either.
    const deployed = appModel.functions
      .filter((fn) => fn.name !== 'SandboxPayerTick' && !fn.onlyWithClearinghouseSftp)
      .map((fn) => fn.name);
    expect(stack.model.functions.map((fn) => fn.name)).toEqual(deployed);
    expect(stack.sandboxPayerTable).toBeUndefined();
    // Only the schedules of the functions every stage has.
    const everyStage = (appModel.schedules ?? []).filter((schedule) => deployed.includes(schedule.function));
    expect(ofType('AWS::Events::Rule').filter(([, r]) => r.Properties.ScheduleExpression !== undefined)).toHaveLength(everyStage.length);
    // The patient-accounts table and the PHI access audit trail; no sandbox payer memory.
    expect(ofType('AWS::DynamoDB::Table')).toHaveLength(2);
    expect(JSON.stringify(template.toJSON())).not.toMatch(/sandbox-payer|SANDBOX_PAYER|sandbox-remote/);
  });
});

/**
 * The Lambda APIs in AWS: one alias per consumer whose resource policy admits only that consumer's
 * principal (from the stage's context), and the PHI access audit trail in its own table and key, to
 * which the application may only add.
 */
import { describe, expect, it } from 'vitest';
import { auditTrailTable } from '#functions/store/table-definition.ts';
import { stageConfig } from '#infra/aws/stage.ts';
import { synthesize } from './app.ts';
import { App } from 'aws-cdk-lib';

type Resource = { Type: string; Properties: Record<string, unknown> };

const principals = {
  'patient-portal': 'arn:aws:iam::111122223333:role/patient-portal-api',
  'billing-office': 'arn:aws:iam::111122223333:role/billing-office-tools',
};
const { stack, template } = synthesize({ consumers: principals });
const resources = template.toJSON().Resources as Record<string, Resource>;
const ofType = (type: string) => Object.values(resources).filter((r) => r.Type === type);
const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  stack.resolve((construct.node.defaultChild as { logicalId: string }).logicalId) as string;

describe('API consumers', () => {
  it('get one alias per API they call, named after them, on the function’s version', () => {
    const aliases = ofType('AWS::Lambda::Alias').map((r) => r.Properties);
    const expected = (stack.model.apiConsumers ?? [])
      .filter((c) => c.name in principals)
      .flatMap((c) => c.apis.map((api) => `${api}/${c.name}`))
      .sort();
    expect(Object.keys(stack.apiConsumers.aliases).sort()).toEqual(expected);
    expect(aliases).toHaveLength(expected.length);
    for (const [key, alias] of Object.entries(stack.apiConsumers.aliases)) {
      const [api, consumer] = key.split('/') as [string, string];
      expect(resources[logicalId(alias)]!.Properties).toMatchObject({
        Name: consumer,
        FunctionName: { Ref: logicalId(stack.functions[api]!.function) },
      });
    }
  });

  it('are admitted only by their own principal, never by a wildcard', () => {
    const permissions = ofType('AWS::Lambda::Permission').filter((r) =>
      Object.values(stack.apiConsumers.aliases).some((alias) => JSON.stringify(r.Properties.FunctionName).includes(logicalId(alias))),
    );
    expect(permissions).toHaveLength(Object.keys(stack.apiConsumers.aliases).length);
    for (const permission of permissions) {
      expect(permission.Properties.Action).toBe('lambda:InvokeFunction');
      expect(Object.values(principals)).toContain(permission.Properties.Principal);
    }
    for (const permission of ofType('AWS::Lambda::Permission')) expect(permission.Properties.Principal).not.toBe('*');
    // The registration consumer has no principal in this stage: no alias of its name.
    expect(Object.keys(stack.apiConsumers.aliases).some((k) => k.endsWith('/registration'))).toBe(false);
  });

  it('are refused a principal that is not one IAM role or user', () => {
    const app = new App({
      context: { stage: 'sandbox', stages: { sandbox: { payerGateway: 'sandbox', alarmEmail: 'a@b.example', logRetentionDays: 30 } } },
    });
    app.node.setContext('consumers', JSON.stringify({ 'patient-portal': '*' }));
    expect(() => stageConfig(app.node)).toThrow(/consumers.patient-portal is not an IAM role or user ARN/);
  });
});

describe('the PHI access audit trail', () => {
  it('is its own table, with its own key, point-in-time recovery and deletion protection, kept forever', () => {
    const trail = resources[logicalId(stack.auditTrail!.table)]!;
    expect(trail.Properties).toMatchObject({
      KeySchema: [
        { AttributeName: auditTrailTable.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: auditTrailTable.sortKey.name, KeyType: 'RANGE' },
      ],
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [logicalId(stack.auditTrail!.key), 'Arn'] } },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
    expect(trail.Properties.TimeToLiveSpecification).toBeUndefined();
    expect(logicalId(stack.auditTrail!.key)).not.toBe(logicalId(stack.dataKey));
  });

  it('may only be added to by the application: no role updates or deletes an entry; only the report queries it', () => {
    const trailArn = JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.auditTrail!.table), 'Arn'] });
    const onTrail = ofType('AWS::IAM::Policy')
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement)
      .filter((s) => JSON.stringify(s.Resource).includes(trailArn));
    expect(onTrail.length).toBeGreaterThan(0);
    const actions = new Set(onTrail.flatMap((s) => [s.Action].flat()));
    expect([...actions].sort()).toEqual(['dynamodb:PutItem', 'dynamodb:Query']);
    for (const spec of stack.model.functions) {
      const policy = JSON.stringify(
        resources[logicalId(stack.functions[spec.name]!.role.node.findChild('DefaultPolicy') as never)]!.Properties.PolicyDocument,
      );
      expect(policy.includes(trailArn), spec.name).toBe(Boolean(spec.access?.audit));
    }
  });
});

/**
 * Per-stage consumer principals: sandbox and prod name every API consumer's IAM principal in cdk.json
 * (a role of the stage's own account by default), a non-dev stage that leaves one out fails the synth
 * saying which and how to fix it, and `"none"` deploys no alias for a consumer on purpose.
 */
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { stageConfig } from '#infra/aws/stage.ts';
import { cdkContext, prodSettings, synthesize } from './app.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Stages = Record<string, Record<string, unknown>>;
const stages = cdkContext.stages as Stages;
const configOf = (context: Record<string, unknown>) => stageConfig(new App({ context: { ...cdkContext, ...context } }).node);
/** The cdk.json stages with one stage's consumers replaced. */
const withConsumers = (stage: string, consumers: unknown): Stages => ({ ...stages, [stage]: { ...stages[stage], consumers } });

describe('consumer principals per stage', () => {
  it('are named in cdk.json for every consumer in sandbox and prod', () => {
    for (const stage of ['sandbox', 'prod'])
      expect(Object.keys(configOf({ stage, ...prodSettings }).consumers).sort(), stage).toEqual([
        'billing-office',
        'patient-portal',
        'registration',
      ]);
  });

  it('fail the synth of a non-dev stage that leaves a consumer out, naming it and the fix', () => {
    const missing = withConsumers('sandbox', { 'patient-portal': 'role/portal' });
    expect(() => configOf({ stage: 'sandbox', stages: missing })).toThrow(
      /Stage sandbox: consumers must name every API consumer's IAM principal in this stage; missing: registration, billing-office \(give a role ARN, "role\/NAME" for a role of this account, or "none"/,
    );
    const none = withConsumers('prod', undefined);
    expect(() => configOf({ stage: 'prod', ...prodSettings, stages: none })).toThrow(
      /missing: patient-portal, registration, billing-office/,
    );
    // dev may go without: its APIs are then called by nobody outside the account's own tools.
    expect(configOf({}).consumers).toEqual({});
  });

  it('take "none" for a consumer the hospital does not run in that stage: no alias of its name', () => {
    const config = configOf({
      stage: 'sandbox',
      stages: withConsumers('sandbox', { 'patient-portal': 'none', registration: 'none', 'billing-office': 'role/ops/billing-office' }),
    });
    expect(config.consumers).toEqual({ 'billing-office': 'role/ops/billing-office' });
  });

  it('admit a role of the stage’s own account by name, and a full ARN as given', () => {
    const { stack, template } = synthesize({
      stage: 'sandbox',
      consumers: JSON.stringify({
        'patient-portal': 'arn:aws:iam::111122223333:role/portal',
        registration: 'none',
        'billing-office': 'role/patient-accounts-sandbox-billing-office',
      }),
    });
    const resources = template.toJSON().Resources as Record<string, Resource>;
    const logicalId = (c: { node: { defaultChild?: unknown } }) =>
      stack.resolve((c.node.defaultChild as { logicalId: string }).logicalId) as string;
    const principalOf = (key: string) =>
      Object.values(resources).find(
        (r) =>
          r.Type === 'AWS::Lambda::Permission' &&
          JSON.stringify(r.Properties.FunctionName).includes(logicalId(stack.apiConsumers.aliases[key]!)),
      )!.Properties.Principal;
    expect(principalOf('GetAccount/patient-portal')).toBe('arn:aws:iam::111122223333:role/portal');
    expect(principalOf('RegisterProvider/billing-office')).toEqual({
      'Fn::Join': [
        '',
        ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/patient-accounts-sandbox-billing-office'],
      ],
    });
    expect(Object.keys(stack.apiConsumers.aliases).some((k) => k.endsWith('/registration'))).toBe(false);
  });
});
